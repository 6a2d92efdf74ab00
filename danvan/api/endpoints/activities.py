"""Periodic figures through the API: the data sets, and one entry form's cells read, written and submitted.

A form is one data set × one unit × one period (``?unit=90001&period=2025Q4``). Writes
go through ``activities.services.submission_save`` and ``submission_submit``, and every
cell through ``values.parse_figure``, exactly as the entry form: the same Vietnamese
messages for a wrong figure, the same rules run on every save. A save that breaks a
rule is kept as a draft and answered with the violations; a submission that breaks a
blocking rule is refused with 422. A unit outside the caller's scope answers 404.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.activities import selectors, services, supervision
from danvan.activities.choices import Importance, PeriodType, State, ValueType
from danvan.activities.models import DataElement, DataSet, Submission
from danvan.activities.periods import EXAMPLES, Period, PeriodError
from danvan.activities.validation import Schema as DataSetSchema
from danvan.activities.validation import Violation
from danvan.activities.values import FigureError, parse_figure
from danvan.units.choices import Level
from danvan.units.models import Unit
from danvan.units.selectors import unit_by_code

from .. import serializers as out
from ..errors import ApiError
from ..schemas import Code, Text, UnitRef, VersionIn
from .common import OBJECT_ERRORS, READ_ERRORS, WRITE_ERRORS

router = Router(tags=["Số liệu định kỳ"])

# Inline enumerations, so no component of the same name elsewhere is replaced.
PeriodTypeCode = Literal.__getitem__(tuple(PeriodType.values))
ValueTypeCode = Literal.__getitem__(tuple(ValueType.values))
StateCode = Literal.__getitem__(tuple(State.values))
ImportanceCode = Literal.__getitem__(tuple(Importance.values))

DataSetCode = Annotated[Code, Path(description="Mã bộ số liệu, ví dụ ho-so-thu-tuc-hanh-chinh.")]
UnitCode = Annotated[
    Code, Query(description="Mã đơn vị; đơn vị có hiệu lực vào cuối kỳ (hoặc hôm nay, nếu kỳ chưa hết).")
]
PeriodKey = Annotated[
    Text(40, 1),
    Query(description="Kỳ báo cáo: 202507 (tháng), 2025Q3 (quý), 2025S2 (6 tháng), 2025 (năm)."),
]
# A cell as a client sends it: a number, a text as typed on the form ("25.723", "99,08"), an
# option's code or name, true/false for yes-no cells; null or "" clears the cell.
FigureIn = int | Annotated[float, Field(allow_inf_nan=False)] | bool | Text(40) | None


# --- shapes --------------------------------------------------------------------------------------


class OptionOut(Schema):
    code: str
    name: str


class BreakdownOut(Schema):
    code: str
    name: str
    options: list[OptionOut]


class DataElementOut(Schema):
    code: str
    name: str
    short_name: str
    help_text: str
    value_type: ValueTypeCode
    value_type_label: str
    required: bool = Field(description="Bắt buộc nhập trước khi gửi.")
    min_value: float | None = Field(description="Giá trị nhỏ nhất (mặc định 0).")
    max_value: float | None
    breakdown: BreakdownOut | None = Field(description="Phân tổ: mỗi mục một ô, khóa `mã_chỉ_tiêu.mã_mục`.")
    options: list[OptionOut] = Field(description="Các mức được chọn, với chỉ tiêu kiểu option.")
    cells: list[str] = Field(description="Khóa các ô của chỉ tiêu.")
    source: str = Field(description="Đếm được từ hồ sơ giám sát đã ghi nhận (nếu có).")


class RuleOut(Schema):
    name: str
    left: str
    operator: str
    right: str
    importance: ImportanceCode
    blocking: bool = Field(description="Vi phạm thì không gửi được báo cáo.")
    message: str
    per_option: bool


class DataSetOut(Schema):
    code: str
    name: str
    description: str
    period_type: PeriodTypeCode
    period_type_label: str
    period_example: str = Field(description="Ví dụ một khóa kỳ báo cáo của bộ số liệu.")
    levels: list[Level] = Field(description="Các cấp đơn vị phải báo cáo.")
    days_to_submit: int = Field(description="Hạn gửi: số ngày sau khi hết kỳ.")
    uses_cutoff: bool = Field(description="Chốt số liệu theo Nghị định 09/2019 (ngày 15 tháng trước đến 14).")
    is_active: bool
    elements: list[DataElementOut]
    rules: list[RuleOut]


class DataSetRef(Schema):
    code: str
    name: str
    period_type: PeriodTypeCode


class PeriodOut(Schema):
    key: str
    type: str
    label: str
    start: datetime.date = Field(
        description="Ngày đầu của số liệu (theo Nghị định 09 nếu bộ số liệu chốt số)."
    )
    end: datetime.date
    due: datetime.date | None = Field(description="Hạn gửi báo cáo.")


class CellOut(Schema):
    key: str = Field(description="`mã_chỉ_tiêu` hoặc `mã_chỉ_tiêu.mã_mục` với chỉ tiêu có phân tổ.")
    element: str
    option: str | None
    label: str
    value_type: ValueTypeCode
    required: bool
    value: int | float | str | None = Field(
        description="Số; mã mức với chỉ tiêu kiểu option; 1 = có, 0 = không; null = chưa nhập."
    )


class ViolationOut(Schema):
    message: str
    importance: ImportanceCode
    blocking: bool = Field(description="Chặn gửi báo cáo.")
    cell: str = Field(description="Ô hiển thị thông báo.")
    cells: list[str] = Field(description="Mọi ô quy tắc liên quan.")
    option: str | None = Field(description="Mục phân tổ, với quy tắc áp dụng cho từng mục.")
    left: float | None
    right: float | None


class DataValuesOut(Schema):
    data_set: DataSetRef
    unit: UnitRef
    period: PeriodOut
    state: StateCode | None = Field(description="null: chưa có báo cáo.")
    state_label: str | None
    version: int = Field(description="Gửi lại khi ghi; 0 khi chưa có báo cáo.")
    editable: bool = Field(description="Người gọi nhập, sửa được số liệu lúc này.")
    problem: str | None = Field(description="Lý do báo cáo không nhập được (cấp, kỳ, đơn vị không tồn tại…).")
    cells: list[CellOut]
    recorded: dict[str, int] = Field(
        description="Số đếm từ các cuộc giám sát, phản biện đã ghi nhận, theo ô."
    )
    violations: list[ViolationOut]
    blocking_count: int
    warning_count: int
    submitted_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    return_reason: str


class DataValuesOutcome(DataValuesOut):
    message: str = Field(description="Kết quả, như thông báo trên giao diện.")
    submitted: bool


class DataValuesIn(Schema):
    values: dict[Text(130, 1), FigureIn] = Field(
        max_length=2000,
        description="Ô → giá trị. Chỉ các ô gửi lên được ghi; null hoặc chuỗi rỗng xóa ô; "
        "ô không gửi giữ nguyên.",
    )
    version: Annotated[int, Field(ge=0, le=2_147_483_647)] | None = Field(
        None, description="version đã đọc (0: báo cáo chưa có); sai lệch thì trả 409."
    )


# --- records → dictionaries ----------------------------------------------------------------------


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _options(options) -> list[dict]:
    return [{"code": o.code, "name": o.name} for o in options]


def element_out(element: DataElement) -> dict:
    breakdown = element.breakdown
    return {
        "code": element.code,
        "name": element.name,
        "short_name": element.short_name,
        "help_text": element.help_text,
        "value_type": element.value_type,
        "value_type_label": str(element.get_value_type_display()),
        "required": element.is_required,
        "min_value": _number(element.min_value),
        "max_value": _number(element.max_value),
        "breakdown": None
        if breakdown is None
        else {"code": breakdown.code, "name": breakdown.name, "options": _options(element.breakdown_options)},
        "options": [{"code": code, "name": name} for code, name in element.option_list],
        "cells": element.cell_keys,
        "source": element.source,
    }


def data_set_out(data_set: DataSet) -> dict:
    return {
        "code": data_set.code,
        "name": data_set.name,
        "description": data_set.description,
        "period_type": data_set.period_type,
        "period_type_label": str(data_set.get_period_type_display()),
        "period_example": EXAMPLES[data_set.period_type],
        "levels": [level for level in data_set.levels or [] if level in Level.values],
        "days_to_submit": data_set.days_to_submit,
        "uses_cutoff": data_set.uses_cutoff,
        "is_active": data_set.is_active,
        "elements": [element_out(e) for e in data_set.element_list],
        "rules": [
            {
                "name": r.name,
                "left": r.left,
                "operator": r.operator,
                "right": r.right,
                "importance": r.importance,
                "blocking": r.importance in Importance.blocking(),
                "message": r.message,
                "per_option": r.per_option,
            }
            for r in data_set.rule_list
        ],
    }


def _value(value) -> int | float | str | None:
    if value is None or isinstance(value, str):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


def violation_out(violation: Violation) -> dict:
    return {
        "message": violation.message,
        "importance": violation.importance,
        "blocking": violation.blocking,
        "cell": violation.cell,
        "cells": list(violation.cells),
        "option": violation.option or None,
        "left": _number(violation.left),
        "right": _number(violation.right),
    }


def _due(data_set: DataSet, period: Period) -> datetime.date | None:
    try:
        return period.due_date(data_set.days_to_submit)
    except OverflowError:  # a period in year 9999
        return None


def values_out(
    user,
    data_set: DataSet,
    unit: Unit,
    period: Period,
    submission: Submission | None,
    violations: list[Violation] | None = None,
) -> dict:
    """The entry form as the entry page shows it: cells, state, version, what the rules say."""
    schema = DataSetSchema(data_set)
    stored = services.cells_of(submission)
    if violations is None:
        violations = (
            services.evaluate(schema=schema, submission=submission, cells=stored) if submission else []
        )
    problem = None
    try:
        services.check_reporting(data_set=data_set, unit=unit, period=period)
    except ValidationError as error:
        problem = error.messages[0]
    may_record = scoping.can(user, Capability.RECORD, unit)
    start, end = period.dates(cutoff=data_set.uses_cutoff)
    return {
        "data_set": {"code": data_set.code, "name": data_set.name, "period_type": data_set.period_type},
        "unit": out.unit_ref(unit),
        "period": {
            "key": period.key,
            "type": period.type,
            "label": period.label,
            "start": start,
            "end": end,
            "due": _due(data_set, period),
        },
        "state": submission.state if submission else None,
        "state_label": str(submission.get_state_display()) if submission else None,
        "version": submission.version if submission else 0,
        "editable": may_record and problem is None and (submission is None or submission.is_editable),
        "problem": problem,
        "cells": [
            {
                "key": cell.key,
                "element": cell.element.code,
                "option": cell.option.code if cell.option else None,
                "label": cell.label,
                "value_type": cell.element.value_type,
                "required": cell.element.is_required,
                "value": _value(stored.get(cell.key)),
            }
            for cell in schema.cells
        ],
        "recorded": supervision.recorded_counts(data_set=data_set, unit=unit, period=period),
        "violations": [violation_out(v) for v in violations],
        "blocking_count": sum(1 for v in violations if v.blocking),
        "warning_count": sum(1 for v in violations if not v.blocking),
        "submitted_at": submission.submitted_at if submission else None,
        "approved_at": submission.approved_at if submission else None,
        "return_reason": submission.return_reason if submission else "",
    }


# --- looking up what the request names -----------------------------------------------------------


def _data_set(code: str) -> DataSet:
    data_set = DataSet.objects.filter(code=code).first()
    if data_set is None:
        raise ApiError("not_found", _("Không có bộ số liệu mang mã “%(code)s”.") % {"code": code})
    return data_set


def _form(user, code: str, unit_code: str, period_key: str) -> tuple[DataSet, Unit, Period]:
    """The data set, the unit (within the caller's scope) and the period a form request names."""
    data_set = _data_set(code)
    try:
        period = data_set.period(period_key)
    except PeriodError as error:
        raise ApiError("invalid", str(error), fields={"period": [str(error)]}) from error
    # Codes are reused across the 2025 reform: the unit is the one valid when the period ends.
    day = min(period.end, timezone.localdate())
    found = unit_by_code(code=unit_code, day=day)
    unit = selectors.unit_visible(user=user, pk=found.pk) if found is not None else None
    if unit is None:
        raise ApiError(
            "not_found",
            _("Không tìm thấy đơn vị có mã “%(code)s” trong phạm vi của bạn.") % {"code": unit_code},
        )
    return data_set, unit, period


def _figures(data_set: DataSet, values: dict) -> dict:
    """Each cell read as the entry form reads it; every wrong cell named in ``fields``."""
    schema = DataSetSchema(data_set)
    figures, errors = {}, {}
    for key, raw in values.items():
        cell = schema.by_key.get(key)
        if cell is None:
            errors[f"values.{key}"] = [_("Không có ô số liệu “%(key)s”.") % {"key": key}]
            continue
        try:
            figures[key] = parse_figure(cell.element, raw)
        except FigureError as error:
            errors[f"values.{key}"] = [str(error)]
    if errors:
        raise ValidationError(errors)
    return figures


def _illegal_when_locked(error: ValidationError) -> None:
    """A form no longer editable (submitted, approved) is a state conflict: 409, as for petitions."""
    if any(getattr(e, "code", None) == "locked" for e in getattr(error, "error_list", [])):
        raise ApiError("illegal_transition", " ".join(error.messages)) from error


# --- endpoints -----------------------------------------------------------------------------------


@router.get("/data-sets", response={200: list[DataSetOut], **READ_ERRORS}, summary="Bộ số liệu định kỳ")
def data_set_list(request):
    """Các bộ số liệu đang dùng, với chỉ tiêu, phân tổ, các ô và quy tắc kiểm tra của từng bộ."""
    return [data_set_out(d) for d in selectors.data_sets_active()]


@router.get(
    "/data-sets/{code}", response={200: DataSetOut, **OBJECT_ERRORS}, summary="Một bộ số liệu định kỳ"
)
def data_set_get(request, code: DataSetCode):
    return data_set_out(_data_set(code))


@router.get(
    "/data-sets/{code}/values",
    response={200: DataValuesOut, **OBJECT_ERRORS},
    summary="Số liệu của một đơn vị trong một kỳ",
)
def data_values_get(request, code: DataSetCode, unit: UnitCode, period: PeriodKey):
    """Các ô của biểu nhập, trạng thái, version và các chỗ chưa khớp quy tắc kiểm tra."""
    data_set, found, parsed = _form(request.auth, code, unit, period)
    submission = services.submission_for(data_set=data_set, unit=found, period=parsed)
    return values_out(request.auth, data_set, found, parsed, submission)


@router.put(
    "/data-sets/{code}/values",
    response={200: DataValuesOutcome, **WRITE_ERRORS},
    summary="Ghi số liệu (lưu nháp)",
)
def data_values_put(request, code: DataSetCode, unit: UnitCode, period: PeriodKey, payload: DataValuesIn):
    """Ghi các ô gửi lên vào bản nháp (tạo báo cáo nếu chưa có), rồi chạy các quy tắc kiểm tra.

    Mỗi ô được đọc như trên biểu nhập ("25.723", "99,08", mã hoặc tên mức, có/không); một ô
    sai thì không lưu gì (422, `fields` nêu từng ô). Số liệu chưa khớp quy tắc vẫn được lưu
    nháp và được báo trong `violations`; báo cáo đã gửi hoặc đã duyệt thì không sửa được (409).
    """
    user = request.auth
    data_set, found, parsed = _form(user, code, unit, period)
    scoping.require(user, Capability.RECORD, found)
    figures = _figures(data_set, payload.values)
    try:
        outcome = services.submission_save(
            actor=user,
            data_set=data_set,
            unit=found,
            period=parsed,
            cells=figures,
            expected_version=payload.version,
        )
    except ValidationError as error:
        _illegal_when_locked(error)
        raise
    blocking = len(outcome.blocking)
    message = (
        _("Đã lưu nháp. Số liệu còn %(n)s chỗ chưa khớp quy tắc kiểm tra; hãy sửa trước khi gửi.")
        % {"n": blocking}
        if blocking
        else _("Đã lưu nháp.")
    )
    body = values_out(user, data_set, found, parsed, outcome.submission, outcome.violations)
    return {**body, "message": message, "submitted": False}


@router.post(
    "/data-sets/{code}/values/submit",
    response={200: DataValuesOutcome, **WRITE_ERRORS},
    summary="Gửi báo cáo lên cấp trên",
)
def data_values_submit(request, code: DataSetCode, unit: UnitCode, period: PeriodKey, payload: VersionIn):
    """Gửi báo cáo để cấp trên duyệt, sau khi kiểm tra mọi quy tắc và các ô bắt buộc.

    Còn lỗi chặn gửi thì trả 422, `fields` nêu từng ô và lỗi của nó; báo cáo giữ nguyên
    trạng thái, lần gửi không thành được ghi vào diễn biến (và version tăng).
    """
    user = request.auth
    data_set, found, parsed = _form(user, code, unit, period)
    submission = services.submission_for(data_set=data_set, unit=found, period=parsed)
    if submission is None:
        raise ApiError("not_found", _("Chưa có báo cáo."))
    scoping.require(user, Capability.RECORD, found)
    if not submission.is_editable:
        raise ApiError(
            "illegal_transition",
            _("Báo cáo đang ở trạng thái “%(state)s”, không gửi lại được.")
            % {"state": submission.get_state_display()},
        )
    outcome = services.submission_submit(actor=user, submission=submission, expected_version=payload.version)
    if not outcome.submitted:
        fields: dict[str, list[str]] = {}
        for violation in outcome.blocking:
            fields.setdefault(violation.cell or "__all__", []).append(violation.message)
        raise ApiError(
            "invalid",
            _("Báo cáo chưa được gửi vì số liệu chưa khớp %(n)s quy tắc kiểm tra; số liệu đã được lưu nháp.")
            % {"n": len(outcome.blocking)},
            fields=fields,
        )
    body = values_out(user, data_set, found, parsed, outcome.submission, outcome.violations)
    message = _("Đã gửi báo cáo %(period)s lên cấp trên.") % {"period": parsed.label}
    return {**body, "message": message, "submitted": True}
