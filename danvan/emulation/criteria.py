"""Criteria sets: which one applies, and every write to them (draft, edit, new version, publish).

A board edits its set while no assessment uses it. Once one does, the set is frozen:
``criteria_set_revise`` copies it into a new draft version, and ``criteria_set_publish``
makes that version the one new assessments use, superseding the old one. Assessments
keep the version they were scored on, so past scores never change meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.units.models import Unit
from danvan.units.selectors import unit_current

from .choices import CriteriaSetStatus, Subject
from .models import CriteriaGroup, CriteriaSet, Criterion, GradeBand

GROUP, CRITERION = "group", "criterion"
MAX_ROWS = 200


@dataclass(frozen=True)
class Row:
    """One line of the criteria table as the board edits it: a group heading or a criterion under it."""

    kind: str
    code: str
    text: str
    max_points: Decimal | None = None
    evidence: str = ""


@dataclass(frozen=True)
class Grade:
    label: str
    min_points: Decimal
    qualifies: bool


def criteria_set_for(*, subject: str, unit: Unit) -> CriteriaSet | None:
    """The published set for ``subject`` issued nearest above ``unit`` (its own, its province's…).

    The system's default set applies when no unit above has issued one.

    A unit dissolved in a reform also falls under the sets of its successor's ancestors.
    """
    ids = set(unit.ancestor_ids) | {unit.pk}
    current = unit_current(unit=unit)
    if current.pk != unit.pk:
        ids |= set(current.ancestor_ids) | {current.pk}
    candidates = list(
        CriteriaSet.objects.filter(subject=subject, status=CriteriaSetStatus.PUBLISHED)
        .filter(Q(unit__isnull=True) | Q(unit_id__in=ids))
        .select_related("unit")
    )
    if not candidates:
        return None
    # The deepest issuing unit wins; the default (no unit) comes last.
    return max(candidates, key=lambda s: (s.unit is not None, len(s.unit.path) if s.unit else 0))


def may_edit(user, criteria_set: CriteriaSet) -> bool:
    if criteria_set.unit is None:
        return bool(user.is_authenticated and user.is_superuser)
    return scoping.can(user, Capability.APPROVE, criteria_set.unit)


def _require_edit(actor, criteria_set: CriteriaSet) -> None:
    if not may_edit(actor, criteria_set):
        raise PermissionDenied(_("Bạn không có quyền sửa bộ tiêu chí này."))


def _require_issue(actor, unit: Unit | None) -> None:
    if unit is None:
        if not actor.is_superuser:
            raise PermissionDenied(_("Chỉ quản trị hệ thống sửa bộ tiêu chí mặc định."))
        return
    scoping.require(actor, Capability.APPROVE, unit)


def _copy_content(source: CriteriaSet, target: CriteriaSet) -> None:
    """Copy groups, criteria and grades one row at a time, so the audit log records each."""
    for group in source.groups.prefetch_related("criteria"):
        copy = CriteriaGroup.objects.create(
            criteria_set=target, order=group.order, code=group.code, title=group.title
        )
        for c in group.criteria.all():
            Criterion.objects.create(
                group=copy,
                order=c.order,
                code=c.code,
                text=c.text,
                max_points=c.max_points,
                evidence=c.evidence,
            )
    for g in source.grades.all():
        GradeBand.objects.create(
            criteria_set=target, label=g.label, min_points=g.min_points, qualifies=g.qualifies
        )


def _next_version(unit: Unit | None, subject: str) -> int:
    qs = CriteriaSet.objects.filter(subject=subject)
    qs = qs.filter(unit=unit) if unit is not None else qs.filter(unit__isnull=True)
    return (qs.aggregate(v=Max("version"))["v"] or 0) + 1


def _existing_draft(unit: Unit | None, subject: str) -> CriteriaSet | None:
    qs = CriteriaSet.objects.filter(subject=subject, status=CriteriaSetStatus.DRAFT)
    return (qs.filter(unit=unit) if unit is not None else qs.filter(unit__isnull=True)).first()


@transaction.atomic
def criteria_set_create(
    *, actor, unit: Unit | None, subject: str, name: str = "", description: str = ""
) -> CriteriaSet:
    """A new draft for ``unit``, starting from the set that applies there now."""
    _require_issue(actor, unit)
    if subject not in Subject.values:
        raise ValidationError({"subject": _("Đối tượng không hợp lệ.")})
    if (draft := _existing_draft(unit, subject)) is not None:
        raise ValidationError(
            _("Đã có bản nháp “%(name)s”; hãy sửa bản nháp đó.") % {"name": draft}, code="draft_exists"
        )
    if unit is not None:
        source = criteria_set_for(subject=subject, unit=unit)
    else:
        source = CriteriaSet.objects.filter(
            subject=subject, unit__isnull=True, status=CriteriaSetStatus.PUBLISHED
        ).first()
    name = (name or "").strip() or (source.name if source else Subject(subject).label)
    criteria_set = CriteriaSet.objects.create(
        unit=unit,
        subject=subject,
        version=_next_version(unit, subject),
        name=name[:255],
        description=(description or "").strip() or (source.description if source else ""),
        status=CriteriaSetStatus.DRAFT,
        based_on=source,
        created_by=actor,
    )
    if source is not None:
        _copy_content(source, criteria_set)
    return criteria_set


@transaction.atomic
def criteria_set_revise(*, actor, criteria_set: CriteriaSet) -> CriteriaSet:
    """A new draft version copied from ``criteria_set`` (the way to change a frozen set)."""
    _require_edit(actor, criteria_set)
    if (draft := _existing_draft(criteria_set.unit, criteria_set.subject)) is not None:
        return draft
    revision = CriteriaSet.objects.create(
        unit=criteria_set.unit,
        subject=criteria_set.subject,
        version=_next_version(criteria_set.unit, criteria_set.subject),
        name=criteria_set.name,
        description=criteria_set.description,
        status=CriteriaSetStatus.DRAFT,
        based_on=criteria_set,
        created_by=actor,
    )
    _copy_content(criteria_set, revision)
    return revision


def _points(value, *, line: int, field: str, required: bool) -> Decimal | None:
    if value is None or str(value).strip() == "":
        if required:
            raise ValidationError(_("Dòng %(line)s: thiếu điểm tối đa.") % {"line": line}, code=field)
        return None
    try:
        points = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as error:
        raise ValidationError(_("Dòng %(line)s: điểm không hợp lệ.") % {"line": line}, code=field) from error
    if not points.is_finite() or points <= 0 or points > 1000 or points != points.quantize(Decimal("0.01")):
        raise ValidationError(
            _("Dòng %(line)s: điểm tối đa phải lớn hơn 0, tối đa hai chữ số thập phân.") % {"line": line},
            code=field,
        )
    return points


def _check_rows(rows: list[Row]) -> list[str]:
    errors: list[str] = []
    if not rows:
        return [_("Bộ tiêu chí phải có ít nhất một nhóm và một tiêu chí.")]
    if len(rows) > MAX_ROWS:
        return [_("Bộ tiêu chí có tối đa %(max)s dòng.") % {"max": MAX_ROWS}]
    if rows[0].kind != GROUP:
        errors.append(_("Dòng 1 phải là một nhóm tiêu chí."))
    counts: list[int] = []
    for line, row in enumerate(rows, start=1):
        if not row.text.strip():
            errors.append(_("Dòng %(line)s: thiếu nội dung.") % {"line": line})
        if row.kind == GROUP:
            counts.append(0)
        elif row.kind == CRITERION:
            if counts:
                counts[-1] += 1
            try:
                _points(row.max_points, line=line, field="max_points", required=True)
            except ValidationError as error:
                errors.extend(error.messages)
        else:
            errors.append(_("Dòng %(line)s: loại dòng không hợp lệ.") % {"line": line})
    if any(count == 0 for count in counts):
        errors.append(_("Mỗi nhóm tiêu chí phải có ít nhất một tiêu chí."))
    return errors


def _check_grades(grades: list[Grade], total: Decimal) -> list[str]:
    errors: list[str] = []
    labels = [g.label.strip().casefold() for g in grades]
    if any(not label for label in labels):
        errors.append(_("Mỗi mức xếp loại phải có tên."))
    if len(set(labels)) != len(labels):
        errors.append(_("Tên các mức xếp loại không được trùng nhau."))
    if len({g.min_points for g in grades}) != len(grades):
        errors.append(_("Hai mức xếp loại không được cùng điểm sàn."))
    for grade in grades:
        if grade.min_points < 0 or grade.min_points > total:
            errors.append(
                _("Mức “%(label)s”: điểm sàn phải từ 0 đến %(total)s (tổng điểm tối đa).")
                % {"label": grade.label, "total": total}
            )
    if not any(g.qualifies for g in grades):
        errors.append(_("Phải có ít nhất một mức xếp loại đủ điều kiện công nhận."))
    ordered = sorted(grades, key=lambda g: g.min_points, reverse=True)
    seen_failing = False
    for grade in ordered:
        if not grade.qualifies:
            seen_failing = True
        elif seen_failing:
            errors.append(_("Mức đủ điều kiện công nhận phải có điểm sàn cao hơn các mức chưa đạt."))
            break
    return errors


@transaction.atomic
def criteria_set_update(
    *,
    actor,
    criteria_set: CriteriaSet,
    name: str,
    description: str,
    rows: list[Row],
    grades: list[Grade],
) -> CriteriaSet:
    """Replace the set's groups, criteria and grades at once; refused when the set is frozen."""
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    _require_edit(actor, criteria_set)
    if criteria_set.is_frozen:
        raise ValidationError(
            _("Bộ tiêu chí đã được dùng để chấm điểm nên không sửa được; hãy tạo phiên bản mới."),
            code="frozen",
        )
    if criteria_set.status == CriteriaSetStatus.SUPERSEDED:
        raise ValidationError(_("Phiên bản này đã được thay thế."), code="superseded")
    name = (name or "").strip()
    errors = [] if name else [_("Tên bộ tiêu chí không được để trống.")]
    errors += _check_rows(rows)
    if errors:
        raise ValidationError(errors)
    total = sum(
        (_points(r.max_points, line=0, field="", required=True) for r in rows if r.kind == CRITERION),
        Decimal(0),
    )
    errors = _check_grades(grades, total)
    if errors:
        raise ValidationError(errors)
    criteria_set.name = name[:255]
    criteria_set.description = (description or "").strip()
    criteria_set.save(update_fields=["name", "description"])
    # One by one, so the audit log records each row.
    for group in criteria_set.groups.all():
        for criterion in group.criteria.all():
            criterion.delete()
        group.delete()
    for grade in criteria_set.grades.all():
        grade.delete()
    group = None
    group_order = order = 0
    for row in rows:
        if row.kind == GROUP:
            group_order += 1
            order = 0
            group = CriteriaGroup.objects.create(
                criteria_set=criteria_set,
                order=group_order,
                code=row.code.strip()[:10],
                title=row.text.strip()[:500],
            )
        else:
            order += 1
            Criterion.objects.create(
                group=group,
                order=order,
                code=row.code.strip()[:10],
                text=row.text.strip(),
                max_points=_points(row.max_points, line=0, field="", required=True),
                evidence=row.evidence.strip()[:500],
            )
    for grade in grades:
        GradeBand.objects.create(
            criteria_set=criteria_set,
            label=grade.label.strip()[:100],
            min_points=grade.min_points,
            qualifies=grade.qualifies,
        )
    return criteria_set


@transaction.atomic
def criteria_set_publish(*, actor, criteria_set: CriteriaSet) -> CriteriaSet:
    """Make a draft the set new assessments use; the version it replaces is superseded."""
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    _require_edit(actor, criteria_set)
    if criteria_set.status != CriteriaSetStatus.DRAFT:
        raise ValidationError(_("Chỉ áp dụng được bản nháp."), code="not_draft")
    if not Criterion.objects.filter(group__criteria_set=criteria_set).exists():
        raise ValidationError(_("Bộ tiêu chí chưa có tiêu chí nào."), code="empty")
    if not criteria_set.grades.filter(qualifies=True).exists():
        raise ValidationError(_("Phải có ít nhất một mức xếp loại đủ điều kiện công nhận."), code="no_grade")
    previous = CriteriaSet.objects.select_for_update().filter(
        subject=criteria_set.subject, status=CriteriaSetStatus.PUBLISHED
    )
    previous = (
        previous.filter(unit=criteria_set.unit) if criteria_set.unit else previous.filter(unit__isnull=True)
    )
    for old in previous:
        old.status = CriteriaSetStatus.SUPERSEDED
        old.save(update_fields=["status"])
    criteria_set.status = CriteriaSetStatus.PUBLISHED
    criteria_set.published_at = timezone.now()
    criteria_set.published_by = actor
    criteria_set.save(update_fields=["status", "published_at", "published_by"])
    return criteria_set
