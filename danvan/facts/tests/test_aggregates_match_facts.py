"""The pre-aggregates kept by the services always equal a recount from the facts."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.facts.models import MonthlyCount, RollupCount
from danvan.facts.selectors import counts, total
from danvan.facts.services import aggregates_rebuild
from danvan.meetings import services as meetings
from danvan.meetings.tests.factories import held
from danvan.petitions import services as petitions
from danvan.petitions.tests.factories import organisation, receive

pytestmark = pytest.mark.django_db


def snapshot():
    cells = MonthlyCount.objects.values_list(
        *("measure", "unit_id", "yyyymm", "dim_a", "dim_b", "dim_c", "value"),
        *("province_code", "commune_code"),
    )
    rollups = RollupCount.objects.values_list(
        "measure", "root_id", "yyyymm", "level", "dim_a", "dim_b", "dim_c", "value"
    )
    return sorted(cells), sorted(rollups)


def test_it_counts_events_as_the_services_write_them(personas):
    p = receive(personas).petition
    petitions.petition_answer_on_spot(actor=personas.officer_a, petition=p, answer="Đã trả lời")
    receive(personas, kind="complaint")
    parts = [(personas.tree.province.path, Decimal(1))]
    month = p.yyyymm
    assert total(measure="petition.received", parts=parts, first=month, last=month) == 2
    assert counts(measure="petition.received", parts=parts, first=month, last=month, by=["dim_a"]) == {
        ("petition",): 1,
        ("complaint",): 1,
    }
    assert total(measure="petition.answered_on_spot", parts=parts, first=month, last=month) == 1
    other = [(personas.tree.commune_b.path, Decimal(1))]
    assert total(measure="petition.received", parts=other, first=month, last=month) == 0


def test_it_weighs_a_divided_communes_records_by_their_share(personas):
    t = personas.tree
    receive(
        personas,
        actor=personas.province_board,
        unit=t.old_commune_2,
        received_at=datetime.datetime(2024, 5, 1, 9, tzinfo=datetime.UTC),
    )
    parts = [(t.old_commune_2.path, Decimal("0.5"))]
    assert total(measure="petition.received", parts=parts, first=202401, last=202412) == Decimal("0.5")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    actions=st.lists(
        st.sampled_from(["receive", "answer", "forward", "accept", "meeting", "opinion"]),
        min_size=1,
        max_size=10,
    )
)
def test_it_keeps_aggregates_equal_to_a_recount_from_the_facts(personas, actions):
    # Examples share the database; whatever earlier ones left must still recount the same.
    last_petition, last_meeting = None, None
    for action in actions:
        if action == "receive":
            last_petition = receive(personas).petition
        elif action == "answer" and last_petition and last_petition.status == "new":
            last_petition = petitions.petition_answer_on_spot(
                actor=personas.officer_a, petition=last_petition, answer="Trả lời"
            )
        elif action == "forward" and last_petition and last_petition.status == "new":
            last_petition = petitions.petition_forward(
                actor=personas.officer_a,
                petition=last_petition,
                to_unit=personas.tree.province,
                reason="Thẩm quyền",
            )
        elif action == "accept" and last_petition and last_petition.status == "new":
            last_petition = petitions.petition_accept(
                actor=personas.officer_a,
                petition=last_petition,
                organisation=organisation(personas.tree.commune_a),
            )
        elif action == "meeting":
            last_meeting = held(personas, chairs=[("A", "party_secretary"), ("B", "party_secretary")])
        elif action == "opinion" and last_meeting:
            meetings.opinion_add(
                actor=personas.officer_a, meeting=last_meeting, text="Ý kiến", outcome="recorded"
            )
    kept = snapshot()
    aggregates_rebuild()
    assert snapshot() == kept


def test_it_reads_a_province_from_its_rollups_as_from_its_cells(personas):
    tree = personas.tree
    petitions.petition_answer_on_spot(
        actor=personas.officer_a, petition=receive(personas).petition, answer="Đã"
    )
    receive(personas, unit=tree.commune_b, actor=personas.officer_b)
    today = timezone.localdate()
    month = today.year * 100 + today.month
    one = Decimal(1)
    # The province and the nation are roll-up roots; a path below them reads the cells.
    by_rollup = counts(
        measure="petition.received", parts=[(tree.province.path, one)], first=month, last=month
    )
    by_cells = {
        (): sum(
            (
                counts(measure="petition.received", parts=[(c.path, one)], first=month, last=month).get((), 0)
                for c in (tree.commune_a, tree.commune_b)
            ),
            Decimal(0),
        )
    }
    assert by_rollup == by_cells == {(): 2}
    national = counts(
        measure="petition.received",
        parts=[(tree.nation.path, one)],
        first=month,
        last=month,
        by=["unit__level"],
    )
    assert national == {("commune",): 2}


def test_it_adds_to_existing_cells_with_an_update_and_one_upsert_of_the_rollups(
    personas, django_assert_num_queries
):
    from danvan.facts.services import count_add

    commune = personas.tree.commune_a
    count_add(measure="petition.received", unit=commune, yyyymm=202601, dims=("petition",))
    # The unit's codes are only looked up to create a cell, not on every intake.
    with django_assert_num_queries(2):
        count_add(measure="petition.received", unit=commune, yyyymm=202601, dims=("petition",))
    assert MonthlyCount.objects.get(measure="petition.received", yyyymm=202601).value == 2
    assert sorted(RollupCount.objects.filter(yyyymm=202601).values_list("root_id", "value")) == [
        (personas.tree.nation.pk, 2),
        (personas.tree.province.pk, 2),
    ]


def test_it_writes_a_cell_in_one_statement_when_given_the_codes_new_or_not(
    personas, django_assert_num_queries
):
    from danvan.facts.services import count_add

    commune = personas.tree.commune_b
    codes = {"province_code": "90", "district_code": "", "commune_code": "90002"}
    for expected in (1, 2):
        # One upsert of the cell and one of its two roll-ups: no read, no savepoint, new cell or not.
        with django_assert_num_queries(2):
            count_add(measure="petition.received", unit=commune, yyyymm=202602, dims=("x",), codes=codes)
        cell = MonthlyCount.objects.get(measure="petition.received", yyyymm=202602)
        assert (cell.value, cell.unit_id, cell.province_code, cell.commune_code) == (
            expected,
            commune.pk,
            "90",
            "90002",
        )
        assert set(RollupCount.objects.filter(yyyymm=202602).values_list("value", flat=True)) == {expected}
