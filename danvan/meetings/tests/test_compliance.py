import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.meetings import selectors, services
from danvan.meetings.tests.factories import held, meeting_type

pytestmark = pytest.mark.django_db
JAN, MAR = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)


def monthly_plan(personas, **extra):
    return services.plan_create(
        actor=personas.province_board,
        unit=personas.tree.province,
        number="158-KH/TU",
        issued_on=datetime.date(2025, 11, 28),
        title="Tổ chức hội nghị tại chi bộ ấp",
        valid_from=datetime.date(2026, 1, 1),
        requirements=[
            {
                "meeting_type": meeting_type(),
                "target_level": "commune",
                "times": 1,
                "frequency": "month",
                **extra,
            }
        ],
    )


def test_it_counts_which_communes_held_what_the_plan_requires(personas):
    monthly_plan(personas)
    for month in (1, 2, 3):
        held(personas, day=datetime.date(2026, month, 10))
    held(personas, unit=personas.tree.commune_b, actor=personas.officer_b, day=datetime.date(2026, 2, 10))
    report = selectors.compliance(unit=personas.tree.province, start=JAN, end=MAR)
    [requirement] = report.requirements
    assert requirement.required_each == 3
    assert requirement.compliant == [personas.tree.commune_a]
    assert requirement.missing == [personas.tree.commune_b]
    assert requirement.meetings_held == 4


def test_it_builds_the_table_by_chair_role_and_level(personas):
    held(personas, chairs=[("A", "party_secretary")])
    held(personas, chairs=[("B", "peoples_committee_chair")])
    held(
        personas,
        unit=personas.tree.province,
        actor=personas.province_board,
        chairs=[("C", "party_secretary"), ("D", "peoples_committee_chair")],
        code="doi-thoai-bi-thu",
    )
    report = selectors.compliance(unit=personas.tree.province, start=JAN, end=MAR)
    assert report.by_chair_group_and_level["party"] == {
        "province": 1,
        "district": 0,
        "commune": 1,
        "total": 2,
    }
    assert report.by_chair_group_and_level["government"]["total"] == 2
    assert (
        report.by_type_and_level["Đối thoại trực tiếp của người đứng đầu cấp ủy với Nhân dân"]["province"]
        == 1
    )


def test_it_checks_reception_days_against_quy_dinh_11(personas):
    for day in (5, 20):
        held(personas, day=datetime.date(2026, 1, day), code="tiep-cong-dan")
    held(personas, day=datetime.date(2026, 2, 5), code="tiep-cong-dan")
    rows = {
        r.unit: r for r in selectors.reception_compliance(unit=personas.tree.province, start=JAN, end=MAR)
    }
    assert rows[personas.tree.commune_a].days_by_month == {202601: 2, 202602: 1, 202603: 0}
    assert rows[personas.tree.commune_a].months_short == [202602, 202603]
    assert rows[personas.tree.province].required_per_month == 1


def test_it_lets_only_the_board_issue_a_plan_and_explains_bad_input(personas):
    with pytest.raises(PermissionDenied):
        services.plan_create(
            actor=personas.officer_a,
            unit=personas.tree.commune_a,
            number="1-KH",
            title="x",
            issued_on=JAN,
            valid_from=JAN,
            requirements=[],
        )
    with pytest.raises(ValidationError) as error:
        services.plan_create(
            actor=personas.province_board,
            unit=personas.tree.province,
            number=" ",
            title="x",
            issued_on=JAN,
            valid_from=JAN,
            requirements=[],
        )
    assert "158-KH/HU" in error.value.message_dict["number"][0]
    monthly_plan(personas)
    with pytest.raises(ValidationError) as error:
        monthly_plan(personas)
    assert "đã có kế hoạch số 158-KH/TU" in error.value.message_dict["number"][0]
