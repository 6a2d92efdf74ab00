"""The SQL expansion gives the same codes and deadlines as the Python rules it replaces."""

import pytest
from django.db import transaction
from django.utils import timezone

from danvan.demo.national import national_generate, tracking_code
from danvan.petitions import deadlines
from danvan.petitions.models import LegalLimit, Petition, PetitionEvent

pytestmark = pytest.mark.django_db


class _Rollback(Exception):
    pass


def test_it_computes_tracking_codes_and_working_day_deadlines_like_the_services(tree):
    limits = {limit.kind: limit for limit in LegalLimit.objects.all()}
    try:
        with transaction.atomic():
            national_generate(petitions=400, years=1, seed=7, start_year=2024, rebuild=False)
            petitions = list(Petition.objects.order_by("pk"))
            events = list(
                PetitionEvent.objects.order_by("pk").values_list("petition_id", "kind", "at", "due_date")
            )
            raise _Rollback
    except _Rollback:
        pass

    assert [p.tracking_code for p in petitions] == [tracking_code(index=i) for i in range(400)]
    timeline: dict[int, list[tuple]] = {}
    for petition_id, kind, at, due in events:
        timeline.setdefault(petition_id, []).append((kind, timezone.localtime(at).date(), due))
    checked = 0
    for petition in petitions:
        limit = limits[petition.kind]
        received = timezone.localtime(petition.received_at).date()
        assert petition.acceptance_due == deadlines.add_days(received, limit.acceptance_days, limit.day_type)
        due = None
        for kind, day, event_due in timeline[petition.pk]:
            if kind == "accepted" and event_due:
                days = deadlines.resolution_days(
                    limit, is_complex=petition.is_complex, is_remote=petition.is_remote
                )
                due = deadlines.add_days(day, days, limit.day_type)
                assert event_due == due, petition.tracking_code
                checked += 1
            if kind == "extended":
                due = deadlines.add_days(due, limit.extension_days, limit.day_type)
                assert event_due == due, petition.tracking_code
        assert petition.due_date == due
    assert checked > 100
