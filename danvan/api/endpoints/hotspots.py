"""Hot spots (điểm nóng) through the API: read-only, scoped like the pages (a commune sees its own)."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.pulse import hotspot_selectors as selectors
from danvan.pulse.models import Hotspot

from ..errors import ApiError
from ..schemas import BIGINT, Code
from .common import OBJECT_ERRORS, READ_ERRORS, PageParams, page_schema, paginate, unit_from

router = Router(tags=["Điểm nóng"])

RuleName = Literal["surge", "repeated", "skipped_level", "crowd", "stalled"]
HotspotId = Annotated[int, Path(ge=1, le=BIGINT, description="Mã số (id) của điểm nóng.")]


class HotspotOut(Schema):
    id: int
    rule: RuleName = Field(description="Dấu hiệu: tăng đột biến, lặp lại, vượt cấp, đông người, tồn đọng.")
    unit: str = Field(description="Mã đơn vị.")
    unit_name: str
    topic: str | None = Field(description="Mã lĩnh vực, nếu có.")
    severity: Literal["low", "medium", "high"]
    status: Literal["new", "watching", "handled", "closed"]
    title: str
    first_detected_on: datetime.date
    last_detected_on: datetime.date
    closed_on: datetime.date | None
    record_count: int


class HotspotEventOut(Schema):
    kind: str
    at: datetime.datetime
    actor: str | None
    text: str
    severity: str


class HotspotDetail(HotspotOut):
    figures: dict
    note: str
    records: list[int] = Field(description="Mã số (id) các ý kiến, kiến nghị làm căn cứ.")
    timeline: list[HotspotEventOut]


class HotspotFilters(Schema):
    rule: RuleName | None = None
    status: Literal["open", "new", "watching", "handled", "closed"] | None = Field(
        None, description="`open`: mới, đang theo dõi hoặc đã xử lý nhưng chưa kết thúc."
    )
    severity: Literal["low", "medium", "high"] | None = None
    unit: Code | None = Field(None, description="Mã đơn vị: chỉ điểm nóng trong cây đơn vị đó.")


def _out(hotspot: Hotspot) -> dict:
    return {
        "id": hotspot.pk,
        "rule": hotspot.rule,
        "unit": hotspot.unit.code,
        "unit_name": hotspot.unit.name,
        "topic": hotspot.topic.code if hotspot.topic_id else None,
        "severity": hotspot.severity,
        "status": hotspot.status,
        "title": hotspot.title,
        "first_detected_on": hotspot.first_detected_on,
        "last_detected_on": hotspot.last_detected_on,
        "closed_on": hotspot.closed_on,
        "record_count": getattr(hotspot, "record_count", None) or hotspot.records.count(),
    }


@router.get("/hotspots", response={200: page_schema(HotspotOut), **READ_ERRORS}, summary="Điểm nóng")
def hotspot_list(request, filters: Query[HotspotFilters], page: Query[PageParams]):
    """Điểm nóng của các đơn vị trong phạm vi của người gọi, mới phát hiện gần nhất trước."""
    unit = unit_from(code=filters.unit, field="unit", required=False)
    if unit is not None and not scoping.can(request.auth, Capability.VIEW, unit):
        raise ApiError("not_found", "Không tìm thấy đơn vị trong phạm vi của bạn.")
    qs = selectors.hotspot_list(
        user=request.auth,
        filters=selectors.HotspotFilters(
            rule=filters.rule or "", status=filters.status or "", severity=filters.severity or "", unit=unit
        ),
    )
    return paginate(qs, page, _out)


@router.get(
    "/hotspots/{hotspot_id}", response={200: HotspotDetail, **OBJECT_ERRORS}, summary="Chi tiết điểm nóng"
)
def hotspot_get(request, hotspot_id: HotspotId):
    """Căn cứ (số liệu), các ý kiến làm căn cứ và diễn biến của một điểm nóng."""
    try:
        hotspot = selectors.hotspot_detail(user=request.auth, pk=hotspot_id)
    except Hotspot.DoesNotExist:
        raise Http404 from None
    return {
        **_out(hotspot),
        "figures": {k: v for k, v in hotspot.figures.items() if not k.startswith("_")},
        "note": hotspot.note,
        "records": sorted(hotspot.records.values_list("petition_id", flat=True)),
        "timeline": [
            {
                "kind": e.kind,
                "at": e.at,
                "actor": e.actor.username if e.actor else None,
                "text": e.text,
                "severity": e.severity,
            }
            for e in selectors.hotspot_timeline(hotspot=hotspot)
        ],
    }
