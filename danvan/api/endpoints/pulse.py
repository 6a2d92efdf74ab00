"""Similar opinions: the records most likely to raise the concern a text raises, scoped like every read."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.pulse.selectors import MAX_LIMIT, similar_records
from danvan.textproc.similarity import MAX_TEXT

from ..errors import ApiError
from ..schemas import Code, Text
from .common import OBJECT_ERRORS, unit_from

router = Router(tags=["Ý kiến tương tự"])


class SimilarUnitOut(Schema):
    code: str
    name: str


class SimilarOut(Schema):
    id: int
    record: str = Field(description="`petition` (ý kiến, kiến nghị) hoặc `opinion` (ý kiến tại hội nghị).")
    tracking_code: str
    title: str
    score: float = Field(description="Độ giống, 0–1.")
    shared: list[str] = Field(description="Các cụm từ trùng, quan trọng nhất trước.")
    status: str
    received_at: datetime.datetime
    unit: SimilarUnitOut
    meeting_id: int | None


class SimilarPage(Schema):
    items: list[SimilarOut]
    count: int


@router.get("/similar", response={200: SimilarPage, **OBJECT_ERRORS}, summary="Ý kiến tương tự")
def similar(
    request,
    text: Annotated[Text(MAX_TEXT, 1), Query(description="Nội dung cần so (có hoặc không dấu).")],
    unit: Annotated[
        Code, Query(description="Mã đơn vị: tìm trong cả cây đơn vị đó (gồm đơn vị trước sắp xếp).")
    ],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 5,
):
    """Những ý kiến, kiến nghị (mọi kênh, cả ý kiến tại hội nghị) có thể cùng một vấn đề, giống nhất trước."""
    if not text.strip():
        raise ApiError(
            "invalid", _("Hãy nhập nội dung cần so."), fields={"text": [_("Không được để trống.")]}
        )
    found = unit_from(code=unit, field="unit")
    if not scoping.can(request.user, Capability.VIEW, found):
        raise ApiError(
            "not_found", _("Không tìm thấy đơn vị có mã “%(code)s” trong phạm vi của bạn.") % {"code": unit}
        )
    records = similar_records(text=text, unit=found, user=request.user, limit=limit)
    items = [
        {
            "id": r.petition.pk,
            "record": r.record,
            "tracking_code": r.petition.tracking_code,
            "title": r.petition.title,
            "score": r.score,
            "shared": r.shared_as_written,
            "status": r.petition.status,
            "received_at": r.petition.received_at,
            "unit": {"code": r.petition.unit.code, "name": r.petition.unit.name},
            "meeting_id": r.petition.meeting_pk,
        }
        for r in records
    ]
    return {"items": items, "count": len(items)}
