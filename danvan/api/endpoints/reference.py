"""The unit tree in time, topics, meeting types and the caller: what every integration looks up first."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Path, Query, Router

from danvan.accounts import scoping
from danvan.meetings.models import MeetingType
from danvan.petitions.selectors import topic_groups, topics_for_choice
from danvan.units.choices import Level
from danvan.units.models import Unit
from danvan.units.selectors import (
    unit_ancestors,
    unit_by_code,
    unit_children,
    unit_current,
    unit_organisations,
    unit_predecessors,
    unit_search,
    unit_successors,
    units_top_level,
    units_valid_on,
)

from .. import serializers as out
from ..schemas import (
    BIGINT,
    Code,
    MeetingTypeOut,
    MeOut,
    OrganisationOut,
    SuccessionOut,
    Text,
    TopicGroupOut,
    UnitDetail,
    UnitOut,
)
from .common import OBJECT_ERRORS, READ_ERRORS, PageParams, page_schema, paginate

router = Router(tags=["Đơn vị hành chính, danh mục"])

UnitId = Annotated[int, Path(ge=1, le=BIGINT, description="Mã số (id) của đơn vị.")]
Day = Annotated[datetime.date | None, Query(description="Ngày xét hiệu lực (YYYY-MM-DD); mặc định hôm nay.")]
DayFilter = Annotated[
    datetime.date | None, Query(description="Chỉ các đơn vị còn hiệu lực vào ngày này (YYYY-MM-DD).")
]


def _unit(unit_id: int) -> Unit:
    return get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id)


def _detail(unit: Unit) -> dict:
    today = timezone.localdate()
    return {
        **out.unit_out(unit, today),
        "ancestors": [out.unit_ref(u) for u in unit_ancestors(unit=unit)],
        "children_count": Unit.objects.filter(parent=unit).count(),
    }


@router.get("/units", response={200: page_schema(UnitOut), **READ_ERRORS}, summary="Danh sách đơn vị")
def units_list(
    request,
    page: Query[PageParams],
    day: Day = None,
    level: Annotated[Level | None, Query(description="Cấp; bỏ trống = các tỉnh.")] = None,
):
    """Các đơn vị còn hiệu lực vào một ngày: mặc định các tỉnh, thành phố; hoặc mọi đơn vị một cấp.

    Trước 01/7/2025 là 63 tỉnh và cấp huyện; từ 01/7/2025 là 34 tỉnh, không còn cấp huyện.
    """
    day = day or timezone.localdate()
    qs = units_valid_on(day=day, level=level).order_by("path") if level else units_top_level(day=day)
    return paginate(qs, page, lambda u: out.unit_out(u))


@router.get("/units/search", response={200: list[UnitOut], **READ_ERRORS}, summary="Tìm đơn vị")
def units_search(
    request,
    q: Annotated[Text(100, 1), Query(description="Tên hoặc mã, có dấu hay không dấu.")],
    day: DayFilter = None,
    level: Level | None = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
):
    """Đơn vị có tên hoặc mã chứa mọi từ tìm kiếm; đơn vị hiện hành trước, rồi đơn vị đã giải thể."""
    return [out.unit_out(u) for u in unit_search(query=q, day=day, level=level, limit=limit)]


@router.get("/units/by-code/{code}", response={200: UnitDetail, **OBJECT_ERRORS}, summary="Đơn vị theo mã")
def unit_by_official_code(request, code: Code, day: Day = None):
    """Đơn vị mang mã chính thức này, ưu tiên đơn vị còn hiệu lực vào ngày xét (mã được dùng lại sau 2025)."""
    unit = unit_by_code(code=code, day=day or timezone.localdate())
    if unit is None:
        raise Http404
    return _detail(unit)


@router.get("/units/{unit_id}", response={200: UnitDetail, **OBJECT_ERRORS}, summary="Chi tiết đơn vị")
def unit_detail(request, unit_id: UnitId):
    return _detail(_unit(unit_id))


@router.get(
    "/units/{unit_id}/children",
    response={200: page_schema(UnitOut), **OBJECT_ERRORS},
    summary="Đơn vị trực thuộc",
)
def unit_children_list(request, unit_id: UnitId, page: Query[PageParams], day: DayFilter = None):
    return paginate(unit_children(unit=_unit(unit_id), day=day), page, lambda u: out.unit_out(u))


@router.get(
    "/units/{unit_id}/current", response={200: UnitOut, **OBJECT_ERRORS}, summary="Đơn vị kế thừa hiện hành"
)
def unit_current_successor(request, unit_id: UnitId, day: Day = None):
    """Đơn vị còn hiệu lực mà hồ sơ của đơn vị này được cộng dồn vào (theo các lần sắp xếp, sáp nhập)."""
    return out.unit_out(unit_current(unit=_unit(unit_id), day=day or timezone.localdate()))


def _successions(rows, side: str) -> list[dict]:
    return [
        {
            "unit": out.unit_ref(getattr(row, side)),
            "share": float(row.share),
            "is_primary": row.is_primary,
            "effective_date": row.effective_date,
        }
        for row in rows
    ]


@router.get(
    "/units/{unit_id}/predecessors",
    response={200: list[SuccessionOut], **OBJECT_ERRORS},
    summary="Đơn vị cũ đã nhập vào đơn vị này",
)
def unit_predecessor_list(request, unit_id: UnitId):
    return _successions(unit_predecessors(unit=_unit(unit_id)), "predecessor")


@router.get(
    "/units/{unit_id}/successors",
    response={200: list[SuccessionOut], **OBJECT_ERRORS},
    summary="Đơn vị mới kế thừa đơn vị này",
)
def unit_successor_list(request, unit_id: UnitId):
    return _successions(unit_successors(unit=_unit(unit_id)), "successor")


@router.get(
    "/units/{unit_id}/organisations",
    response={200: list[OrganisationOut], **OBJECT_ERRORS},
    summary="Tổ chức của đơn vị",
)
def unit_organisation_list(request, unit_id: UnitId):
    """Cấp ủy, chính quyền, Mặt trận, đoàn thể của đơn vị; id dùng khi thụ lý, giao xử lý ý kiến."""
    return [out.organisation_out(o) for o in unit_organisations(unit=_unit(unit_id))]


@router.get("/topics", response={200: list[TopicGroupOut], **READ_ERRORS}, summary="Lĩnh vực")
def topic_list(request):
    """Các nhóm lĩnh vực đang dùng và các lĩnh vực trong mỗi nhóm."""
    children: dict[int, list] = {}
    for topic in topics_for_choice():
        children.setdefault(topic.parent_id, []).append(out.topic_out(topic))
    return [{**out.topic_out(group), "topics": children.get(group.pk, [])} for group in topic_groups()]


@router.get("/meeting-types", response={200: list[MeetingTypeOut], **READ_ERRORS}, summary="Loại hội nghị")
def meeting_type_list(request):
    return [out.meeting_type_out(t) for t in MeetingType.objects.filter(is_active=True)]


@router.get("/me", response={200: MeOut, **READ_ERRORS}, summary="Người đang gọi API")
def me(request):
    """Tài khoản của mã truy cập và các vai trò của nó: phạm vi dữ liệu API trả về."""
    user = request.auth
    return {
        "username": user.get_username(),
        "full_name": user.get_full_name(),
        "is_superuser": user.is_superuser,
        "memberships": [out.membership_out(m) for m in scoping.active_memberships(user)],
    }
