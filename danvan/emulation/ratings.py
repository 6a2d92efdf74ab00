"""The annual "Dân vận khéo" rating of commune party organisations (and agencies), on its own criteria set.

opened → self_assessed → appraised → rated | not_rated. The commune (RECORD) opens the
year's rating and scores itself; the committee above it (APPROVE on the parent unit)
appraises and concludes: a commune never appraises itself.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.units.choices import Level, OrganisationKind
from danvan.units.models import Organisation, Unit
from danvan.units.selectors import unit_ancestor_codes

from . import scoring
from .choices import AssessmentKind, RatingStatus, Subject
from .criteria import criteria_set_for
from .issuers import unit_phrase
from .models import AnnualRating, Assessment
from .services import clean_text

FIRST_YEAR = 2000


def superior_of(rating: AnnualRating) -> Unit:
    """The unit whose board appraises the rating: the parent of a commune (itself for a top unit)."""
    unit = rating.unit
    return unit.parent if unit.parent_id and unit.parent.level != Level.NATION else unit


def may_appraise(user, rating: AnnualRating) -> bool:
    return scoping.can(user, Capability.APPROVE, superior_of(rating))


def _require_appraise(actor, rating: AnnualRating) -> None:
    if not may_appraise(actor, rating):
        raise PermissionDenied(
            _("Chỉ Ban Thường vụ cấp trên của %(unit)s thẩm định, kết luận đánh giá này.")
            % {"unit": rating.unit.name}
        )


def _lock(rating: AnnualRating, expected_version: int | None) -> AnnualRating:
    locked = (
        AnnualRating.objects.select_for_update(of=("self",))
        .select_related("unit__parent", "criteria_set")
        .get(pk=rating.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(
            _("Đánh giá này vừa được người khác cập nhật; hãy tải lại trang rồi thao tác lại."), code="stale"
        )
    return locked


def _save(rating: AnnualRating, fields: list[str]) -> None:
    rating.version += 1
    rating.save(update_fields=sorted({"version", *fields}))


@transaction.atomic
def rating_open(
    *,
    actor,
    unit: Unit,
    year: int,
    subject: str = Subject.COMMUNE_PARTY,
    organisation: Organisation | None = None,
    name: str = "",
) -> AnnualRating:
    """Open the year's rating of the commune's party organisation (or of an agency)."""
    scoping.require(actor, Capability.RECORD, unit)
    if subject not in Subject.rating_values():
        raise ValidationError({"subject": _("Đối tượng đánh giá không hợp lệ.")})
    if subject == Subject.COMMUNE_PARTY and unit.level != Level.COMMUNE:
        raise ValidationError({"unit": _("Đánh giá tổ chức cơ sở đảng chỉ áp dụng cho đơn vị cấp xã.")})
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        raise ValidationError(
            {
                "year": _("Năm đánh giá phải từ %(first)s đến %(last)s.")
                % {"first": FIRST_YEAR, "last": this_year}
            }
        )
    if unit.valid_from > datetime.date(year, 12, 31) or (
        unit.valid_to and unit.valid_to < datetime.date(year, 1, 1)
    ):
        raise ValidationError(
            {"unit": _("%(unit)s không có hiệu lực trong năm %(year)s.") % {"unit": unit.name, "year": year}}
        )
    if organisation is not None and organisation.unit_id != unit.pk:
        raise ValidationError({"organisation": _("Tổ chức phải thuộc %(unit)s.") % {"unit": unit.name}})
    if subject == Subject.COMMUNE_PARTY and organisation is None:
        organisation = Organisation.objects.filter(
            unit=unit, kind=OrganisationKind.PARTY_COMMITTEE, is_active=True
        ).first()
    name = (name or "").strip() or (organisation.name if organisation else "")
    if not name and subject == Subject.COMMUNE_PARTY:
        name = f"Đảng bộ {unit_phrase(unit)}"
    name = clean_text(name, field="name", max_length=255)
    criteria_set = criteria_set_for(subject=subject, unit=unit)
    if criteria_set is None:
        raise ValidationError(
            _("Chưa có bộ tiêu chí “%(subject)s” nào được áp dụng.") % {"subject": Subject(subject).label},
            code="no_set",
        )
    if AnnualRating.objects.filter(unit=unit, subject=subject, name=name, year=year).exists():
        raise ValidationError(
            {"year": _("%(name)s đã có đánh giá năm %(year)s.") % {"name": name, "year": year}},
            code="duplicate",
        )
    return AnnualRating.objects.create(
        subject=subject,
        unit=unit,
        organisation=organisation,
        name=name,
        year=year,
        criteria_set=criteria_set,
        created_by=actor,
        **unit_ancestor_codes(unit=unit),
    )


@transaction.atomic
def rating_self_assess(
    *,
    actor,
    rating: AnnualRating,
    points: Mapping[int, object],
    notes: Mapping[int, str] | None = None,
    comment: str = "",
    expected_version: int | None = None,
) -> Assessment:
    rating = _lock(rating, expected_version)
    scoping.require(actor, Capability.RECORD, rating.unit)
    if rating.status not in (RatingStatus.OPENED, RatingStatus.SELF_ASSESSED):
        raise ValidationError(_("Đánh giá đã được thẩm định; không tự chấm lại được."), code="appraised")
    checked = scoring.check_scores(rating.criteria_set, points, notes)
    assessment = scoring.save_assessment(
        target_field="rating",
        target=rating,
        kind=AssessmentKind.SELF,
        criteria_set=rating.criteria_set,
        actor=actor,
        checked=checked,
        comment=comment,
    )
    rating.self_score, rating.grade, rating.status = (
        assessment.total,
        assessment.grade,
        RatingStatus.SELF_ASSESSED,
    )
    _save(rating, ["self_score", "grade", "status"])
    return assessment


@transaction.atomic
def rating_appraise(
    *,
    actor,
    rating: AnnualRating,
    points: Mapping[int, object],
    notes: Mapping[int, str] | None = None,
    comment: str = "",
    organisation: str = "",
    expected_version: int | None = None,
) -> Assessment:
    rating = _lock(rating, expected_version)
    _require_appraise(actor, rating)
    if rating.status not in (RatingStatus.SELF_ASSESSED, RatingStatus.APPRAISED):
        raise ValidationError(
            _("Chỉ thẩm định khi đơn vị đã tự chấm và chưa có kết luận."), code="not_self_assessed"
        )
    checked = scoring.check_scores(rating.criteria_set, points, notes)
    assessment = scoring.save_assessment(
        target_field="rating",
        target=rating,
        kind=AssessmentKind.APPRAISAL,
        criteria_set=rating.criteria_set,
        actor=actor,
        checked=checked,
        comment=comment,
        organisation=organisation,
    )
    totals = list(rating.assessments.filter(kind=AssessmentKind.APPRAISAL).values_list("total", flat=True))
    rating.appraisal_score = scoring.mean(totals)
    band = scoring.grade_for(scoring.grades_of(rating.criteria_set), rating.appraisal_score)
    rating.grade, rating.status = (band.label if band else ""), RatingStatus.APPRAISED
    _save(rating, ["appraisal_score", "grade", "status"])
    return assessment


@transaction.atomic
def rating_decide(
    *,
    actor,
    rating: AnnualRating,
    rated: bool,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> AnnualRating:
    """The committee above concludes: rated "Dân vận khéo" this year, or not."""
    rating = _lock(rating, expected_version)
    _require_appraise(actor, rating)
    if rating.status != RatingStatus.APPRAISED:
        raise ValidationError(
            _("Chỉ kết luận sau khi đã thẩm định và chưa có kết luận."), code="not_appraised"
        )
    note = (note or "").strip()[:5000]
    number = (decision_number or "").strip()
    errors: dict[str, str] = {}
    if decision_date and decision_date > timezone.localdate():
        errors["decision_date"] = _("Ngày quyết định không được sau hôm nay.")
    band = scoring.grade_for(scoring.grades_of(rating.criteria_set), rating.appraisal_score)
    if rated:
        if not number:
            errors["decision_number"] = _("Hãy nhập số, ký hiệu quyết định.")
        if decision_date is None:
            errors["decision_date"] = _("Hãy nhập ngày ký quyết định.")
        if not (band and band.qualifies) and not note:
            errors["note"] = _(
                "Điểm thẩm định bình quân (%(score)s) chưa đạt mức “Dân vận khéo”; hãy ghi ý kiến kết luận."
            ) % {"score": rating.appraisal_score}
    elif not note:
        errors["note"] = _("Hãy ghi lý do chưa đạt.")
    if errors:
        raise ValidationError(errors)
    rating.status = RatingStatus.RATED if rated else RatingStatus.NOT_RATED
    rating.decision_number, rating.decision_date = number[:50], decision_date
    rating.decision_note, rating.decided_by = note, actor
    _save(rating, ["status", "decision_number", "decision_date", "decision_note", "decided_by"])
    return rating
