"""Meetings through the API: a conference and every opinion raised at it in one call; lists and detail."""

from __future__ import annotations

from typing import Annotated

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from danvan.meetings import services
from danvan.meetings.models import Meeting, MeetingType
from danvan.meetings.selectors import meetings_visible_to

from .. import serializers as out
from ..errors import ApiError
from ..schemas import BIGINT, MeetingDetail, MeetingFilters, MeetingIn, MeetingOut
from .common import (
    OBJECT_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    IdempotencyKeyHeader,
    PageParams,
    create_once,
    page_schema,
    paginate,
    topic_from,
    unit_from,
)

router = Router(tags=["Hội nghị, đối thoại"])


def _visible(user, meeting_id: int) -> Meeting:
    meeting = meetings_visible_to(user=user).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    return meeting


@router.get("/meetings", response={200: page_schema(MeetingOut), **READ_ERRORS}, summary="Danh sách hội nghị")
def meeting_list(request, filters: Query[MeetingFilters], page: Query[PageParams]):
    """Hội nghị do các đơn vị trong phạm vi của người gọi tổ chức, mới nhất trước."""
    qs = meetings_visible_to(user=request.auth)
    if filters.unit:
        unit = unit_from(code=filters.unit, field="unit")
        qs = qs.filter(host_unit__path__under=unit.path)
    if filters.meeting_type:
        qs = qs.filter(meeting_type__code=filters.meeting_type)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.start:
        qs = qs.filter(starts_at__date__gte=filters.start)
    if filters.end:
        qs = qs.filter(starts_at__date__lte=filters.end)
    qs = qs.annotate(opinions_count=Count("opinions")).order_by("-starts_at", "-pk")
    return paginate(qs, page, out.meeting_out)


@router.get(
    "/meetings/{meeting_id}", response={200: MeetingDetail, **OBJECT_ERRORS}, summary="Chi tiết hội nghị"
)
def meeting_get(request, meeting_id: Annotated[int, Path(ge=1, le=BIGINT)]):
    return out.meeting_detail(_visible(request.auth, meeting_id))


def _prefixed(error: ValidationError, prefix: str) -> ValidationError:
    """An opinion's error, named after its place in the request: ``opinions.2.answer``."""
    if hasattr(error, "error_dict"):
        return ValidationError({f"{prefix}.{name}": msgs for name, msgs in error.message_dict.items()})
    return ValidationError({prefix: error.messages})


@router.post("/meetings", response={201: MeetingDetail, **WRITE_ERRORS}, summary="Ghi nhận hội nghị")
def meeting_create(
    request,
    response: HttpResponse,
    payload: MeetingIn,
    idempotency_key: IdempotencyKeyHeader = None,
):
    """Hội nghị cùng mọi ý kiến nêu tại hội nghị, trong một giao dịch: lỗi ở một ý kiến thì không lưu gì.

    Mỗi ý kiến thành một ý kiến, kiến nghị (kênh hội nghị) được trả lời tại chỗ, chuyển cấp
    có thẩm quyền hoặc ghi nhận để giao xử lý. Hội nghị trong tương lai được ghi là dự kiến
    và không nhận ý kiến.
    """
    user = request.auth

    def create() -> Meeting:
        meeting_type = MeetingType.objects.filter(code=payload.meeting_type).first()
        if meeting_type is None:
            message = _("Không có loại hội nghị mang mã “%(code)s”.") % {"code": payload.meeting_type}
            raise ApiError("invalid", message, fields={"meeting_type": [message]})
        starts_at = payload.starts_at
        if timezone.is_naive(starts_at):
            starts_at = timezone.make_aware(starts_at)
        day = timezone.localdate(starts_at)
        meeting = services.meeting_record(
            actor=user,
            meeting_type=meeting_type,
            host_unit=unit_from(
                code=payload.host_unit_code, pk=payload.host_unit_id, field="host_unit_code", day=day
            ),
            venue_unit=unit_from(
                code=payload.venue_unit_code, field="venue_unit_code", required=False, day=day
            ),
            starts_at=starts_at,
            chairs=[(chair.name, chair.role) for chair in payload.chairs],
            venue=payload.venue,
            title=payload.title,
            attendance=payload.attendance,
            attendance_composition=payload.attendance_composition,
            policies_explained=payload.policies_explained,
            minutes=payload.minutes,
            is_public=payload.is_public,
        )
        for index, opinion in enumerate(payload.opinions):
            prefix = f"opinions.{index}"
            try:
                services.opinion_add(
                    actor=user,
                    meeting=meeting,
                    text=opinion.text,
                    outcome=opinion.outcome,
                    topic=topic_from(opinion.topic, field=f"{prefix}.topic"),
                    answer=opinion.answer,
                    forward_to=unit_from(
                        code=opinion.forward_to_code, field=f"{prefix}.forward_to_code", required=False
                    ),
                    kind=opinion.kind,
                )
            except ValidationError as error:
                raise _prefixed(error, prefix) from error
        return meeting

    def render(meeting: Meeting) -> dict:
        return out.meeting_detail(
            Meeting.objects.select_related("meeting_type", "host_unit", "venue_unit").get(pk=meeting.pk)
        )

    body = create_once(
        request=request,
        response=response,
        key=idempotency_key,
        operation="meetings.create",
        payload=payload.model_dump(mode="json"),
        create=create,
        render=render,
        replay=render,
        model=Meeting,
    )
    return Status(201, body)
