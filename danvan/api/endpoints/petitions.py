"""Petitions through the API: the inbox's list and filters, detail with timeline, intake, every transition.

Reads go through ``petitions.selectors`` and writes through ``petitions.services``,
exactly as the web interface does, so a token sees and may do what its user sees and
may do on screen. A petition the caller cannot see answers 404, whatever the action.
"""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from danvan.petitions import selectors, services
from danvan.petitions.choices import Channel
from danvan.petitions.models import Petition
from danvan.units.models import Organisation

from .. import serializers as out
from ..errors import ApiError
from ..schemas import (
    BIGINT,
    AcceptIn,
    AnswerIn,
    ForwardIn,
    MergeIn,
    NoteIn,
    PetitionCreated,
    PetitionDetail,
    PetitionFilters,
    PetitionIn,
    PetitionOut,
    ReasonIn,
    VersionIn,
)
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

router = Router(tags=["Ý kiến, kiến nghị"])

PetitionId = Annotated[int, Path(ge=1, le=BIGINT, description="Mã số (id) của ý kiến.")]
DETAIL = {200: PetitionDetail, **WRITE_ERRORS}


def _visible(user, petition_id: int) -> Petition:
    try:
        return selectors.petition_detail(user=user, pk=petition_id)
    except Petition.DoesNotExist:
        raise Http404 from None


def _detail(user, petition_id: int) -> dict:
    return out.petition_detail(_visible(user, petition_id), user)


@router.get("/petitions", response={200: page_schema(PetitionOut), **READ_ERRORS}, summary="Hộp ý kiến")
def petition_list(request, filters: Query[PetitionFilters], page: Query[PageParams]):
    """Ý kiến phát sinh hoặc đang xử lý trong phạm vi của người gọi, với các bộ lọc của hộp ý kiến."""
    inbox = selectors.InboxFilters(
        status=filters.status or "",
        kind=filters.kind or "",
        channel=filters.channel or "",
        topic=topic_from(filters.topic),
        unit=unit_from(code=filters.unit, field="unit", required=False),
        organisation_id=filters.organisation,
        overdue=filters.overdue,
        due_this_week=filters.due_this_week,
        query=filters.q or "",
        sort=filters.sort,
    )
    today = timezone.localdate()
    qs = selectors.petition_inbox(user=request.auth, filters=inbox, today=today)
    return paginate(qs, page, lambda p: out.petition_out(p, today))


@router.get(
    "/petitions/{petition_id}", response={200: PetitionDetail, **OBJECT_ERRORS}, summary="Chi tiết ý kiến"
)
def petition_get(request, petition_id: PetitionId):
    """Nội dung, danh tính người gửi (khi được xem), trạng thái, thao tác được phép và toàn bộ diễn biến."""
    return _detail(request.auth, petition_id)


@router.post("/petitions", response={201: PetitionCreated, **WRITE_ERRORS}, summary="Ghi nhận ý kiến")
def petition_create(
    request,
    response: HttpResponse,
    payload: PetitionIn,
    idempotency_key: IdempotencyKeyHeader = None,
):
    """Ghi nhận ý kiến do cán bộ tiếp nhận (hội nghị, tiếp công dân, điện thoại, thư, đoàn thể, báo chí).

    Người dân tự gửi qua cổng trực tuyến hoặc Open311, không qua đây. Mã PIN tra cứu của
    người dân chỉ trả về trong lần tạo đầu tiên.
    """
    user = request.auth
    issued: dict[int, services.Receipt] = {}

    def create():
        if payload.channel == Channel.PORTAL:
            message = _("Kênh cổng trực tuyến dành cho người dân tự gửi.")
            raise ApiError("invalid", message, fields={"channel": [message]})
        received_at = payload.received_at
        if received_at is not None:
            if timezone.is_naive(received_at):
                received_at = timezone.make_aware(received_at)
            # In UTC, as the database gives it back: the answer is built from what was written.
            received_at = received_at.astimezone(datetime.UTC)
        day = timezone.localdate(received_at) if received_at else timezone.localdate()
        receipt = services.petition_receive(
            actor=user,
            unit=unit_from(code=payload.unit_code, pk=payload.unit_id, field="unit_code", day=day),
            handling_unit=unit_from(
                code=payload.handling_unit_code, field="handling_unit_code", required=False, day=day
            ),
            channel=payload.channel,
            kind=payload.kind,
            topic=topic_from(payload.topic),
            title=payload.title,
            text=payload.text,
            citizen_name=payload.citizen_name,
            citizen_phone=payload.citizen_phone,
            citizen_email=payload.citizen_email,
            citizen_address=payload.citizen_address,
            is_complex=payload.is_complex,
            is_remote=payload.is_remote,
            competent_level=payload.competent_level,
            people_count=payload.people_count,
            received_at=received_at,
        )
        issued[receipt.petition.pk] = receipt
        return receipt.petition

    def created(petition: Petition) -> dict:
        # The petition and its one event as just written: nothing to read back.
        receipt = issued[petition.pk]
        return {**out.petition_detail(petition, user, timeline=[receipt.event]), "pin": receipt.pin}

    def replayed(petition: Petition) -> dict:
        reloaded = Petition.objects.select_related(
            "unit", "handling_unit", "handling_organisation", "topic", "merged_into"
        ).get(pk=petition.pk)
        return {**out.petition_detail(reloaded, user), "pin": None}

    body = create_once(
        request=request,
        response=response,
        key=idempotency_key,
        operation="petitions.create",
        payload=payload.model_dump(mode="json"),
        create=create,
        render=created,
        replay=replayed,
        model=Petition,
    )
    return Status(201, body)


# --- transitions: one POST per action, each answering the petition as it now stands ------------------


@router.post("/petitions/{petition_id}/answer-on-spot", response=DETAIL, summary="Trả lời tại chỗ")
def petition_answer_on_spot(request, petition_id: PetitionId, payload: AnswerIn):
    petition = _visible(request.auth, petition_id)
    services.petition_answer_on_spot(
        actor=request.auth, petition=petition, answer=payload.answer, expected_version=payload.version
    )
    return _detail(request.auth, petition_id)


@router.post("/petitions/{petition_id}/accept", response=DETAIL, summary="Thụ lý và giao xử lý")
def petition_accept(request, petition_id: PetitionId, payload: AcceptIn):
    """Thụ lý, giao cho một tổ chức của đơn vị có thẩm quyền; bắt đầu tính hạn giải quyết."""
    petition = _visible(request.auth, petition_id)
    organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    if organisation is None:
        message = _("Không có tổ chức mang mã số %(id)s.") % {"id": payload.organisation_id}
        raise ApiError("invalid", message, fields={"organisation_id": [message]})
    services.petition_accept(
        actor=request.auth,
        petition=petition,
        organisation=organisation,
        note=payload.note,
        expected_version=payload.version,
    )
    return _detail(request.auth, petition_id)


@router.post("/petitions/{petition_id}/forward", response=DETAIL, summary="Chuyển cấp có thẩm quyền")
def petition_forward(request, petition_id: PetitionId, payload: ForwardIn):
    petition = _visible(request.auth, petition_id)
    to_unit = unit_from(code=payload.to_unit_code, pk=payload.to_unit_id, field="to_unit_code")
    services.petition_forward(
        actor=request.auth,
        petition=petition,
        to_unit=to_unit,
        reason=payload.reason,
        expected_version=payload.version,
    )
    return _detail(request.auth, petition_id)


@router.post("/petitions/{petition_id}/extend", response=DETAIL, summary="Gia hạn giải quyết")
def petition_extend(request, petition_id: PetitionId, payload: ReasonIn):
    petition = _visible(request.auth, petition_id)
    services.petition_extend(
        actor=request.auth, petition=petition, reason=payload.reason, expected_version=payload.version
    )
    return _detail(request.auth, petition_id)


@router.post("/petitions/{petition_id}/answer", response=DETAIL, summary="Trả lời")
def petition_answer(request, petition_id: PetitionId, payload: AnswerIn):
    """Trả lời công khai cho người dân; cán bộ xử lý của tổ chức được giao hoặc ban chỉ đạo."""
    petition = _visible(request.auth, petition_id)
    services.petition_answer(
        actor=request.auth, petition=petition, answer=payload.answer, expected_version=payload.version
    )
    return _detail(request.auth, petition_id)


@router.post("/petitions/{petition_id}/reject", response=DETAIL, summary="Không thụ lý")
def petition_reject(request, petition_id: PetitionId, payload: ReasonIn):
    petition = _visible(request.auth, petition_id)
    services.petition_reject(
        actor=request.auth, petition=petition, reason=payload.reason, expected_version=payload.version
    )
    return _detail(request.auth, petition_id)


@router.post("/petitions/{petition_id}/merge", response=DETAIL, summary="Gộp vào ý kiến khác")
def petition_merge(request, petition_id: PetitionId, payload: MergeIn):
    petition = _visible(request.auth, petition_id)
    into = Petition.objects.filter(tracking_code=payload.into.strip().upper()).first()
    if into is None:
        message = _("Không có ý kiến mang mã “%(code)s”.") % {"code": payload.into}
        raise ApiError("invalid", message, fields={"into": [message]})
    services.petition_merge(
        actor=request.auth,
        petition=petition,
        into=into,
        reason=payload.reason,
        expected_version=payload.version,
    )
    return _detail(request.auth, petition_id)


@router.post("/petitions/{petition_id}/close", response=DETAIL, summary="Kết thúc")
def petition_close(request, petition_id: PetitionId, payload: VersionIn):
    petition = _visible(request.auth, petition_id)
    services.petition_close(actor=request.auth, petition=petition, expected_version=payload.version)
    return _detail(request.auth, petition_id)


@router.post("/petitions/{petition_id}/reopen", response=DETAIL, summary="Mở lại")
def petition_reopen(request, petition_id: PetitionId, payload: ReasonIn):
    petition = _visible(request.auth, petition_id)
    services.petition_reopen(
        actor=request.auth, petition=petition, reason=payload.reason, expected_version=payload.version
    )
    return _detail(request.auth, petition_id)


@router.post("/petitions/{petition_id}/notes", response=DETAIL, summary="Ghi chú nội bộ")
def petition_note(request, petition_id: PetitionId, payload: NoteIn):
    """Ghi chú chỉ cán bộ thấy, không bao giờ hiện cho người dân."""
    petition = _visible(request.auth, petition_id)
    services.petition_note(actor=request.auth, petition=petition, text=payload.text)
    return _detail(request.auth, petition_id)
