import datetime

import pytest

from danvan.petitions.choices import EventKind, Kind
from danvan.petitions.models import PetitionEvent
from danvan.pulse import hotspot_rules as rules
from danvan.pulse.models import Concern, ConcernMember, HotspotSettings, Rule

from .hotspot_helpers import AS_OF, answer, at, days_back, petitions, topic

pytestmark = pytest.mark.django_db

SENDER = {
    "citizen_name": "Nguyễn Văn Ân",
    "citizen_phone": "0912 345 678",
    "citizen_address": "Ấp Hóa Nhựt, xã An Bình",
}


def _steady(unit, land, per_window: int, windows: int = 13):
    """``per_window`` records in each 14-day window, spread over its days."""
    days = []
    for w in range(windows):
        days += [AS_OF - datetime.timedelta(days=w * 14 + (i % 14)) for i in range(per_window)]
    return petitions(unit, days, topic=land)


# --- surge ---------------------------------------------------------------------------------------


def test_it_finds_a_surge_far_above_the_units_own_baseline(tree):
    land = topic()
    _steady(tree.commune_a, land, 1)
    petitions(tree.commune_a, days_back(11, every=1), topic=land)
    (finding,) = rules.judge_surge(AS_OF)
    assert finding.rule == Rule.SURGE and finding.unit_id == tree.commune_a.pk and finding.topic_id == land.pk
    assert finding.figures["count"] == 12 and finding.figures["expected"] == 1.0
    assert finding.figures["p_value"] < 0.001 and len(finding.records) == 12
    assert finding.severity == "high"


def test_it_does_not_call_a_steady_high_count_a_surge(tree):
    _steady(tree.commune_a, topic(), 30)
    assert rules.judge_surge(AS_OF) == []


def test_it_needs_a_minimum_count_even_from_nothing(tree):
    petitions(tree.commune_a, days_back(4), topic=topic())
    assert rules.judge_surge(AS_OF) == []
    HotspotSettings.objects.create(unit=tree.commune_a, surge_min_count=4, surge_p_value=0.01)
    assert len(rules.judge_surge(AS_OF)) == 1  # an override for the commune


def test_it_counts_a_hamlets_records_for_its_commune_and_keeps_topics_apart(tree):
    from danvan.units.tests.factories import UnitFactory

    hamlet = UnitFactory(level="hamlet", code="90001-1", name="Ấp Một", parent=tree.commune_a)
    petitions(hamlet, days_back(6), topic=topic())
    petitions(tree.commune_a, days_back(3), topic=topic("moi-truong", "Môi trường"))
    (finding,) = rules.judge_surge(AS_OF)
    assert finding.unit_id == tree.commune_a.pk and finding.figures["count"] == 6


def test_it_is_fair_around_tet_the_usual_after_holiday_rush_is_not_a_surge(tree):
    land = topic()
    tet = rules.tet_days(2026)[1]  # the last day of the 2026 holiday
    as_of = tet + datetime.timedelta(days=10)
    last_year = rules.tet_days(2025)[1] + datetime.timedelta(days=10)
    # Every year, ten records in the fortnight after Tết and almost none otherwise.
    for end in (as_of, last_year):
        petitions(tree.commune_a, [end - datetime.timedelta(days=i) for i in range(10)], topic=land)
    assert rules.judge_surge(as_of) == []
    assert rules.touches_tet(as_of - datetime.timedelta(days=13), as_of)
    # The same ten records in an ordinary October are a surge.
    petitions(tree.commune_b, days_back(10), topic=land)
    assert [f.unit_id for f in rules.judge_surge(AS_OF)] == [tree.commune_b.pk]


def test_it_judges_as_of_a_day_from_the_records_received_up_to_it(tree):
    land = topic()
    petitions(tree.commune_a, days_back(8), topic=land)
    assert rules.judge_surge(AS_OF - datetime.timedelta(days=8)) == []
    assert len(rules.judge_surge(AS_OF)) == 1


def test_poisson_tail():
    assert rules.poisson_tail(0, 3) == 1.0
    assert abs(rules.poisson_tail(5, 1.0) - 0.00366) < 1e-4
    assert rules.poisson_tail(2000, 1000) < 1e-100


# --- repeated ------------------------------------------------------------------------------------


def _concern(tree, records):
    concern = Concern.objects.create(unit=tree.commune_a, title="Bụi đường ĐT-746")
    for record in records:
        ConcernMember.objects.create(concern=concern, petition=record)
    return concern


def test_it_finds_a_concern_raised_three_times_and_not_settled(tree):
    records = petitions(tree.commune_a, days_back(3, every=5), topic=topic())
    concern = _concern(tree, records)
    (finding,) = rules.judge_repeated(AS_OF)
    assert finding.key == f"repeated:concern:{concern.pk}" and finding.concern_id == concern.pk
    assert sorted(finding.records) == sorted(r.pk for r in records)


def test_it_does_not_flag_an_answered_well_rated_repeat_within_a_cluster(tree):
    records = petitions(tree.commune_a, days_back(3, every=5, start=20), topic=topic())
    for record in records:
        answer(record, AS_OF - datetime.timedelta(days=2), rating=5)
    _concern(tree, records)
    assert rules.judge_repeated(AS_OF) == []
    # As of before the ratings came, the same concern was not settled yet.
    assert len(rules.judge_repeated(AS_OF - datetime.timedelta(days=3))) == 1


def test_it_does_not_flag_a_concern_of_two(tree):
    _concern(tree, petitions(tree.commune_a, days_back(2), topic=topic()))
    assert rules.judge_repeated(AS_OF) == []


def test_it_finds_the_same_sender_back_after_an_answer_or_a_low_rating(tree):
    (first,) = petitions(tree.commune_a, [AS_OF - datetime.timedelta(days=60)], **SENDER)
    answer(first, AS_OF - datetime.timedelta(days=40), rating=1)
    # The same person, written without marks and with the country code, comes back.
    (again,) = petitions(
        tree.commune_a,
        [AS_OF - datetime.timedelta(days=5)],
        citizen_name="nguyen van an",
        citizen_phone="+84 912345678",
    )
    (finding,) = rules.judge_repeated(AS_OF)
    assert finding.key.startswith("repeated:sender:") and set(finding.records) == {first.pk, again.pk}
    assert finding.figures["low_rating"] is True


def test_it_does_not_flag_a_namesake_or_a_return_after_90_days_or_a_satisfied_sender(tree):
    (first,) = petitions(tree.commune_a, [AS_OF - datetime.timedelta(days=200)], **SENDER)
    answer(first, AS_OF - datetime.timedelta(days=150))
    petitions(tree.commune_a, [AS_OF - datetime.timedelta(days=5)], **SENDER)  # 145 days after the answer
    (other,) = petitions(tree.commune_b, [AS_OF - datetime.timedelta(days=50)], **SENDER)
    answer(other, AS_OF - datetime.timedelta(days=40), rating=5)
    petitions(tree.commune_b, [AS_OF - datetime.timedelta(days=3)], **SENDER)  # was satisfied
    petitions(
        tree.commune_a,
        [AS_OF - datetime.timedelta(days=2)],
        citizen_name="Nguyễn Văn Ân",
        citizen_phone="0999 000 111",  # a namesake: another phone, another address
    )
    assert rules.judge_repeated(AS_OF) == []


# --- skipped level -------------------------------------------------------------------------------


def test_it_finds_a_complaint_taken_to_the_province_before_the_commune_had_it(tree):
    (record,) = petitions(
        tree.commune_a,
        [AS_OF - datetime.timedelta(days=3)],
        handling_unit=tree.province,
        kind=Kind.COMPLAINT,
        competent_level="commune",
        **SENDER,
    )
    (finding,) = rules.judge_skipped_level(AS_OF)
    assert finding.unit_id == tree.commune_a.pk and finding.records == [record.pk]
    assert finding.figures == {
        "received_level": "province",
        "competent_level": "commune",
        "competent_had_it": False,
        "competent_due": None,
    }


def test_it_finds_a_complaint_taken_up_while_the_communes_deadline_runs(tree):
    (at_commune,) = petitions(
        tree.commune_a,
        [AS_OF - datetime.timedelta(days=10)],
        kind=Kind.COMPLAINT,
        due_date=AS_OF + datetime.timedelta(days=20),
        **SENDER,
    )
    petitions(
        tree.commune_a,
        [AS_OF - datetime.timedelta(days=2)],
        handling_unit=tree.province,
        kind=Kind.COMPLAINT,
        competent_level="commune",
        **SENDER,
    )
    (finding,) = rules.judge_skipped_level(AS_OF)
    assert at_commune.pk in finding.records and finding.figures["competent_had_it"] is True


def test_it_lets_a_citizen_go_up_once_the_competent_level_had_its_turn(tree):
    petitions(
        tree.commune_a,
        [AS_OF - datetime.timedelta(days=60)],
        kind=Kind.COMPLAINT,
        due_date=AS_OF - datetime.timedelta(days=15),  # the commune let its deadline pass
        **SENDER,
    )
    petitions(
        tree.commune_a,
        [AS_OF - datetime.timedelta(days=2)],
        handling_unit=tree.province,
        kind=Kind.COMPLAINT,
        competent_level="commune",
        **SENDER,
    )
    # Received at the competent level itself, or a mere feedback, is not skipping a level either.
    petitions(tree.commune_b, [AS_OF], kind=Kind.COMPLAINT, competent_level="commune")
    petitions(tree.commune_b, [AS_OF], handling_unit=tree.province, competent_level="commune")
    assert rules.judge_skipped_level(AS_OF) == []


# --- crowd ---------------------------------------------------------------------------------------


def test_it_finds_a_petition_signed_by_five_people_or_more(tree):
    land = topic()
    (record,) = petitions(tree.commune_a, [AS_OF - datetime.timedelta(days=1)], topic=land, people_count=12)
    petitions(tree.commune_b, [AS_OF], topic=land, people_count=4)
    petitions(tree.commune_b, [AS_OF - datetime.timedelta(days=45)], topic=land, people_count=40)  # too old
    (finding,) = rules.judge_crowd(AS_OF)
    assert finding.unit_id == tree.commune_a.pk and finding.records == [record.pk]
    assert finding.figures["most_people"] == 12


# --- stalled -------------------------------------------------------------------------------------


def test_it_finds_many_overdue_or_reopened_records_in_one_unit_and_topic(tree):
    land = topic()
    petitions(tree.commune_a, days_back(4, start=60), topic=land, due_date=AS_OF - datetime.timedelta(days=5))
    (reopened,) = petitions(
        tree.commune_a,
        [AS_OF - datetime.timedelta(days=50)],
        topic=land,
        due_date=AS_OF + datetime.timedelta(days=9),
    )
    PetitionEvent.objects.create(
        petition=reopened, kind=EventKind.REOPENED, at=at(AS_OF - datetime.timedelta(days=3))
    )
    (finding,) = rules.judge_stalled(AS_OF)
    assert finding.figures["overdue"] == 4 and finding.figures["reopened"] == 1 and len(finding.records) == 5


def test_it_does_not_count_what_was_answered_in_time_or_is_not_yet_due(tree):
    land = topic()
    late = petitions(
        tree.commune_a, days_back(3, start=60), topic=land, due_date=AS_OF - datetime.timedelta(days=5)
    )
    for record in late:
        answer(record, AS_OF - datetime.timedelta(days=20))
    petitions(tree.commune_a, days_back(5, start=2), topic=land)  # due in a month
    assert rules.judge_stalled(AS_OF) == []
    # As of a day before they were answered, the three were overdue but fewer than five.
    assert rules.judge_stalled(AS_OF - datetime.timedelta(days=25)) == []
