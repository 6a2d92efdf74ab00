"""Helpers shared by the REST endpoints: pages, documented errors, unit look-ups, idempotent creation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Header, Schema

from danvan.petitions.models import Topic
from danvan.units.models import Unit
from danvan.units.selectors import unit_by_code

from .. import services
from ..errors import ApiError
from ..schemas import Error

MAX_PAGE_SIZE = 200


class PageParams(Schema):
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


def page_schema(item: type[Schema]) -> type[Schema]:
    """``{"items": [...], "count": N, "page": P, "page_size": S}`` for one kind of item."""
    return type(
        f"{item.__name__}Page",
        (Schema,),
        {
            "__annotations__": {"items": list[item], "count": int, "page": int, "page_size": int},
            "__module__": __name__,
        },
    )


def paginate(qs, params: PageParams, serialize: Callable) -> dict:
    offset = (params.page - 1) * params.page_size
    items = [serialize(obj) for obj in qs[offset : offset + params.page_size]]
    return {"items": items, "count": qs.count(), "page": params.page, "page_size": params.page_size}


# Every authenticated operation may answer these; each operation adds its own.
READ_ERRORS = {401: Error, 422: Error}
OBJECT_ERRORS = {401: Error, 404: Error, 422: Error}
WRITE_ERRORS = {401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def unit_from(
    *, code: str | None = None, pk: int | None = None, field: str, required: bool = True, day=None
) -> Unit | None:
    """The unit named by code (the one valid on ``day``, today by default) or by id."""
    if code and pk:
        raise ApiError(
            "invalid", _("Chỉ gửi một trong hai: mã đơn vị hoặc id."), fields={field: [_("Chỉ gửi một.")]}
        )
    unit = None
    if pk:
        unit = Unit.objects.filter(pk=pk).first()
    elif code:
        unit = unit_by_code(code=code, day=day or timezone.localdate())
    elif not required:
        return None
    if unit is None:
        message = (
            _("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": code or pk}
            if code or pk
            else _("Hãy chọn đơn vị.")
        )
        raise ApiError("invalid", message, fields={field: [message]})
    return unit


def topic_from(code: str | None, field: str = "topic") -> Topic | None:
    if not code:
        return None
    topic = Topic.objects.filter(code=code).first()
    if topic is None:
        message = _("Không có lĩnh vực mang mã “%(code)s”.") % {"code": code}
        raise ApiError("invalid", message, fields={field: [message]})
    return topic


IDEMPOTENCY_HELP = (
    "Khóa do ứng dụng gọi tự sinh (ví dụ UUID) để gửi lại an toàn: cùng khóa và cùng nội dung "
    "trả về bản ghi đã tạo (mã 201, tiêu đề Idempotent-Replayed: true), không tạo bản ghi mới."
)
KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"
IdempotencyKeyHeader = Annotated[
    str | None, Header(alias="Idempotency-Key", pattern=KEY_PATTERN, description=IDEMPOTENCY_HELP)
]


def create_once(
    *,
    request,
    response: HttpResponse,
    key: str | None,
    operation: str,
    payload: dict,
    create: Callable[[], object],
    replay: Callable[[object], dict],
    render: Callable[[object], dict],
    model,
):
    """Run ``create`` once per (user, Idempotency-Key); a retry gets the first record back.

    ``create`` and the key's record share one transaction, so a failed creation
    leaves the key unused and the client may retry it.
    """
    user = request.auth
    if not key:
        with transaction.atomic():
            return render(create())
    fingerprint = services.request_fingerprint(payload)
    for _attempt in range(2):
        earlier = services.idempotency_lookup(
            user=user, key=key, operation=operation, fingerprint=fingerprint
        )
        if earlier is not None:
            resource = model.objects.filter(pk=earlier.resource_id).first()
            if resource is not None:
                response["Idempotent-Replayed"] = "true"
                return replay(resource)
            # The record was deleted since (by an administrator): the key no longer stands for anything.
            earlier.delete()
        try:
            with transaction.atomic():
                created = create()
                services.idempotency_record(
                    user=user,
                    key=key,
                    operation=operation,
                    fingerprint=fingerprint,
                    resource=created,
                    status=201,
                )
                return render(created)
        except services.IdempotencyRace:
            continue  # another request with this key committed first: answer with its record
    raise services.IdempotencyConflict(key)
