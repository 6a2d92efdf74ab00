"""Score sheets: checking every criterion is scored within its maximum, totals, grades and disagreements.

Shared by models and annual ratings. An assessment always scores every criterion of
the criteria set it uses; saving the first one freezes that set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import AssessmentKind
from .models import Assessment, CriteriaGroup, CriteriaSet, Criterion, GradeBand, Score

# Appraisers disagree on a criterion when their scores differ by at least this share of its maximum.
DISAGREEMENT_SHARE = Decimal("0.2")
CENT = Decimal("0.01")


def criteria_of(criteria_set: CriteriaSet) -> list[Criterion]:
    return list(
        Criterion.objects.filter(group__criteria_set=criteria_set)
        .select_related("group")
        .order_by("group__order", "group__pk", "order", "pk")
    )


def grades_of(criteria_set: CriteriaSet) -> list[GradeBand]:
    return list(GradeBand.objects.filter(criteria_set=criteria_set).order_by("-min_points"))


def grade_for(grades: list[GradeBand], total: Decimal | None) -> GradeBand | None:
    if total is None:
        return None
    return next((band for band in grades if total >= band.min_points), None)


def _points(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value).strip().replace(",", "."))


@dataclass(frozen=True)
class CheckedScore:
    criterion: Criterion
    points: Decimal
    note: str


def check_scores(
    criteria_set: CriteriaSet, points: Mapping[int, object], notes: Mapping[int, str] | None = None
) -> list[CheckedScore]:
    """Every criterion scored once, from 0 to its maximum, to the hundredth; errors name the criterion."""
    notes = notes or {}
    criteria = criteria_of(criteria_set)
    if not criteria:
        raise ValidationError(_("Bộ tiêu chí chưa có tiêu chí nào."), code="empty_set")
    known = {c.pk for c in criteria}
    if set(points) - known:
        raise ValidationError(
            _("Có điểm cho tiêu chí không thuộc bộ tiêu chí này."), code="unknown_criterion"
        )
    errors: dict[str, str] = {}
    checked: list[CheckedScore] = []
    missing: list[str] = []
    for criterion in criteria:
        raw = points.get(criterion.pk)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            missing.append(criterion.code or str(criterion.order))
            continue
        label = criterion.code or criterion.text[:40]
        try:
            value = _points(raw)
        except (InvalidOperation, ValueError):
            errors[f"points_{criterion.pk}"] = _("Tiêu chí %(code)s: điểm phải là một số.") % {"code": label}
            continue
        if not value.is_finite() or value < 0 or value > criterion.max_points:
            errors[f"points_{criterion.pk}"] = _("Tiêu chí %(code)s: điểm phải từ 0 đến %(max)s.") % {
                "code": label,
                "max": _number(criterion.max_points),
            }
            continue
        if value != value.quantize(CENT):
            errors[f"points_{criterion.pk}"] = _("Tiêu chí %(code)s: chấm đến hai chữ số thập phân.") % {
                "code": label
            }
            continue
        note = (notes.get(criterion.pk) or "").strip()
        if len(note) > 500:
            errors[f"note_{criterion.pk}"] = _("Tiêu chí %(code)s: ghi chú dài quá 500 ký tự.") % {
                "code": label
            }
            continue
        checked.append(CheckedScore(criterion, value.quantize(CENT), note))
    if missing:
        errors["__all__"] = _("Chưa chấm tiêu chí: %(codes)s. Phải chấm đủ mọi tiêu chí.") % {
            "codes": ", ".join(missing)
        }
    if errors:
        raise ValidationError(errors)
    return checked


def _number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def save_assessment(
    *,
    target_field: str,
    target,
    kind: str,
    criteria_set: CriteriaSet,
    actor,
    checked: list[CheckedScore],
    comment: str = "",
    organisation: str = "",
) -> Assessment:
    """Create or replace the self-assessment of ``target``, or ``actor``'s appraisal of it."""
    lookup = {target_field: target, "kind": kind}
    if kind == AssessmentKind.APPRAISAL:
        lookup["assessor"] = actor
    total = sum((score.points for score in checked), Decimal(0))
    grade = grade_for(grades_of(criteria_set), total)
    assessment = Assessment.objects.filter(**lookup).first()
    if assessment is None:
        assessment = Assessment(**lookup)
    assessment.assessor = actor
    assessment.assessor_name = (actor.get_full_name() or actor.username)[:150]
    assessment.criteria_set = criteria_set
    assessment.organisation = organisation.strip()[:200]
    assessment.total = total
    assessment.grade = grade.label if grade else ""
    assessment.comment = comment.strip()[:5000]
    assessment.save()
    assessment.scores.all().delete()
    Score.objects.bulk_create(
        Score(assessment=assessment, criterion=s.criterion, points=s.points, note=s.note) for s in checked
    )
    if criteria_set.frozen_at is None:
        criteria_set.frozen_at = timezone.now()
        criteria_set.save(update_fields=["frozen_at"])
    return assessment


def mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(CENT)


# --- the comparison the board reads before deciding --------------------------------------------


@dataclass
class MatrixRow:
    criterion: Criterion
    self_points: Decimal | None
    appraisals: list[Decimal | None]
    notes: list[str]

    @property
    def scored(self) -> list[Decimal]:
        return [p for p in self.appraisals if p is not None]

    @property
    def spread(self) -> Decimal | None:
        scored = self.scored
        return max(scored) - min(scored) if len(scored) > 1 else None

    @property
    def mean(self) -> Decimal | None:
        return mean(self.scored)

    @property
    def disagrees(self) -> bool:
        """Appraisers differ by a fifth of the maximum or more."""
        spread = self.spread
        return spread is not None and spread >= self.criterion.max_points * DISAGREEMENT_SHARE

    @property
    def self_gap(self) -> Decimal | None:
        """How far the unit's own score is above the appraisers' mean."""
        if self.self_points is None or self.mean is None:
            return None
        return self.self_points - self.mean

    @property
    def self_overrated(self) -> bool:
        gap = self.self_gap
        return gap is not None and gap >= self.criterion.max_points * DISAGREEMENT_SHARE


@dataclass
class ScoreMatrix:
    criteria_set: CriteriaSet | None
    self_assessment: Assessment | None
    appraisals: list[Assessment]
    groups: list[tuple[CriteriaGroup, list[MatrixRow]]] = field(default_factory=list)
    grades: list[GradeBand] = field(default_factory=list)

    @property
    def columns(self) -> int:
        """Columns of the comparison table: criterion, maximum, self, each appraiser, mean and spread."""
        count = len(self.appraisals)
        return 3 + count + (2 if count > 1 else 0)

    @property
    def rows(self) -> list[MatrixRow]:
        return [row for _group, rows in self.groups for row in rows]

    @property
    def disagreements(self) -> list[MatrixRow]:
        return [row for row in self.rows if row.disagrees]

    @property
    def mean_total(self) -> Decimal | None:
        return mean([a.total for a in self.appraisals])

    @property
    def mean_grade(self) -> GradeBand | None:
        return grade_for(self.grades, self.mean_total)

    @property
    def total_spread(self) -> Decimal | None:
        totals = [a.total for a in self.appraisals]
        return max(totals) - min(totals) if len(totals) > 1 else None

    @property
    def grades_disagree(self) -> bool:
        """One appraiser would recognise it and another would not."""
        verdicts = {
            bool(band and band.qualifies)
            for band in (grade_for(self.grades, a.total) for a in self.appraisals)
        }
        return len(verdicts) > 1

    @property
    def qualifies(self) -> bool:
        band = self.mean_grade
        return bool(band and band.qualifies)


def score_matrix(assessments: list[Assessment], criteria_set: CriteriaSet | None) -> ScoreMatrix:
    """Every criterion with the unit's score and each appraiser's, for the board to compare."""
    self_assessment = next((a for a in assessments if a.kind == AssessmentKind.SELF), None)
    appraisals = [a for a in assessments if a.kind == AssessmentKind.APPRAISAL]
    matrix = ScoreMatrix(criteria_set, self_assessment, appraisals)
    if criteria_set is None:
        return matrix
    matrix.grades = grades_of(criteria_set)
    by_assessment: dict[int, dict[int, Score]] = {a.pk: {} for a in assessments}
    for score in Score.objects.filter(assessment__in=assessments):
        by_assessment[score.assessment_id][score.criterion_id] = score
    current_group, rows = None, []
    for criterion in criteria_of(criteria_set):
        if current_group is None or criterion.group_id != current_group.pk:
            if current_group is not None:
                matrix.groups.append((current_group, rows))
            current_group, rows = criterion.group, []
        own = by_assessment.get(self_assessment.pk, {}).get(criterion.pk) if self_assessment else None
        scores = [by_assessment[a.pk].get(criterion.pk) for a in appraisals]
        rows.append(
            MatrixRow(
                criterion=criterion,
                self_points=own.points if own else None,
                appraisals=[s.points if s else None for s in scores],
                notes=[s.note if s else "" for s in scores],
            )
        )
    if current_group is not None:
        matrix.groups.append((current_group, rows))
    return matrix
