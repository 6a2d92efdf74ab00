"""Every write to a petition: one atomic function per transition, with its permission check.

Each transition locks the petition row, checks the version the actor saw, checks
the state machine and the actor's rights, appends one event, updates the derived
fields with ``update_fields`` and queues notifications for after the commit.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.facts.services import CODE_FIELDS, count_add
from danvan.textproc.folding import fold
from danvan.units.choices import Level
from danvan.units.models import Organisation, Unit
from danvan.units.selectors import unit_ancestor_codes

from . import deadlines, notifications, pins, signals
from .aggregates import month_key, petition_dims
from .choices import Channel, EventKind, Kind, Status
from .lifecycle import IllegalTransition, next_status
from .models import Attachment, LegalLimit, Petition, PetitionEvent, Topic
from .permissions import may_handle

TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud over the phone
TEXT_MAX = 20_000


@dataclass(frozen=True)
class Receipt:
    """What the citizen takes home: the code and the PIN, shown once."""

    petition: Petition
    pin: str
    event: PetitionEvent  # the receipt on the timeline


# Codes starting with this are the synthetic national data set's (danvan.demo.national), which
# counts and extends them by that prefix; real petitions never draw one.
RESERVED_PREFIX = "PAZZ"


def _new_tracking_code() -> str:
    while True:
        code = "PA" + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))
        if not code.startswith(RESERVED_PREFIX):
            return code


def _insert_unless_code_taken(petition: Petition) -> bool:
    """Insert ``petition``, or nothing when its tracking code is taken; True when it was inserted.

    One ``INSERT … ON CONFLICT (tracking_code) DO NOTHING RETURNING id`` (PostgreSQL and SQLite):
    a taken code costs no IntegrityError, so no savepoint has to be set around every insert to
    survive one. Like ``bulk_create``, it sends no ``pre_save``/``post_save`` signal.
    """
    meta = Petition._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT ({quote(meta.get_field('tracking_code').column)}) DO NOTHING "
        f"RETURNING {quote(meta.pk.column)}"
    )
    values = [f.get_db_prep_save(f.pre_save(petition, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return False
    petition.pk = row[0]
    petition._state.adding, petition._state.db = False, connection.alias
    return True


ACCEPTANCE_DAYS_SECONDS = 60


def _acceptance_days(kind: str) -> int:
    """Read on every intake, changed by an administrator once in years: cached for a minute."""
    key = f"petitions:acceptance-days:{kind}"
    return cache.get_or_set(key, lambda: _legal_limit(kind).acceptance_days, ACCEPTANCE_DAYS_SECONDS)


def _ancestor_codes(unit: Unit) -> dict[str, str]:
    """``unit_ancestor_codes(unit=unit)``, without a query when the caller has loaded the parents.

    The portal's picker has the province and the commune in hand; other callers get the lookup.
    """
    codes = {"province_code": "", "district_code": "", "commune_code": ""}
    node = unit
    while True:
        if node.level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
            codes[f"{node.level}_code"] = node.code
        if node.level in (Level.NATION, Level.PROVINCE) or node.parent_id is None:
            return codes  # nothing above a province carries a code
        if not Unit.parent.is_cached(node):
            return unit_ancestor_codes(unit=unit)
        node = node.parent


def _legal_limit(kind: str) -> LegalLimit:
    limit = LegalLimit.objects.filter(kind=kind).first()
    if limit is None:
        limit = LegalLimit(kind=kind, **deadlines.DEFAULT_LIMITS[kind])
    return limit


def _clean_text(value: str, *, field: str, required: bool = True, max_length: int = TEXT_MAX) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Trường này không được để trống.")})
    if len(value) > max_length:
        raise ValidationError({field: _("Dài quá %(max)s ký tự.") % {"max": max_length}})
    return value


def _require_handle(actor, petition: Petition) -> None:
    if not may_handle(actor, petition):
        raise PermissionDenied(
            _("Bạn không có quyền trả lời ý kiến %(code)s.") % {"code": petition.tracking_code}
        )


def _lock(petition: Petition, expected_version: int | None) -> Petition:
    locked = Petition.objects.select_for_update().select_related("handling_unit", "unit").get(pk=petition.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(
            _("Ý kiến %(code)s vừa được người khác cập nhật; hãy tải lại trang rồi thao tác lại.")
            % {"code": locked.tracking_code},
            code="stale",
        )
    return locked


def _not_before_receipt(petition: Petition, at: datetime.datetime | None) -> datetime.datetime:
    """An event dated in the past (entered after a meeting) may not precede the receipt, nor lie ahead."""
    now = timezone.now()
    if at is None:
        return now
    if at < petition.received_at or at > now:
        raise ValidationError(
            _("Thời điểm xử lý phải sau khi tiếp nhận và không ở tương lai."), code="bad_time"
        )
    return at


def _append(petition: Petition, kind: str, *, actor, fields: list[str], **event) -> PetitionEvent:
    """Move the petition by one event and save the fields the transition changed."""
    try:
        petition.status = next_status(petition.status, kind)
    except IllegalTransition as error:
        raise ValidationError(str(error), code="illegal_transition") from error
    now = timezone.now()
    created = PetitionEvent.objects.create(
        petition=petition,
        kind=kind,
        at=event.pop("at", now),
        actor=actor if actor and actor.is_authenticated else None,
        **event,
    )
    petition.version += 1
    petition.save(update_fields=sorted({"status", "version", *fields}))
    if kind != EventKind.NOTE:
        _count(petition, created)
    return created


def _count(petition: Petition, event: PetitionEvent) -> None:
    """The event in the pre-aggregates, under the codes its petition carries, as a rebuild reads them."""
    count_add(
        measure=f"petition.{event.kind}",
        unit=petition.unit,
        yyyymm=month_key(event.at),
        dims=petition_dims(petition),
        codes={name: getattr(petition, name) for name in CODE_FIELDS},
    )


# --- intake -----------------------------------------------------------------------------------


def petition_receive(
    *,
    actor,
    unit: Unit,
    channel: str,
    title: str,
    text: str,
    kind: str = Kind.PETITION,
    topic: Topic | None = None,
    handling_unit: Unit | None = None,
    citizen_name: str = "",
    citizen_phone: str = "",
    citizen_email: str = "",
    citizen_address: str = "",
    is_complex: bool = False,
    is_remote: bool = False,
    received_at: datetime.datetime | None = None,
    competent_level: str = "",
    people_count: int | None = None,
) -> Receipt:
    """Record a new opinion or petition; the portal calls it with ``actor=None``.

    Everything is checked before the first write, and the writes are one transaction: the
    caller's, when it has one (no savepoint of its own, so a failed write fails the caller's).
    """
    if actor is None or not actor.is_authenticated:
        if channel != Channel.PORTAL:
            raise PermissionDenied(_("Người dân chỉ gửi ý kiến qua cổng trực tuyến."))
    else:
        scoping.require(actor, Capability.RECORD, unit)
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Loại ý kiến không hợp lệ.")})
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Kênh tiếp nhận không hợp lệ.")})
    received_at = received_at or timezone.now()
    if not unit.is_valid_on(timezone.localdate(received_at)):
        raise ValidationError(
            {"unit": _("%(unit)s không còn hiệu lực vào ngày tiếp nhận.") % {"unit": unit.name}}
        )
    if unit.level in (Level.NATION,):
        raise ValidationError({"unit": _("Hãy chọn tỉnh, xã hoặc thôn nơi phát sinh ý kiến.")})
    if competent_level and competent_level not in (Level.COMMUNE, Level.DISTRICT, Level.PROVINCE):
        raise ValidationError({"competent_level": _("Cấp có thẩm quyền không hợp lệ.")})
    if people_count is not None and people_count < 1:
        raise ValidationError({"people_count": _("Số người phải từ 1 trở lên.")})
    if topic is not None and not topic.is_active:
        raise ValidationError({"topic": _("Lĩnh vực này không còn được dùng.")})
    title = _clean_text(title, field="title", max_length=200)
    text = _clean_text(text, field="text")
    handling_unit = handling_unit or (unit.parent if unit.level == Level.HAMLET else unit)
    pin = pins.new_pin()
    received_day = timezone.localdate(received_at)
    petition = Petition(
        pin_hash=pins.hash_pin(pin),
        kind=kind,
        channel=channel,
        topic=topic,
        unit=unit,
        handling_unit=handling_unit,
        yyyymm=received_day.year * 100 + received_day.month,
        title=title,
        text=text,
        citizen_name=citizen_name.strip()[:120],
        citizen_phone=citizen_phone.strip()[:30],
        citizen_email=citizen_email.strip(),
        citizen_address=citizen_address.strip()[:255],
        is_complex=is_complex,
        is_remote=is_remote,
        competent_level=competent_level or "",
        people_count=people_count,
        received_at=received_at,
        acceptance_due=deadlines.add_days(received_day, _acceptance_days(kind)),
        # Stored as the receipt event leaves it, so the row is written once.
        status=next_status(None, EventKind.RECEIVED),
        version=1,
        search_key=fold(f"{title} {text}"),
        created_by=actor if actor and actor.is_authenticated else None,
        **_ancestor_codes(unit),
    )
    with transaction.atomic(savepoint=False):
        for _attempt in range(5):
            petition.tracking_code = _new_tracking_code()
            if _insert_unless_code_taken(petition):
                break
        else:  # pragma: no cover - 31^8 codes make five collisions in a row practically impossible
            raise RuntimeError("could not allocate a tracking code")
        event = PetitionEvent.objects.create(
            petition=petition,
            kind=EventKind.RECEIVED,
            at=received_at,
            actor=actor if actor and actor.is_authenticated else None,
            to_unit=handling_unit,
        )
        _count(petition, event)
        signals.petition_received.send(sender=Petition, petition=petition)
        notifications.on_received(petition)
    return Receipt(petition=petition, pin=pin, event=event)


def petition_check_pin(*, tracking_code: str, pin: str) -> Petition | None:
    """The petition behind a tracking code and PIN, or None; never says which one was wrong."""
    petition = Petition.objects.filter(tracking_code=(tracking_code or "").strip().upper()).first()
    if petition is None:
        pins.check_pin(pin, pins.hash_pin("000000"))  # same work either way, so timing reveals nothing
        return None
    return petition if pins.check_pin(pin, petition.pin_hash) else None


# --- officials' transitions ------------------------------------------------------------------


@transaction.atomic
def petition_answer_on_spot(
    *,
    actor,
    petition: Petition,
    answer: str,
    expected_version: int | None = None,
    at: datetime.datetime | None = None,
) -> Petition:
    """Answered where it was raised; ``at`` is the meeting's time when the record is entered afterwards."""
    petition = _lock(petition, expected_version)
    scoping.require(actor, Capability.RECORD, petition.handling_unit)
    answer = _clean_text(answer, field="answer")
    at = _not_before_receipt(petition, at)
    petition.public_answer, petition.answered_at = answer, at
    _append(
        petition,
        EventKind.ANSWERED_ON_SPOT,
        actor=actor,
        fields=["public_answer", "answered_at"],
        text=answer,
        at=at,
    )
    notifications.on_answered(petition)
    return petition


@transaction.atomic
def petition_accept(
    *,
    actor,
    petition: Petition,
    organisation: Organisation,
    note: str = "",
    expected_version: int | None = None,
) -> Petition:
    """Accept (thụ lý) and assign to an organisation of the handling unit; starts the resolution clock."""
    petition = _lock(petition, expected_version)
    scoping.require(actor, Capability.RECORD, petition.handling_unit)
    if organisation.unit_id != petition.handling_unit_id or not organisation.is_active:
        raise ValidationError(
            {"organisation": _("Tổ chức xử lý phải thuộc %(unit)s.") % {"unit": petition.handling_unit.name}}
        )
    fields = ["handling_organisation"]
    petition.handling_organisation = organisation
    if petition.due_date is None:
        limit = _legal_limit(petition.kind)
        days = deadlines.resolution_days(limit, is_complex=petition.is_complex, is_remote=petition.is_remote)
        if days:
            petition.due_date = deadlines.add_days(timezone.localdate(), days, limit.day_type)
            fields.append("due_date")
    _append(
        petition,
        EventKind.ACCEPTED,
        actor=actor,
        fields=fields,
        organisation=organisation,
        text=note.strip(),
        is_internal=True,
        due_date=petition.due_date,
    )
    notifications.on_assigned(petition)
    return petition


@transaction.atomic
def petition_forward(
    *,
    actor,
    petition: Petition,
    to_unit: Unit,
    reason: str,
    expected_version: int | None = None,
    at: datetime.datetime | None = None,
) -> Petition:
    """Send to the unit with jurisdiction ("chuyển cấp có thẩm quyền"); ``at`` as for answers on the spot."""
    petition = _lock(petition, expected_version)
    scoping.require(actor, Capability.RECORD, petition.handling_unit)
    reason = _clean_text(reason, field="reason", max_length=2000)
    at = _not_before_receipt(petition, at)
    if to_unit.pk == petition.handling_unit_id:
        raise ValidationError({"to_unit": _("Ý kiến đang ở chính đơn vị này.")})
    if not to_unit.is_valid_on(timezone.localdate(at)) or to_unit.level == Level.NATION:
        raise ValidationError({"to_unit": _("Đơn vị nhận không hợp lệ hoặc đã hết hiệu lực.")})
    from_unit = petition.handling_unit
    petition.handling_unit, petition.handling_organisation = to_unit, None
    _append(
        petition,
        EventKind.FORWARDED,
        actor=actor,
        fields=["handling_unit", "handling_organisation"],
        from_unit=from_unit,
        to_unit=to_unit,
        text=reason,
        at=at,
    )
    notifications.on_forwarded(petition)
    return petition


@transaction.atomic
def petition_extend(
    *, actor, petition: Petition, reason: str, expected_version: int | None = None
) -> Petition:
    petition = _lock(petition, expected_version)
    scoping.require(actor, Capability.RECORD, petition.handling_unit)
    reason = _clean_text(reason, field="reason", max_length=2000)
    limit = _legal_limit(petition.kind)
    if petition.extensions >= limit.max_extensions or not limit.extension_days or petition.due_date is None:
        raise ValidationError(
            _("%(kind)s không được gia hạn thêm (tối đa %(max)s lần).")
            % {"kind": Kind(petition.kind).label, "max": limit.max_extensions},
            code="no_more_extensions",
        )
    petition.due_date = deadlines.add_days(petition.due_date, limit.extension_days, limit.day_type)
    petition.extensions += 1
    _append(
        petition,
        EventKind.EXTENDED,
        actor=actor,
        fields=["due_date", "extensions"],
        text=reason,
        due_date=petition.due_date,
    )
    return petition


@transaction.atomic
def petition_answer(
    *, actor, petition: Petition, answer: str, expected_version: int | None = None
) -> Petition:
    petition = _lock(petition, expected_version)
    _require_handle(actor, petition)
    answer = _clean_text(answer, field="answer")
    petition.public_answer, petition.answered_at = answer, timezone.now()
    _append(petition, EventKind.ANSWERED, actor=actor, fields=["public_answer", "answered_at"], text=answer)
    notifications.on_answered(petition)
    return petition


@transaction.atomic
def petition_reject(
    *, actor, petition: Petition, reason: str, expected_version: int | None = None
) -> Petition:
    petition = _lock(petition, expected_version)
    scoping.require(actor, Capability.RECORD, petition.handling_unit)
    reason = _clean_text(reason, field="reason", max_length=2000)
    petition.public_answer, petition.closed_at = reason, timezone.now()
    _append(petition, EventKind.REJECTED, actor=actor, fields=["public_answer", "closed_at"], text=reason)
    notifications.on_answered(petition)
    return petition


@transaction.atomic
def petition_merge(
    *, actor, petition: Petition, into: Petition, reason: str = "", expected_version: int | None = None
) -> Petition:
    """Fold a duplicate into another petition; the citizen follows the other one's answer."""
    petition = _lock(petition, expected_version)
    scoping.require(actor, Capability.RECORD, petition.handling_unit)
    if into.pk == petition.pk:
        raise ValidationError({"into": _("Không thể gộp một ý kiến vào chính nó.")})
    if into.status == Status.MERGED:
        raise ValidationError(
            {"into": _("Ý kiến %(code)s đã được gộp vào ý kiến khác.") % {"code": into.tracking_code}}
        )
    if not scoping.can(actor, Capability.VIEW, into.handling_unit) and not scoping.can(
        actor, Capability.VIEW, into.unit
    ):
        raise PermissionDenied(_("Bạn không có quyền với ý kiến %(code)s.") % {"code": into.tracking_code})
    petition.merged_into, petition.closed_at = into, timezone.now()
    _append(
        petition,
        EventKind.MERGED,
        actor=actor,
        fields=["merged_into", "closed_at"],
        other_petition=into,
        text=reason.strip(),
    )
    return petition


@transaction.atomic
def petition_close(*, actor, petition: Petition, expected_version: int | None = None) -> Petition:
    petition = _lock(petition, expected_version)
    scoping.require(actor, Capability.RECORD, petition.handling_unit)
    petition.closed_at = timezone.now()
    _append(petition, EventKind.CLOSED, actor=actor, fields=["closed_at"])
    return petition


@transaction.atomic
def petition_reopen(
    *, actor, petition: Petition, reason: str, expected_version: int | None = None
) -> Petition:
    petition = _lock(petition, expected_version)
    scoping.require(actor, Capability.RECORD, petition.handling_unit)
    reason = _clean_text(reason, field="reason", max_length=2000)
    petition.closed_at = None
    _append(petition, EventKind.REOPENED, actor=actor, fields=["closed_at"], text=reason)
    notifications.on_assigned(petition)
    return petition


@transaction.atomic
def petition_note(*, actor, petition: Petition, text: str) -> PetitionEvent:
    """An internal note: seen by officials only, never on the public page."""
    petition = _lock(petition, None)
    if not (scoping.can(actor, Capability.RECORD, petition.handling_unit) or may_handle(actor, petition)):
        raise PermissionDenied(_("Bạn không có quyền ghi chú ý kiến này."))
    text = _clean_text(text, field="text", max_length=5000)
    return _append(petition, EventKind.NOTE, actor=actor, fields=[], text=text, is_internal=True)


# --- citizens' actions (the caller has checked the tracking code and PIN) ---------------------


@transaction.atomic
def petition_rate(*, petition: Petition, rating: int, comment: str = "") -> Petition:
    petition = _lock(petition, None)
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Hãy chọn mức đánh giá từ 1 đến 5.")})
    if petition.rating is not None:
        raise ValidationError(_("Bạn đã đánh giá câu trả lời này."), code="already_rated")
    petition.rating, petition.rating_comment = rating, comment.strip()[:2000]
    _append(
        petition,
        EventKind.RATED,
        actor=None,
        fields=["rating", "rating_comment"],
        rating=rating,
        text=petition.rating_comment,
    )
    return petition


@transaction.atomic
def petition_citizen_reopen(*, petition: Petition, reason: str) -> Petition:
    """The citizen is not satisfied: reopen once."""
    petition = _lock(petition, None)
    if petition.citizen_reopened:
        raise ValidationError(_("Mỗi ý kiến chỉ được đề nghị xem xét lại một lần."), code="reopened_once")
    if petition.status not in (Status.ANSWERED, Status.CLOSED):
        raise ValidationError(_("Chỉ đề nghị xem xét lại sau khi đã có trả lời."), code="not_answered")
    reason = _clean_text(reason, field="reason", max_length=2000)
    petition.citizen_reopened, petition.closed_at = True, None
    _append(petition, EventKind.REOPENED, actor=None, fields=["citizen_reopened", "closed_at"], text=reason)
    notifications.on_assigned(petition)
    return petition


# --- attachments -------------------------------------------------------------------------------


def petition_attach(*, actor, petition: Petition, upload, is_public: bool = False) -> Attachment:
    """An official attaches a document (minutes, a reply letter, a photo); the type comes from its bytes."""
    from danvan import uploads

    if not (scoping.can(actor, Capability.RECORD, petition.handling_unit) or may_handle(actor, petition)):
        raise PermissionDenied(_("Bạn không có quyền đính kèm tệp vào ý kiến này."))
    content_type = uploads.check_upload(upload)
    stored = Attachment(
        petition=petition,
        original_name=(upload.name or "")[:255] or uploads.storage_name("", content_type),
        content_type=content_type,
        size=upload.size,
        is_public=is_public,
        uploaded_by=actor,
    )
    try:
        with transaction.atomic():
            upload.seek(0)
            stored.file.save(uploads.storage_name(upload.name, content_type), upload, save=False)
            stored.save()
            petition_note(
                actor=actor,
                petition=petition,
                text=_("Đính kèm tệp %(name)s.") % {"name": stored.original_name},
            )
    except BaseException:
        if stored.file.name:
            stored.file.storage.delete(stored.file.name)
        raise
    return stored
