from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.emulation import services
from danvan.emulation.choices import AssessmentKind, Status
from danvan.emulation.models import Assessment, Score
from danvan.emulation.scoring import criteria_of, score_matrix
from danvan.emulation.tests.conftest import points

pytestmark = pytest.mark.django_db


def test_it_totals_a_self_assessment_grades_it_and_freezes_the_set(emu, criteria):
    model = emu.register()
    assessment = emu.self_assess(model, value=lambda c: c.max_points - 1)  # 12 criteria
    model.refresh_from_db()
    assert assessment.total == Decimal(88) and assessment.grade == "Đạt"
    assert model.status == Status.SELF_ASSESSED and model.self_score == Decimal(88)
    assert Score.objects.filter(assessment=assessment).count() == 12
    criteria["collective_model"].refresh_from_db()
    assert criteria["collective_model"].is_frozen


def test_it_refuses_a_sheet_that_misses_or_overflows_a_criterion_and_saves_nothing(emu, criteria):
    model = emu.register()
    full = points(criteria["collective_model"])
    first, second, *_rest = criteria_of(criteria["collective_model"])
    missing = {k: v for k, v in full.items() if k != second.pk}
    with pytest.raises(ValidationError) as error:
        services.model_self_assess(actor=emu.personas.officer_a, model=model, points=missing)
    assert "Chưa chấm tiêu chí: 1.2" in " ".join(error.value.messages)
    with pytest.raises(ValidationError) as error:
        services.model_self_assess(
            actor=emu.personas.officer_a, model=model, points={**full, first.pk: first.max_points + 1}
        )
    assert error.value.message_dict[f"points_{first.pk}"] == ["Tiêu chí 1.1: điểm phải từ 0 đến 5."]
    for bad, message in (
        (Decimal("-1"), "từ 0 đến"),
        ("bốn", "phải là một số"),
        (Decimal("2.125"), "hai chữ số"),
    ):
        with pytest.raises(ValidationError, match=message):
            services.model_self_assess(
                actor=emu.personas.officer_a, model=model, points={**full, first.pk: bad}
            )
    with pytest.raises(ValidationError, match="không thuộc bộ tiêu chí"):
        services.model_self_assess(actor=emu.personas.officer_a, model=model, points={**full, 999_999: 1})
    model.refresh_from_db()
    assert model.status == Status.REGISTERED and not Assessment.objects.exists()
    criteria["collective_model"].refresh_from_db()
    assert not criteria["collective_model"].is_frozen


def test_it_lets_the_unit_rescore_until_an_appraiser_has_scored(emu):
    model = emu.register()
    emu.self_assess(model, value=lambda c: c.max_points / 2)
    emu.self_assess(model)
    assert Assessment.objects.filter(model=model, kind=AssessmentKind.SELF).get().total == 100
    with pytest.raises(PermissionDenied):
        emu.self_assess(model, actor=emu.personas.officer_b)
    emu.appraise(model)
    with pytest.raises(ValidationError, match="đã được thẩm định"):
        emu.self_assess(model)


def test_it_averages_appraisers_and_shows_where_they_disagree(emu):
    model = emu.register()
    emu.self_assess(model)
    first = criteria_of(model.criteria_set)[0]  # 1.1, out of 5
    emu.appraise(model, value=lambda c: c.max_points)
    emu.appraise(model, actor=emu.appraiser, value=lambda c: c.max_points - (3 if c.pk == first.pk else 0))
    model.refresh_from_db()
    assert model.status == Status.APPRAISED and model.appraisal_score == Decimal("98.50")
    matrix = score_matrix(list(model.assessments.all()), model.criteria_set)
    assert [a.assessor.username for a in matrix.appraisals] == ["tinh.board", "mttq.tinh"]
    assert [row.criterion for row in matrix.disagreements] == [first]
    row = matrix.disagreements[0]
    assert row.appraisals == [Decimal(5), Decimal(2)] and row.spread == 3 and row.mean == Decimal("3.50")
    assert row.self_overrated  # the unit gave itself 5, a fifth of the maximum above the mean
    assert matrix.total_spread == 3 and matrix.qualifies and not matrix.grades_disagree
    assert matrix.columns == 3 + 2 + 2


def test_it_flags_appraisers_who_disagree_on_the_verdict(emu):
    model = emu.register()
    emu.self_assess(model)
    emu.appraise(model, value=lambda c: c.max_points * Decimal("0.95"))
    emu.appraise(model, actor=emu.appraiser, value=lambda c: c.max_points * Decimal("0.7"))
    model.refresh_from_db()
    matrix = score_matrix(list(model.assessments.all()), model.criteria_set)
    assert matrix.grades_disagree and model.appraisal_score == Decimal("82.50") and model.grade == "Đạt"
    assert len(matrix.disagreements) == 12


def test_it_replaces_only_the_appraisers_own_sheet(emu):
    model = emu.register()
    emu.self_assess(model)
    emu.appraise(model, value=lambda c: c.max_points / 2)
    emu.appraise(model, actor=emu.appraiser)
    emu.appraise(model, value=lambda c: c.max_points)
    sheets = {a.assessor.username: a.total for a in Assessment.objects.filter(kind=AssessmentKind.APPRAISAL)}
    assert sheets == {"tinh.board": 100, "mttq.tinh": 90}
    model.refresh_from_db()
    assert model.appraisal_score == 95


def test_it_lets_only_the_board_appraise_and_only_after_self_assessment(emu):
    model = emu.register()
    with pytest.raises(ValidationError, match="đã tự chấm điểm"):
        emu.appraise(model)
    emu.self_assess(model)
    for actor in (emu.personas.officer_a, emu.personas.officer_b, emu.personas.outsider):
        with pytest.raises(PermissionDenied):
            emu.appraise(model, actor=actor)
    emu.appraise(model, actor=emu.commune_board)  # the commune's own board may appraise its models
    assert Assessment.objects.filter(kind=AssessmentKind.APPRAISAL).count() == 1


def test_it_refuses_a_sheet_scored_on_a_stale_page(emu):
    model = emu.register()
    version = model.version
    emu.self_assess(model)
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.model_appraise(
            actor=emu.personas.province_board,
            model=model,
            points=points(model.criteria_set),
            expected_version=version,
        )
