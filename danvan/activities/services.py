"""Every write to an entry form: one atomic function per step, with its permission check.

draft → submitted → approved, or → returned for correction → submitted again.
Figures change only in a draft or a returned form; approval locks them. Rules run
on every save; a submission that breaks a blocking rule stays a draft.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.units.models import Unit

from . import supervision
from .choices import EventKind, State
from .models import DataSet, DataValue, Submission, SubmissionEvent
from .periods import Period
from .units import ancestor_codes, exists_during, reporting_units
from .validation import Cells, Schema, Violation, counts
from .values import Figure


@dataclass
class Outcome:
    """What a save or a submission did, and what the rules said."""

    submission: Submission
    violations: list[Violation]
    submitted: bool = False

    @property
    def blocking(self) -> list[Violation]:
        return [v for v in self.violations if v.blocking]


# --- reads the writes share ------------------------------------------------------------------


def check_reporting(
    *, data_set: DataSet, unit: Unit, period: Period, today: datetime.date | None = None
) -> None:
    """Refuse, in Vietnamese, a form that cannot exist: wrong level, unit not in being, future period."""
    today = today or timezone.localdate()
    if not data_set.is_active:
        raise ValidationError(_("Bộ số liệu “%(name)s” không còn được dùng.") % {"name": data_set.name})
    if period.type != data_set.period_type:
        raise ValidationError(_("Kỳ báo cáo không đúng loại kỳ của bộ số liệu."))
    if not data_set.reports_at(unit):
        raise ValidationError(
            _("%(unit)s không thuộc cấp báo cáo bộ số liệu này (%(levels)s).")
            % {"unit": unit.name, "levels": ", ".join(str(label) for label in data_set.level_labels)}
        )
    if not exists_during(unit, period):
        raise ValidationError(
            _("%(unit)s không tồn tại trong %(period)s.") % {"unit": unit.name, "period": period.label}
        )
    if period.is_future(today):
        raise ValidationError(_("Chưa đến %(period)s, chưa thể nhập số liệu.") % {"period": period.label})


def submission_for(*, data_set: DataSet, unit: Unit, period: Period) -> Submission | None:
    return Submission.objects.filter(data_set=data_set, unit=unit, period=period.key).first()


def cells_of(submission: Submission | None) -> Cells:
    if submission is None or submission.pk is None:
        return {}
    cells: Cells = {}
    for code, option, value, text in submission.values.values_list(
        "data_element__code", "option_code", "value", "text_value"
    ):
        cells[f"{code}.{option}" if option else code] = text if text else value
    return cells


def evaluate(
    *, schema: Schema, submission: Submission | None, cells: Cells, require_complete: bool = False
) -> list[Violation]:
    recorded = {}
    if submission is not None and any(e.source for e in schema.elements):
        recorded = supervision.recorded_counts(
            data_set=schema.data_set, unit=submission.unit, period=submission.period_obj
        )
    return schema.check(cells, require_complete=require_complete, recorded=recorded)


def _lock(submission: Submission, expected_version: int | None) -> Submission:
    locked = Submission.objects.select_for_update().select_related("unit", "data_set").get(pk=submission.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(
            _("Báo cáo vừa được người khác cập nhật; hãy tải lại trang rồi thao tác lại."), code="stale"
        )
    return locked


def _event(submission: Submission, kind: str, actor, note: str = "", batch=None) -> SubmissionEvent:
    return SubmissionEvent.objects.create(
        submission=submission,
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        at=timezone.now(),
        note=note,
        batch=batch,
    )


def _store_counts(submission: Submission, violations: list[Violation], fields: list[str]) -> None:
    submission.blocking_count, submission.warning_count = counts(violations)
    submission.version += 1
    submission.save(
        update_fields=sorted({"blocking_count", "warning_count", "version", "updated_at", *fields})
    )


# --- entering figures ------------------------------------------------------------------------


@transaction.atomic
def submission_save(
    *,
    actor,
    data_set: DataSet,
    unit: Unit,
    period: Period,
    cells: dict[str, Figure | None],
    expected_version: int | None = None,
    event: str = EventKind.SAVED,
) -> Outcome:
    """Write the given cells (None clears one) into the draft, creating it when needed; run the rules."""
    scoping.require(actor, Capability.RECORD, unit)
    check_reporting(data_set=data_set, unit=unit, period=period)
    schema = Schema(data_set)
    unknown = [key for key in cells if key not in schema.by_key]
    if unknown:
        raise ValidationError(_("Không có ô số liệu “%(key)s”.") % {"key": unknown[0]})
    submission = submission_for(data_set=data_set, unit=unit, period=period)
    if submission is None:
        if expected_version not in (None, 0):
            raise ValidationError(_("Báo cáo vừa bị thay đổi; hãy tải lại trang."), code="stale")
        submission = Submission.objects.create(
            data_set=data_set,
            unit=unit,
            period_type=period.type,
            period=period.key,
            yyyymm=period.yyyymm_start,
            yyyymm_end=period.yyyymm_end,
            created_by=actor,
            updated_by=actor,
            version=0,
            **ancestor_codes(unit),
        )
        _event(submission, EventKind.CREATED, actor)
    else:
        if expected_version == 0:
            raise ValidationError(_("Báo cáo vừa được người khác tạo; hãy tải lại trang."), code="stale")
        submission = _lock(submission, expected_version)
    if not submission.is_editable:
        raise ValidationError(
            _("Báo cáo đang ở trạng thái “%(state)s”, không sửa được số liệu.")
            % {"state": submission.get_state_display()},
            code="locked",
        )
    changed = _write_cells(submission, schema, cells)
    violations = evaluate(schema=schema, submission=submission, cells=cells_of(submission))
    submission.updated_by = actor
    _store_counts(submission, violations, ["updated_by"])
    if changed or event != EventKind.SAVED:
        note = _("%(n)s ô thay đổi.") % {"n": changed}
        _event(submission, event, actor, note=note)
    return Outcome(submission=submission, violations=violations)


def _write_cells(submission: Submission, schema: Schema, cells: dict[str, Figure | None]) -> int:
    existing = {v.cell_key: v for v in submission.values.select_related("data_element")}
    to_create, to_update, to_delete = [], [], []
    codes = {
        "province_code": submission.province_code,
        "district_code": submission.district_code,
        "commune_code": submission.commune_code,
    }
    for key, figure in cells.items():
        current = existing.get(key)
        if figure is None:
            if current is not None:
                to_delete.append(current.pk)
            continue
        number = figure.number if figure.number is None else Decimal(figure.number)
        if current is not None:
            if current.value != number or current.text_value != figure.text:
                current.value, current.text_value = number, figure.text
                to_update.append(current)
            continue
        cell = schema.by_key[key]
        to_create.append(
            DataValue(
                submission=submission,
                data_element=cell.element,
                option_code=cell.option.code if cell.option else "",
                value=number,
                text_value=figure.text,
                unit_id=submission.unit_id,
                period=submission.period,
                yyyymm=submission.yyyymm,
                yyyymm_end=submission.yyyymm_end,
                **codes,
            )
        )
    if to_delete:
        DataValue.objects.filter(pk__in=to_delete).delete()
    if to_update:
        now = timezone.now()
        for value in to_update:
            value.updated_at = now
        DataValue.objects.bulk_update(to_update, ["value", "text_value", "updated_at"])
    if to_create:
        DataValue.objects.bulk_create(to_create)
    return len(to_create) + len(to_update) + len(to_delete)


@transaction.atomic
def submission_fill_from_activities(
    *, actor, data_set: DataSet, unit: Unit, period: Period, expected_version: int | None = None
) -> Outcome:
    """Put the counts of the recorded supervisions into their cells (only where something was recorded)."""
    counted = supervision.recorded_counts(data_set=data_set, unit=unit, period=period)
    if not counted:
        raise ValidationError(_("Chưa ghi nhận cuộc giám sát, phản biện nào của đơn vị trong kỳ này."))
    cells = {key: Figure(number=Decimal(number)) for key, number in counted.items()}
    return submission_save(
        actor=actor,
        data_set=data_set,
        unit=unit,
        period=period,
        cells=cells,
        expected_version=expected_version,
        event=EventKind.FILLED,
    )


# --- the workflow ----------------------------------------------------------------------------


@transaction.atomic
def submission_submit(*, actor, submission: Submission, expected_version: int | None = None) -> Outcome:
    """Send the form up for approval, unless a blocking rule or an empty compulsory cell says no.

    A refusal is recorded (who tried, when, why) and the form stays as it was.
    """
    submission = _lock(submission, expected_version)
    scoping.require(actor, Capability.RECORD, submission.unit)
    if not submission.is_editable:
        raise ValidationError(
            _("Báo cáo đang ở trạng thái “%(state)s”, không gửi lại được.")
            % {"state": submission.get_state_display()}
        )
    check_reporting(data_set=submission.data_set, unit=submission.unit, period=submission.period_obj)
    schema = Schema(submission.data_set)
    violations = evaluate(
        schema=schema, submission=submission, cells=cells_of(submission), require_complete=True
    )
    blocking = [v for v in violations if v.blocking]
    if blocking:
        _store_counts(submission, violations, [])
        _event(submission, EventKind.SUBMIT_REFUSED, actor, note="\n".join(v.message for v in blocking))
        return Outcome(submission=submission, violations=violations, submitted=False)
    submission.state = State.SUBMITTED
    submission.submitted_at, submission.submitted_by = timezone.now(), actor
    submission.return_reason = ""
    _store_counts(submission, violations, ["state", "submitted_at", "submitted_by", "return_reason"])
    warnings = [v.message for v in violations]
    _event(submission, EventKind.SUBMITTED, actor, note="\n".join(warnings))
    return Outcome(submission=submission, violations=violations, submitted=True)


def _require_approve(actor, submission: Submission) -> None:
    if not scoping.can(actor, Capability.APPROVE, submission.unit):
        raise PermissionDenied(
            _("Chỉ người có quyền phê duyệt tại %(unit)s hoặc cấp trên mới duyệt được báo cáo này.")
            % {"unit": submission.unit.name}
        )


@transaction.atomic
def submission_approve(
    *, actor, submission: Submission, note: str = "", expected_version: int | None = None
) -> Submission:
    """Approve a submitted form; its figures are then locked."""
    submission = _lock(submission, expected_version)
    _require_approve(actor, submission)
    if submission.state != State.SUBMITTED:
        raise ValidationError(_("Chỉ duyệt được báo cáo đã gửi và đang chờ duyệt."))
    schema = Schema(submission.data_set)
    violations = evaluate(
        schema=schema, submission=submission, cells=cells_of(submission), require_complete=True
    )
    if any(v.blocking for v in violations):
        raise ValidationError(
            _("Không duyệt được: số liệu chưa khớp quy tắc kiểm tra. Hãy trả lại để đơn vị sửa."),
            code="rules",
        )
    submission.state = State.APPROVED
    submission.approved_at, submission.approved_by = timezone.now(), actor
    _store_counts(submission, violations, ["state", "approved_at", "approved_by"])
    _event(submission, EventKind.APPROVED, actor, note=(note or "").strip()[:2000])
    return submission


@transaction.atomic
def submission_return(
    *, actor, submission: Submission, reason: str, expected_version: int | None = None
) -> Submission:
    """Send a submitted (or approved) form back for correction, with the reason; it unlocks it."""
    submission = _lock(submission, expected_version)
    _require_approve(actor, submission)
    if submission.state not in (State.SUBMITTED, State.APPROVED):
        raise ValidationError(_("Chỉ trả lại được báo cáo đã gửi hoặc đã duyệt."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy nêu lý do trả lại để đơn vị biết cần sửa gì.")})
    submission.state = State.RETURNED
    submission.return_reason = reason[:2000]
    submission.approved_at = submission.approved_by = None
    submission.version += 1
    submission.save(
        update_fields=["state", "return_reason", "approved_at", "approved_by", "version", "updated_at"]
    )
    _event(submission, EventKind.RETURNED, actor, note=submission.return_reason)
    return submission


# --- checking on demand ----------------------------------------------------------------------


def submission_validate(*, actor, submission: Submission) -> list[Violation]:
    """Run the rules now (they may have changed since the last save) and refresh the stored counts."""
    if not scoping.can(actor, Capability.VIEW, submission.unit):
        raise PermissionDenied(_("Bạn không có quyền xem báo cáo này."))
    schema = Schema(submission.data_set)
    violations = evaluate(
        schema=schema,
        submission=submission,
        cells=cells_of(submission),
        require_complete=submission.state != State.DRAFT,
    )
    blocking, other = counts(violations)
    if (blocking, other) != (submission.blocking_count, submission.warning_count):
        Submission.objects.filter(pk=submission.pk).update(blocking_count=blocking, warning_count=other)
        submission.blocking_count, submission.warning_count = blocking, other
    return violations


def validation_run(*, actor, data_set: DataSet, period: Period, root: Unit) -> list[tuple[Submission, list]]:
    """Every form of ``period`` under ``root`` that breaks a rule, with its violations.

    DHIS2 calls this "run validation"; it also refreshes the counts stored on each form.
    """
    if not scoping.can(actor, Capability.VIEW, root):
        raise PermissionDenied(_("Bạn không có quyền xem số liệu của %(unit)s.") % {"unit": root.name})
    schema = Schema(data_set)
    submissions = list(
        Submission.objects.filter(
            data_set=data_set,
            period=period.key,
            unit__in=reporting_units(data_set=data_set, root=root, period=period),
        ).select_related("unit")
    )
    by_submission: dict[int, Cells] = {s.pk: {} for s in submissions}
    for submission_id, code, option, value, text in DataValue.objects.filter(
        submission_id__in=by_submission
    ).values_list("submission_id", "data_element__code", "option_code", "value", "text_value"):
        by_submission[submission_id][f"{code}.{option}" if option else code] = text if text else value
    results, stale = [], []
    for submission in submissions:
        violations = evaluate(
            schema=schema,
            submission=submission,
            cells=by_submission[submission.pk],
            require_complete=submission.state != State.DRAFT,
        )
        blocking, other = counts(violations)
        if (blocking, other) != (submission.blocking_count, submission.warning_count):
            submission.blocking_count, submission.warning_count = blocking, other
            stale.append(submission)
        if violations:
            results.append((submission, violations))
    if stale:
        Submission.objects.bulk_update(stale, ["blocking_count", "warning_count"])
    return results
