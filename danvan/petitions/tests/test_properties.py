"""Any sequence of actions by any persona leaves a petition in a legal state that matches its timeline."""

import contextlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.petitions import services
from danvan.petitions.lifecycle import TRANSITIONS, derive_status
from danvan.petitions.models import Petition
from danvan.petitions.tests.factories import organisation, receive

ACTIONS = [
    "answer_on_spot",
    "accept",
    "forward",
    "extend",
    "answer",
    "rate",
    "citizen_reopen",
    "reopen",
    "merge",
    "close",
    "reject",
    "note",
]
PERSONAS = ["officer_a", "officer_b", "province_board", "admin_a", "outsider"]


def act(personas, petition, other, action, who):
    user = getattr(personas, who)
    t = personas.tree
    calls = {
        "answer_on_spot": lambda: services.petition_answer_on_spot(
            actor=user, petition=petition, answer="Trả lời"
        ),
        "accept": lambda: services.petition_accept(
            actor=user, petition=petition, organisation=organisation(petition.handling_unit)
        ),
        "forward": lambda: services.petition_forward(
            actor=user,
            petition=petition,
            reason="Thẩm quyền",
            to_unit=t.province if petition.handling_unit != t.province else t.commune_b,
        ),
        "extend": lambda: services.petition_extend(actor=user, petition=petition, reason="Phức tạp"),
        "answer": lambda: services.petition_answer(actor=user, petition=petition, answer="Trả lời"),
        "rate": lambda: services.petition_rate(petition=petition, rating=3),
        "citizen_reopen": lambda: services.petition_citizen_reopen(
            petition=petition, reason="Chưa thỏa đáng"
        ),
        "reopen": lambda: services.petition_reopen(actor=user, petition=petition, reason="Mở lại"),
        "merge": lambda: services.petition_merge(actor=user, petition=petition, into=other),
        "close": lambda: services.petition_close(actor=user, petition=petition),
        "reject": lambda: services.petition_reject(
            actor=user, petition=petition, reason="Không thuộc phạm vi"
        ),
        "note": lambda: services.petition_note(actor=user, petition=petition, text="Ghi chú"),
    }
    with contextlib.suppress(ValidationError, PermissionDenied):
        calls[action]()


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(st.tuples(st.sampled_from(ACTIONS), st.sampled_from(PERSONAS)), max_size=12),
    kind=st.sampled_from(["petition", "complaint", "denunciation"]),
)
def test_it_never_reaches_an_illegal_state(personas, steps, kind):
    petition = receive(personas, kind=kind).petition
    other = receive(personas).petition
    for action, who in steps:
        act(personas, Petition.objects.get(pk=petition.pk), other, action, who)
        fresh = Petition.objects.get(pk=petition.pk)
        events = list(fresh.events.values_list("kind", flat=True))
        assert derive_status(events) == fresh.status
        assert fresh.version == len(events)
        assert all(
            (None if i == 0 else derive_status(events[:i]), e) in TRANSITIONS for i, e in enumerate(events)
        )
        assert fresh.extensions <= 2
        assert (fresh.merged_into_id is not None) == (fresh.status == "merged")
