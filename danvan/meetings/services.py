"""Writes for plans, meetings and the opinions raised at them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.petitions import services as petitions
from danvan.petitions.choices import Channel, Kind
from danvan.petitions.models import Topic
from danvan.units.choices import Level
from danvan.units.models import Unit
from danvan.units.selectors import unit_ancestor_codes

from . import aggregates
from .choices import ChairRole, Frequency, MeetingStatus, Outcome
from .models import Meeting, MeetingChair, MeetingType, Opinion, Plan, PlanRequirement

OPINION_MAX = 5000


def _check_venue(host_unit: Unit, venue_unit: Unit | None) -> None:
    if venue_unit is not None and not venue_unit.path.startswith(host_unit.path):
        raise ValidationError({"venue_unit": _("Địa bàn phải thuộc %(unit)s.") % {"unit": host_unit.name}})


def _clean_chairs(chairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    cleaned = []
    for name, role in chairs:
        name = (name or "").strip()
        if not name:
            continue
        if role not in ChairRole.values:
            raise ValidationError({"chairs": _("Chức vụ của người chủ trì không hợp lệ.")})
        cleaned.append((name[:120], role))
    return cleaned


@transaction.atomic
def meeting_record(
    *,
    actor,
    meeting_type: MeetingType,
    host_unit: Unit,
    starts_at: datetime.datetime,
    chairs: Sequence[tuple[str, str]] = (),
    venue_unit: Unit | None = None,
    venue: str = "",
    title: str = "",
    attendance: int | None = None,
    attendance_composition: str = "",
    policies_explained: str = "",
    minutes: str = "",
    is_public: bool = True,
    minutes_file=None,
) -> Meeting:
    """Record a meeting that was held, or plan one in the future (it then shows on the calendar)."""
    scoping.require(actor, Capability.RECORD, host_unit)
    if host_unit.level in (Level.NATION, Level.HAMLET):
        raise ValidationError({"host_unit": _("Đơn vị tổ chức phải là cấp tỉnh, huyện hoặc xã.")})
    day = timezone.localdate(starts_at)
    if not host_unit.is_valid_on(day):
        raise ValidationError(
            {"host_unit": _("%(unit)s không còn hiệu lực vào ngày họp.") % {"unit": host_unit.name}}
        )
    if not meeting_type.is_active:
        raise ValidationError({"meeting_type": _("Loại hội nghị này không còn được dùng.")})
    _check_venue(host_unit, venue_unit)
    if attendance is not None and attendance < 0:
        raise ValidationError({"attendance": _("Số người dự không hợp lệ.")})
    chairs = _clean_chairs(chairs)
    status = MeetingStatus.PLANNED if starts_at > timezone.now() else MeetingStatus.HELD
    if status == MeetingStatus.HELD and not chairs:
        raise ValidationError({"chairs": _("Hãy ghi người chủ trì hội nghị.")})
    meeting = Meeting.objects.create(
        meeting_type=meeting_type,
        host_unit=host_unit,
        venue_unit=venue_unit,
        venue=venue.strip()[:255],
        starts_at=starts_at,
        status=status,
        level=host_unit.level,
        yyyymm=day.year * 100 + day.month,
        title=title.strip()[:300],
        attendance=attendance,
        attendance_composition=attendance_composition.strip()[:500],
        policies_explained=policies_explained.strip(),
        minutes=minutes.strip(),
        is_public=is_public,
        created_by=actor,
        **unit_ancestor_codes(unit=host_unit),
    )
    MeetingChair.objects.bulk_create([MeetingChair(meeting=meeting, name=n, role=r) for n, r in chairs])
    if status == MeetingStatus.HELD:
        aggregates.count_meeting(meeting, chairs)
    if minutes_file is not None:
        # Last, so nothing after it can fail and leave the stored file without its meeting.
        _store_minutes(meeting, minutes_file)
    return meeting


def _store_minutes(meeting: Meeting, upload) -> None:
    """The signed minutes, a PDF or a Word file; the file is removed again if the transaction fails."""
    from danvan import uploads

    content_type = uploads.check_minutes(upload)
    upload.seek(0)
    meeting.minutes_file.save(uploads.storage_name(upload.name, content_type), upload, save=False)
    meeting.save(update_fields=["minutes_file"])


@transaction.atomic
def meeting_mark_held(
    *, actor, meeting: Meeting, chairs: Sequence[tuple[str, str]], attendance: int | None = None
) -> Meeting:
    """A planned meeting took place."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    scoping.require(actor, Capability.RECORD, meeting.host_unit)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Chỉ hội nghị dự kiến mới chuyển sang đã tổ chức."))
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("Hội nghị chưa đến ngày tổ chức."))
    chairs = _clean_chairs(chairs)
    if not chairs:
        raise ValidationError({"chairs": _("Hãy ghi người chủ trì hội nghị.")})
    MeetingChair.objects.bulk_create([MeetingChair(meeting=meeting, name=n, role=r) for n, r in chairs])
    meeting.status, meeting.attendance = MeetingStatus.HELD, attendance
    meeting.save(update_fields=["status", "attendance"])
    aggregates.count_meeting(meeting, chairs)
    return meeting


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    scoping.require(actor, Capability.RECORD, meeting.host_unit)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Chỉ hủy được hội nghị chưa tổ chức."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status"])
    return meeting


@transaction.atomic
def opinion_add(
    *,
    actor,
    meeting: Meeting,
    text: str,
    outcome: str,
    topic: Topic | None = None,
    answer: str = "",
    forward_to: Unit | None = None,
    kind: str = Kind.PETITION,
) -> Opinion:
    """One opinion raised at the meeting, in one step: the petition is created and answered or forwarded."""
    # Lock only the meeting row: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
    locked = Meeting.objects.select_for_update(of=("self",)).select_related("host_unit", "venue_unit")
    meeting = locked.get(pk=meeting.pk)
    scoping.require(actor, Capability.RECORD, meeting.host_unit)
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Chỉ ghi ý kiến cho hội nghị đã tổ chức."), code="not_held")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Ý kiến không được để trống.")})
    if len(text) > OPINION_MAX:
        raise ValidationError({"text": _("Ý kiến dài quá %(max)s ký tự.") % {"max": OPINION_MAX}})
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Hãy chọn kết quả: trả lời tại chỗ, chuyển hoặc ghi nhận.")})
    answer = (answer or "").strip()
    if outcome == Outcome.ANSWERED_ON_SPOT and not answer:
        raise ValidationError({"answer": _("Hãy ghi nội dung đã trả lời tại chỗ.")})
    if outcome == Outcome.FORWARDED and forward_to is None:
        raise ValidationError({"forward_to": _("Hãy chọn đơn vị có thẩm quyền để chuyển.")})
    title = text if len(text) <= 200 else text[:197].rstrip() + "…"
    receipt = petitions.petition_receive(
        actor=actor,
        unit=meeting.venue_unit or meeting.host_unit,
        handling_unit=meeting.host_unit,
        channel=Channel.CONFERENCE,
        kind=kind,
        topic=topic,
        title=title,
        text=text,
        received_at=meeting.starts_at,
    )
    petition = receipt.petition
    if outcome == Outcome.ANSWERED_ON_SPOT:
        petition = petitions.petition_answer_on_spot(
            actor=actor, petition=petition, answer=answer, at=min(meeting.starts_at, timezone.now())
        )
    elif outcome == Outcome.FORWARDED:
        petition = petitions.petition_forward(
            actor=actor,
            petition=petition,
            to_unit=forward_to,
            reason=answer
            or _("Chuyển cấp có thẩm quyền từ hội nghị ngày %(day)s.")
            % {"day": timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y")},
            at=min(meeting.starts_at, timezone.now()),
        )
    position = (meeting.opinions.aggregate(m=Max("position"))["m"] or 0) + 1
    opinion = Opinion.objects.create(
        meeting=meeting,
        position=position,
        text=text,
        topic=topic,
        outcome=outcome,
        answer=answer,
        petition=petition,
    )
    aggregates.count_opinion(opinion)
    return opinion


@transaction.atomic
def plan_create(
    *,
    actor,
    unit: Unit,
    number: str,
    issued_on: datetime.date,
    title: str,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    requirements: Sequence[dict] = (),
    pilot_units: Sequence[Unit] = (),
) -> Plan:
    """A plan issued by ``unit`` and what it requires of the units below it."""
    scoping.require(actor, Capability.APPROVE, unit)
    number, title = (number or "").strip(), (title or "").strip()
    if not number:
        raise ValidationError({"number": _("Hãy ghi số, ký hiệu kế hoạch (ví dụ 158-KH/HU).")})
    if not title:
        raise ValidationError({"title": _("Hãy ghi trích yếu kế hoạch.")})
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    if Plan.objects.filter(unit=unit, number__iexact=number).exists():
        raise ValidationError(
            {"number": _("%(unit)s đã có kế hoạch số %(number)s.") % {"unit": unit.name, "number": number}}
        )
    for pilot in pilot_units:
        if not pilot.path.startswith(unit.path) or pilot.pk == unit.pk:
            raise ValidationError(
                {"pilot_units": _("Đơn vị làm điểm phải thuộc %(unit)s.") % {"unit": unit.name}}
            )
    plan = Plan.objects.create(
        unit=unit,
        number=number,
        issued_on=issued_on,
        title=title,
        valid_from=valid_from,
        valid_to=valid_to,
        created_by=actor,
    )
    plan.pilot_units.set(pilot_units)
    rows = []
    for requirement in requirements:
        if requirement["frequency"] not in Frequency.values or int(requirement.get("times", 1)) < 1:
            raise ValidationError({"requirements": _("Tần suất hoặc số lần không hợp lệ.")})
        rows.append(
            PlanRequirement(
                plan=plan,
                meeting_type=requirement["meeting_type"],
                target_level=requirement["target_level"],
                times=int(requirement.get("times", 1)),
                frequency=requirement["frequency"],
                pilot_only=bool(requirement.get("pilot_only", False)),
            )
        )
    if not rows:
        raise ValidationError({"requirements": _("Kế hoạch cần ít nhất một yêu cầu tổ chức hội nghị.")})
    PlanRequirement.objects.bulk_create(rows)
    return plan
