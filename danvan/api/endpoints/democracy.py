"""Grassroots democracy through the API: scoped reads and writes of the public board, consultations,
decisions by the households and the supervision boards. The public JSON of a commune's board, which
needs no token, is the portal's (``/cong-dan/dan-chu/xa/<id>.json``).

Writes go through ``democracy.services``: the same Vietnamese messages, the same rules (a decision
without its household figures, votes over the households present, a posting shorter than its legal
minimum without a reason: 422, nothing stored). A record outside the caller's scope answers 404.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status

from danvan.democracy import selectors, services
from danvan.democracy.choices import BoardKind, DecisionMethod, OpinionChannel
from danvan.democracy.models import (
    ConsultationSubject,
    DecisionMatter,
    DisclosureCategory,
    DisclosureForm,
    Posting,
)
from danvan.democracy.serializers import decision_json, posting_json

from ..errors import ApiError
from ..schemas import BIGINT, Code, Text
from .common import READ_ERRORS, WRITE_ERRORS, PageParams, page_schema, paginate, unit_from

router = Router(tags=["Dân chủ ở cơ sở"])

Count_ = Annotated[int, Field(ge=0, le=10_000_000)]
MethodCode = Literal.__getitem__(tuple(DecisionMethod.values))
ChannelCode = Literal["paper", "meeting"]
BoardKindCode = Literal.__getitem__(tuple(BoardKind.values))
Day = Annotated[datetime.date, Field(ge=datetime.date(1945, 9, 2), le=datetime.date(2100, 12, 31))]


class PostingOut(Schema):
    id: int
    unit_code: str
    unit_name: str
    title: str
    summary: str
    category: dict
    hamlet: str | None
    period: str | None
    document_date: str | None
    due_on: str | None
    posted_on: str | None
    period_end: str | None
    on_time: bool | None
    taken_down_on: str | None
    forms: list[str]
    attachments: list[dict]
    is_public: bool


class PostingIn(Schema):
    unit_code: Code
    category: Code
    title: Text(300, 1)
    summary: Text(20_000) = ""
    hamlet_code: Code | None = None
    period_key: Text(10) = ""
    document_date: Day | None = None
    posted_on: Day | None = None
    period_end: Day | None = None
    forms: list[Code] = Field(default_factory=list, max_length=20)
    short_reason: Text(5000) = ""
    is_public: bool = True


class ConsultationOut(Schema):
    id: int
    unit_code: str
    title: str
    subject: str
    opens_on: str
    closes_on: str
    state: str
    opinions: int


class ConsultationIn(Schema):
    unit_code: Code
    subject: Code
    title: Text(300, 1)
    draft_text: Text(100_000, 1)
    questions: Text(5000) = ""
    opens_on: Day
    closes_on: Day


class ConsultationOpinionIn(Schema):
    channel: ChannelCode
    text: Text(5000, 1)
    received_on: Day
    participants: Count_ | None = None
    agree: Count_ | None = None
    disagree: Count_ | None = None


class HouseholdDecisionOut(Schema):
    id: int
    title: str
    matter: str
    article: str
    unit: str
    method: str
    held_on: str
    households_entitled: int
    households_present: int
    votes_for: int
    votes_against: int
    ballots_invalid: int
    quorum_met: bool
    passed: bool


class HouseholdDecisionIn(Schema):
    unit_code: Code
    matter: Code
    title: Text(300, 1)
    method: MethodCode
    held_on: Day
    households_entitled: Count_ | None = None
    households_present: Count_ | None = None
    votes_for: Count_ | None = None
    votes_against: Count_ | None = None
    ballots_invalid: Count_ = 0
    place: Text(255) = ""
    minutes: Text(50_000) = ""


class BoardOut(Schema):
    id: int
    unit_code: str
    kind: BoardKindCode
    term_start: str
    term_end: str | None
    members: list[dict]
    activities: int


class DueOut(Schema):
    unit_code: str
    unit_name: str
    category: str
    article: str
    title: str
    period: str
    due_on: str
    posting_id: int | None


def _posting_out(posting: Posting) -> dict:
    return {
        **posting_json(posting),
        "unit_code": posting.unit.code,
        "unit_name": posting.unit.name,
        "is_public": posting.is_public,
    }


def _by_code(model, code: str, field: str):
    found = model.objects.filter(code=code, is_active=True).first()
    if found is None:
        raise ApiError(
            "invalid", f"Không có mục mang mã “{code}”.", fields={field: [f"Không có mã “{code}”."]}
        )
    return found


@router.get(
    "/democracy/postings",
    response={200: page_schema(PostingOut), **READ_ERRORS},
    summary="Nội dung công khai",
)
def posting_list(
    request,
    page: Query[PageParams],
    unit: Annotated[Code | None, Query(description="Mã xã, phường")] = None,
):
    """Nội dung công khai của các xã trong phạm vi người gọi, mới nhất trước (cả nội dung chưa niêm yết)."""
    qs = selectors.postings_visible_to(user=request.auth).prefetch_related("forms", "attachments")
    if unit:
        qs = qs.filter(unit__path__under=unit_from(code=unit, field="unit").path)
    return paginate(qs.order_by("-pk"), page, _posting_out)


@router.post(
    "/democracy/postings", response={201: PostingOut, **WRITE_ERRORS}, summary="Ghi nội dung công khai"
)
def posting_create(request, payload: PostingIn):
    day = payload.posted_on or payload.document_date or timezone.localdate()
    unit = unit_from(code=payload.unit_code, field="unit_code", day=day)
    hamlet = unit_from(code=payload.hamlet_code, field="hamlet_code", required=False, day=day)
    posting = services.posting_record(
        actor=request.auth,
        unit=unit,
        category=_by_code(DisclosureCategory, payload.category, "category"),
        title=payload.title,
        summary=payload.summary,
        hamlet=hamlet,
        period_key=payload.period_key,
        document_date=payload.document_date,
        posted_on=payload.posted_on,
        period_end=payload.period_end,
        forms=list(DisclosureForm.objects.filter(code__in=payload.forms)),
        short_reason=payload.short_reason,
        is_public=payload.is_public,
    )
    return Status(201, _posting_out(posting))


@router.get("/democracy/dues", response={200: list[DueOut], **READ_ERRORS}, summary="Đến hạn chưa công khai")
def due_list(request):
    """Nội dung đến hạn công khai mà chưa niêm yết, ở các xã trong phạm vi của người gọi."""
    return [
        {
            "unit_code": d.unit.code,
            "unit_name": d.unit.name,
            "category": d.category.code,
            "article": d.category.article,
            "title": d.title,
            "period": d.period_key,
            "due_on": d.due_on.isoformat(),
            "posting_id": d.posting.pk if d.posting else None,
        }
        for d in selectors.dues(user=request.auth)[:500]
    ]


def _consultation_out(consultation) -> dict:
    return {
        "id": consultation.pk,
        "unit_code": consultation.unit.code,
        "title": consultation.title,
        "subject": consultation.subject.code,
        "opens_on": consultation.opens_on.isoformat(),
        "closes_on": consultation.closes_on.isoformat(),
        "state": consultation.state(timezone.localdate()),
        "opinions": consultation.opinions.count(),
    }


@router.get(
    "/democracy/consultations",
    response={200: page_schema(ConsultationOut), **READ_ERRORS},
    summary="Lấy ý kiến",
)
def consultation_list(request, page: Query[PageParams]):
    qs = selectors.consultations_visible_to(user=request.auth).order_by("-opens_on", "-pk")
    return paginate(qs, page, _consultation_out)


@router.post(
    "/democracy/consultations",
    response={201: ConsultationOut, **WRITE_ERRORS},
    summary="Đưa dự thảo lấy ý kiến",
)
def consultation_create(request, payload: ConsultationIn):
    consultation = services.consultation_open(
        actor=request.auth,
        unit=unit_from(code=payload.unit_code, field="unit_code", day=payload.opens_on),
        subject=_by_code(ConsultationSubject, payload.subject, "subject"),
        title=payload.title,
        draft_text=payload.draft_text,
        questions=payload.questions,
        opens_on=payload.opens_on,
        closes_on=payload.closes_on,
    )
    return Status(201, _consultation_out(consultation))


@router.post(
    "/democracy/consultations/{consultation_id}/opinions",
    response={201: ConsultationOut, **WRITE_ERRORS},
    summary="Nhập phiếu, kết quả hội nghị thôn",
)
def opinion_create(
    request, consultation_id: Annotated[int, Path(ge=1, le=BIGINT)], payload: ConsultationOpinionIn
):
    consultation = selectors.consultations_visible_to(user=request.auth).filter(pk=consultation_id).first()
    if consultation is None:
        raise Http404
    services.opinion_record(
        actor=request.auth,
        consultation=consultation,
        channel=OpinionChannel(payload.channel),
        text=payload.text,
        received_on=payload.received_on,
        participants=payload.participants,
        agree=payload.agree,
        disagree=payload.disagree,
    )
    return Status(201, _consultation_out(consultation))


@router.get(
    "/democracy/decisions",
    response={200: page_schema(HouseholdDecisionOut), **READ_ERRORS},
    summary="Dân quyết",
)
def decision_list(request, page: Query[PageParams]):
    qs = selectors.decisions_visible_to(user=request.auth).order_by("-held_on", "-pk")
    return paginate(qs, page, decision_json)


@router.post(
    "/democracy/decisions",
    response={201: HouseholdDecisionOut, **WRITE_ERRORS},
    summary="Ghi kết quả Nhân dân bàn và quyết định",
)
def decision_create(request, payload: HouseholdDecisionIn):
    """Không ghi nhận khi thiếu tổng số hộ, số hộ tham dự, số hộ tán thành, không tán thành (422)."""
    decision = services.decision_record(
        actor=request.auth,
        unit=unit_from(code=payload.unit_code, field="unit_code", day=payload.held_on),
        matter=_by_code(DecisionMatter, payload.matter, "matter"),
        title=payload.title,
        method=payload.method,
        held_on=payload.held_on,
        households_entitled=payload.households_entitled,
        households_present=payload.households_present,
        votes_for=payload.votes_for,
        votes_against=payload.votes_against,
        ballots_invalid=payload.ballots_invalid,
        place=payload.place,
        minutes=payload.minutes,
    )
    return Status(201, decision_json(decision))


def _board_out(board) -> dict:
    return {
        "id": board.pk,
        "unit_code": board.unit.code,
        "kind": board.kind,
        "term_start": board.term_start.isoformat(),
        "term_end": board.term_end.isoformat() if board.term_end else None,
        "members": [
            {
                "name": m.name,
                "role": m.role,
                "hamlet": m.hamlet_name,
                "left_on": m.left_on and m.left_on.isoformat(),
            }
            for m in board.members.all()
        ],
        "activities": board.activities.count(),
    }


@router.get(
    "/democracy/boards", response={200: page_schema(BoardOut), **READ_ERRORS}, summary="Ban giám sát ở cơ sở"
)
def board_list(request, page: Query[PageParams]):
    qs = selectors.boards_visible_to(user=request.auth).prefetch_related("members").order_by("pk")
    return paginate(qs, page, _board_out)
