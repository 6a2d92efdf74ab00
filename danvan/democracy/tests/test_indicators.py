"""The QCDC figures of the periodic report come from the records, rolled up across the 2025 reform."""

import datetime
from decimal import Decimal

import pytest

from danvan.activities.models import Recommendation
from danvan.democracy import services
from danvan.reports.builder import report_build, report_json

from . import factories as f

pytestmark = pytest.mark.django_db

OLD_DAY = datetime.date(2024, 5, 6)


def _old_records(personas):
    """Records of 2024 on the two old communes that passed into commune A (whole) and A and B (halves)."""
    admin = personas.province_board
    admin.is_superuser = True
    admin.save()
    tree = personas.tree
    for unit in (tree.old_commune_1, tree.old_commune_2):
        services.posting_record(
            actor=admin,
            unit=unit,
            category=f.category(),
            title="Dự án đường",
            document_date=OLD_DAY,
            posted_on=OLD_DAY + datetime.timedelta(days=1),
            forms=f.forms(),
        )
    services.posting_record(
        actor=admin,
        unit=tree.old_commune_1,
        category=f.category(),
        title="Chậm",
        document_date=OLD_DAY,
        posted_on=OLD_DAY + datetime.timedelta(days=20),
        forms=f.forms(),
    )
    services.decision_record(
        actor=admin,
        unit=tree.old_commune_1,
        matter=f.matter(),
        title="Hương ước",
        method="meeting",
        held_on=OLD_DAY,
        households_entitled=200,
        households_present=120,
        votes_for=101,
        votes_against=15,
    )
    services.decision_record(
        actor=admin,
        unit=tree.old_commune_2,
        matter=f.matter("muc-dong-gop"),
        title="Đóng góp làm đường",
        method="ballot",
        held_on=OLD_DAY,
        households_entitled=200,
        households_present=90,
        votes_for=80,
        votes_against=5,
    )
    board = services.board_form(
        actor=admin, unit=tree.old_commune_1, kind="investment_board", term_start=datetime.date(2024, 1, 1)
    )
    services.board_activity_record(
        actor=admin,
        board=board,
        title="Giám sát thi công",
        held_on=OLD_DAY,
        recommendations=[("Rào chắn", "BQL", None), ("Biển báo", "BQL", None)],
    )
    services.board_recommendation_update(
        actor=admin,
        recommendation=Recommendation.objects.order_by("pk").first(),
        status="settled",
        response="Đã làm",
        settled_on=OLD_DAY + datetime.timedelta(days=3),
    )
    consultation = services.consultation_open(
        actor=admin,
        unit=tree.old_commune_1,
        subject=f.consultation.__globals__["ConsultationSubject"].objects.first(),
        title="Dự thảo",
        draft_text="…",
        opens_on=OLD_DAY,
        closes_on=OLD_DAY + datetime.timedelta(days=15),
    )
    services.opinion_record(
        actor=admin,
        consultation=consultation,
        channel="paper",
        text="Đồng ý",
        received_on=OLD_DAY,
    )


def test_report_rolls_old_communes_into_the_new_one(personas):
    _old_records(personas)
    report = report_build(
        unit=personas.tree.commune_a, start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31)
    )
    published = report.values["qcdc_items_published"]
    # Old commune 1 whole (2 items), old commune 2 half (1 item × 0.5).
    assert published.value == Decimal("2.5")
    assert published.breakdowns["timeliness"] == {"late": Decimal(1), "on_time": Decimal("1.5")}
    assert report.values["qcdc_items_on_time"].value == Decimal("1.5")
    decisions = report.values["qcdc_decisions_taken"]
    assert decisions.value == Decimal("1.5")
    # 90/200 present is not above half: the ballot in old commune 2 was not valid.
    assert decisions.breakdowns["result"] == {"not_passed": Decimal("0.5"), "passed": Decimal(1)}
    assert report.values["qcdc_board_activities"].value == 1
    assert report.values["qcdc_recommendations_made"].value == 2
    assert report.values["qcdc_recommendations_answered"].value == 1
    assert report.values["qcdc_consultations_held"].value == 1
    assert report.values["qcdc_consultation_opinions"].value == 1
    text = " ".join(report.narrative)
    assert "công khai 2,5 nội dung" in text
    assert "thực hiện 1 cuộc giám sát, kiến nghị 2 nội dung, 1 nội dung đã được giải quyết" in text
    data = report_json(report)
    keys = {row["key"] for row in data["indicators"]}
    assert {"qcdc_items_published", "qcdc_decisions_taken", "qcdc_board_activities"} <= keys


def test_report_of_the_province_and_of_commune_b(personas):
    _old_records(personas)
    tree = personas.tree
    year = {"start": datetime.date(2024, 1, 1), "end": datetime.date(2024, 12, 31)}
    assert report_build(unit=tree.province, **year).values["qcdc_items_published"].value == 3
    assert report_build(unit=tree.commune_b, **year).values["qcdc_items_published"].value == Decimal("0.5")
    other_year = report_build(
        unit=tree.province, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31)
    )
    assert other_year.values["qcdc_items_published"].value == 0
