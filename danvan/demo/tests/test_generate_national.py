from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from danvan.demo.national import GENERATED_PREFIX, national_generate
from danvan.facts.models import MonthlyCount
from danvan.facts.services import aggregates_rebuild
from danvan.meetings.models import Meeting, MeetingChair, Opinion
from danvan.petitions.lifecycle import derive_status
from danvan.petitions.models import Petition, PetitionEvent
from danvan.units.models import Unit
from danvan.units.selectors import unit_ancestor_codes

pytestmark = pytest.mark.django_db

PETITIONS = 2000
# Models and figures have their own test (test_generate_activity); on all 3,321 communes they would
# double this one's time.
WITHOUT_ACTIVITY = {"no_emulation": True, "no_figures": True}
NO_ACTIVITY = {"emulation": False, "figures": False}


class _Rollback(Exception):
    pass


def _rolled_back_run(**arguments) -> list[tuple]:
    """Generate inside a transaction that is rolled back, and return what each petition looked like."""
    rows = []
    try:
        with transaction.atomic():
            national_generate(rebuild=False, emulation=False, figures=False, **arguments)
            rows = list(Petition.objects.order_by("pk").values_list(*SHAPE))
            raise _Rollback
    except _Rollback:
        pass
    return rows


SHAPE = ("tracking_code", "unit__code", "status", "kind", "channel", "topic__code", "received_at", "due_date")


def _cells():
    return sorted(
        MonthlyCount.objects.filter(measure__regex=r"^(petition|meeting)\.").values_list(
            "measure",
            "unit_id",
            "yyyymm",
            "dim_a",
            "dim_b",
            "dim_c",
            "value",
            "province_code",
            "commune_code",
        )
    )


def test_it_generates_a_consistent_national_set():
    call_command("load_units")
    communes = Unit.objects.filter(tree="since_2025", level="commune")

    first = _rolled_back_run(petitions=PETITIONS, years=1, seed=1, start_year=2024)
    assert Petition.objects.count() == 0 and len(first) == PETITIONS

    call_command(
        "generate_national", petitions=PETITIONS, years=1, seed=1, start_year=2024, **WITHOUT_ACTIVITY
    )
    again = list(Petition.objects.order_by("pk").values_list(*SHAPE))
    assert again == first, "the same seed gives the same data, tracking codes included"
    assert Unit.objects.filter(level="hamlet", parent__in=communes).values("parent").distinct().count() == (
        communes.count()
    )
    hamlet = Unit.objects.filter(level="hamlet").select_related("parent").first()
    assert hamlet.path == f"{hamlet.parent.path}{hamlet.pk}/" and hamlet.code.startswith(hamlet.parent.code)

    assert Petition.objects.count() == PETITIONS
    assert Petition.objects.filter(tracking_code__startswith=GENERATED_PREFIX).count() == PETITIONS
    assert Petition.objects.values("tracking_code").distinct().count() == PETITIONS
    assert not Petition.objects.filter(province_code="").exists()
    assert not Petition.objects.filter(commune_code="").exists()
    assert set(Petition.objects.values_list("yyyymm", flat=True)) <= {2024 * 100 + m for m in range(1, 13)}
    assert Meeting.objects.count() == communes.count() * 12 == MeetingChair.objects.count()
    conference = Petition.objects.filter(channel="conference")
    assert Opinion.objects.count() == conference.count() > PETITIONS // 10
    statuses = set(Petition.objects.values_list("status", flat=True))
    assert {"closed", "answered", "in_progress", "forwarded", "rejected"} <= statuses
    kinds = Petition.objects.values_list("kind", flat=True)
    assert kinds.filter(kind="petition").count() > kinds.filter(kind="denunciation").count()

    sample = list(Petition.objects.select_related("unit").order_by("?")[:300])
    events: dict[int, list[PetitionEvent]] = {}
    for event in PetitionEvent.objects.filter(petition__in=sample).order_by("at", "pk"):
        events.setdefault(event.petition_id, []).append(event)
    for petition in sample:
        timeline = events[petition.pk]
        assert derive_status(e.kind for e in timeline) == petition.status, petition.tracking_code
        assert timeline[0].at == petition.received_at
        assert petition.acceptance_due > petition.received_at.date()
        codes = unit_ancestor_codes(unit=petition.unit)
        assert (petition.province_code, petition.district_code, petition.commune_code) == (
            codes["province_code"],
            codes["district_code"],
            codes["commune_code"],
        )
        if petition.status in ("answered", "closed"):
            assert petition.answered_at is not None and petition.public_answer
        if any(e.kind == "accepted" for e in timeline) and petition.kind != "suggestion":
            assert petition.due_date and petition.due_date > petition.received_at.date()
    opinion = Opinion.objects.select_related("meeting", "petition").first()
    assert opinion.petition.received_at == opinion.meeting.starts_at
    assert opinion.meeting.yyyymm == opinion.petition.yyyymm

    written = _cells()
    assert sum(c[6] for c in written if c[0] == "petition.received") == PETITIONS
    assert sum(c[6] for c in written if c[0] == "meeting.held") == Meeting.objects.count()
    assert sum(c[6] for c in written if c[0] == "meeting.opinion") == Opinion.objects.count()
    # Rebuilding the petition cells again gives the same; the meeting cells (whose rebuild takes
    # ~25 s for 40,000 meetings) are checked against a count straight from the rows instead.
    aggregates_rebuild(prefixes=["petition."])
    assert _cells() == written
    held = Counter((c[1], c[2]) for c in written for _ in range(c[6]) if c[0] == "meeting.held")
    assert held == Counter(Meeting.objects.values_list("host_unit_id", "yyyymm"))
    chairs = Counter((c[1], c[2], c[3]) for c in written for _ in range(c[6]) if c[0] == "meeting.chair")
    assert chairs == Counter(
        MeetingChair.objects.values_list("meeting__host_unit_id", "meeting__yyyymm", "role")
    )
    opinions = Counter(
        (c[1], c[2], c[3], c[4]) for c in written for _ in range(c[6]) if c[0] == "meeting.opinion"
    )
    assert opinions == Counter(
        Opinion.objects.values_list("meeting__host_unit_id", "meeting__yyyymm", "outcome", "topic__code")
    )

    with pytest.raises(CommandError, match="--append"):
        call_command("generate_national", petitions=10, years=1, seed=1, start_year=2024)
    call_command(
        "generate_national",
        petitions=100,
        years=1,
        seed=3,
        start_year=2024,
        append=True,
        no_aggregates=True,
        **WITHOUT_ACTIVITY,
    )
    assert Petition.objects.count() == PETITIONS + 100
    assert Meeting.objects.count() == communes.count() * 12, "an append reuses the month's conferences"
    positions = Opinion.objects.values_list("meeting_id", "position")
    assert positions.count() == len(set(positions))


def _indexes_and_keys() -> dict[str, dict]:
    from django.db import connection

    with connection.cursor() as cursor:
        return {
            model._meta.db_table: connection.introspection.get_constraints(cursor, model._meta.db_table)
            for model in (Petition, PetitionEvent, Opinion)
        }


def test_it_loads_a_large_set_without_indexes_and_puts_every_one_back(tree, monkeypatch):
    from danvan.demo import national

    before = _indexes_and_keys()
    monkeypatch.setattr(national, "BULK_LOAD_FROM", 1)
    deferred = _rolled_back_run(petitions=300, years=1, seed=5, start_year=2024)
    monkeypatch.setattr(national, "BULK_LOAD_FROM", 10**9)
    assert deferred == _rolled_back_run(petitions=300, years=1, seed=5, start_year=2024)

    monkeypatch.setattr(national, "BULK_LOAD_FROM", 1)
    try:
        with transaction.atomic():
            national_generate(
                petitions=300, years=1, seed=6, start_year=2024, rebuild=False, emulation=False, figures=False
            )
            after = _indexes_and_keys()  # before the rollback, which would restore them anyway
            raise _Rollback
    except _Rollback:
        pass
    assert after == before


def test_it_rolls_the_whole_load_back_when_a_tracking_code_repeats(tree, monkeypatch):
    """Without its unique constraint during a bulk load, a repeated code still fails the load: the
    constraint's rebuild refuses it (on SQLite the constraint stays and refuses the insert)."""
    from django.db import IntegrityError

    from danvan.demo import national

    national_generate(petitions=50, years=1, seed=7, start_year=2024, rebuild=False, **NO_ACTIVITY)
    # The code the next generated petition (index 50) would get, taken already.
    first = Petition.objects.order_by("pk").first()
    Petition.objects.filter(pk=first.pk).update(tracking_code=national.tracking_code(index=50))
    before, events = _indexes_and_keys(), PetitionEvent.objects.count()
    monkeypatch.setattr(national, "BULK_LOAD_FROM", 1)
    with pytest.raises(IntegrityError):
        national_generate(
            petitions=60, years=1, seed=8, start_year=2024, append=True, rebuild=False, **NO_ACTIVITY
        )
    assert Petition.objects.count() == 50
    assert PetitionEvent.objects.count() == events
    assert _indexes_and_keys() == before
