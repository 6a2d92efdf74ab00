"""Report indicators (the CLI's JSON) and the figure checker."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.reports.builder import report_build, report_json
from danvan.reports.figures import check_text
from danvan.units.selectors import unit_by_code

from ..errors import ApiError
from ..schemas import Code, Text
from .common import OBJECT_ERRORS, READ_ERRORS

router = Router(tags=["Báo cáo, kiểm tra số liệu"])


class IndicatorOut(Schema):
    key: str
    label: str
    value: float
    breakdowns: dict[str, dict[str, float]]


class FindingOut(Schema):
    rule: str
    message: str
    figures: dict[str, float]


class ReportOut(Schema):
    unit: dict[str, str]
    period: dict[str, str]
    indicators: list[IndicatorOut]
    findings: list[FindingOut]
    notes: list[str]
    narrative: list[str]


@router.get(
    "/reports",
    response={200: ReportOut, **OBJECT_ERRORS, 403: OBJECT_ERRORS[401]},
    summary="Báo cáo theo đơn vị và kỳ",
)
def report(
    request,
    unit: Annotated[Code, Query(description="Mã đơn vị; đơn vị có hiệu lực vào ngày `to`.")],
    date_from: Annotated[datetime.date, Query(alias="from", description="Từ ngày (YYYY-MM-DD).")],
    date_to: Annotated[datetime.date, Query(alias="to", description="Đến ngày (YYYY-MM-DD).")],
):
    """Mọi chỉ tiêu của đơn vị (gồm cả đơn vị trước sắp xếp) trong kỳ, như `manage.py report` (JSON)."""
    if date_to < date_from:
        raise ApiError(
            "invalid", _("Ngày kết thúc phải sau ngày bắt đầu."), fields={"to": [_("Sau ngày bắt đầu.")]}
        )
    if (date_to - date_from).days > 366 * 10:
        raise ApiError("invalid", _("Kỳ báo cáo dài quá 10 năm."), fields={"from": [_("Quá dài.")]})
    found = unit_by_code(code=unit, day=date_to)
    if found is None or not scoping.can(request.user, Capability.VIEW, found):
        raise ApiError(
            "not_found", _("Không tìm thấy đơn vị có mã “%(code)s” trong phạm vi của bạn.") % {"code": unit}
        )
    return report_json(report_build(unit=found, start=date_from, end=date_to))


class FigureCheckIn(Schema):
    text: Text(500_000, 1)


class FigureFindingOut(Schema):
    sentence: str
    kind: str
    figures: list[float | None]
    expected: float | None
    stated: float | None
    message: str


class FigureCheckOut(Schema):
    checks: int
    findings: list[FigureFindingOut]


@router.post("/figures/check", response={200: FigureCheckOut, **READ_ERRORS}, summary="Kiểm tra số liệu")
def figures_check(request, payload: FigureCheckIn):
    """Tìm các con số không khớp trong nội dung một báo cáo (tổng và các phần, tỷ lệ, phân số, còn lại…)."""
    result = check_text(payload.text)
    return {"checks": len(result.checks), "findings": result.to_json()}
