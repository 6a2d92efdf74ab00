import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.emulation import ratings
from danvan.emulation.choices import RatingStatus, Subject
from danvan.emulation.models import AnnualRating
from danvan.emulation.tests.conftest import points
from danvan.units.services import organisations_ensure_standard

pytestmark = pytest.mark.django_db


def open_rating(emu, **extra):
    return ratings.rating_open(actor=emu.personas.officer_a, unit=emu.tree.commune_a, year=2025, **extra)


def test_it_rates_a_commune_party_organisation_on_its_own_criteria_set(emu, criteria):
    party = organisations_ensure_standard(unit=emu.tree.commune_a)[0]
    rating = open_rating(emu)
    assert rating.organisation == party and rating.name == party.name
    assert rating.criteria_set == criteria["commune_party"] and rating.commune_code == "90001"
    ratings.rating_self_assess(
        actor=emu.personas.officer_a, rating=rating, points=points(rating.criteria_set)
    )
    ratings.rating_appraise(
        actor=emu.personas.province_board,
        rating=rating,
        points=points(rating.criteria_set, lambda c: c.max_points * Decimal("0.92")),
    )
    ratings.rating_appraise(
        actor=emu.appraiser,
        rating=rating,
        points=points(rating.criteria_set, lambda c: c.max_points * Decimal("0.86")),
    )
    rating.refresh_from_db()
    assert rating.status == RatingStatus.APPRAISED and rating.appraisal_score == Decimal(89)
    assert rating.grade == "“Dân vận khéo”"
    ratings.rating_decide(
        actor=emu.personas.province_board,
        rating=rating,
        rated=True,
        decision_number="88-QĐ/TU",
        decision_date=datetime.date(2026, 1, 10),
    )
    rating.refresh_from_db()
    assert rating.status == RatingStatus.RATED and rating.decision_number == "88-QĐ/TU"


def test_it_never_lets_a_commune_appraise_itself(emu):
    rating = open_rating(emu)
    ratings.rating_self_assess(
        actor=emu.personas.officer_a, rating=rating, points=points(rating.criteria_set)
    )
    for actor in (emu.commune_board, emu.personas.officer_a, emu.personas.officer_b):
        with pytest.raises(PermissionDenied):
            ratings.rating_appraise(actor=actor, rating=rating, points=points(rating.criteria_set))
    assert not ratings.may_appraise(emu.commune_board, rating)
    assert ratings.may_appraise(emu.personas.province_board, rating)


def test_it_refuses_bad_openings_in_vietnamese(emu):
    with pytest.raises(ValidationError, match="chỉ áp dụng cho đơn vị cấp xã"):
        ratings.rating_open(actor=emu.personas.province_board, unit=emu.tree.province, year=2025)
    with pytest.raises(ValidationError, match="Năm đánh giá phải từ 2000"):
        ratings.rating_open(actor=emu.personas.officer_a, unit=emu.tree.commune_a, year=2099)
    with pytest.raises(ValidationError, match="không có hiệu lực trong năm 2024"):
        ratings.rating_open(actor=emu.personas.officer_a, unit=emu.tree.commune_a, year=2024)
    with pytest.raises(PermissionDenied):
        ratings.rating_open(actor=emu.personas.officer_b, unit=emu.tree.commune_a, year=2025)
    open_rating(emu)
    with pytest.raises(ValidationError, match="đã có đánh giá năm 2025"):
        open_rating(emu)
    agency = ratings.rating_open(
        actor=emu.personas.officer_a,
        unit=emu.tree.commune_a,
        year=2025,
        subject=Subject.AGENCY,
        name="Công an xã",
    )
    assert agency.criteria_set.subject == Subject.AGENCY
    assert AnnualRating.objects.count() == 2


def test_it_concludes_only_after_appraisal_and_with_a_reason_when_needed(emu):
    rating = open_rating(emu)
    board = emu.personas.province_board
    ratings.rating_self_assess(
        actor=emu.personas.officer_a, rating=rating, points=points(rating.criteria_set)
    )
    with pytest.raises(ValidationError, match="sau khi đã thẩm định"):
        ratings.rating_decide(actor=board, rating=rating, rated=False, note="x")
    ratings.rating_appraise(
        actor=board,
        rating=rating,
        points=points(rating.criteria_set, lambda c: c.max_points * Decimal("0.5")),
    )
    with pytest.raises(ValidationError) as error:
        ratings.rating_decide(actor=board, rating=rating, rated=True)
    assert set(error.value.message_dict) == {"decision_number", "decision_date", "note"}
    with pytest.raises(ValidationError, match="lý do chưa đạt"):
        ratings.rating_decide(actor=board, rating=rating, rated=False)
    ratings.rating_decide(
        actor=board, rating=rating, rated=False, note="Còn để xảy ra khiếu kiện đông người."
    )
    rating.refresh_from_db()
    assert rating.status == RatingStatus.NOT_RATED
    with pytest.raises(ValidationError, match="đã được thẩm định"):
        ratings.rating_self_assess(
            actor=emu.personas.officer_a, rating=rating, points=points(rating.criteria_set)
        )
