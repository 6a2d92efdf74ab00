"""Writes of grassroots democracy: each one function, in one transaction, scoped and on the timeline.

Bad input raises a ``ValidationError`` with a Vietnamese message and changes nothing. A posting
shorter than its legal minimum raises the code ``short_period`` unless a reason is given: the
page then asks the official for the reason before going on.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan import uploads
from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.activities import supervision
from danvan.activities.choices import SupervisionKind
from danvan.activities.models import Recommendation
from danvan.petitions.deadlines import add_days
from danvan.textproc.folding import fold
from danvan.units.choices import Level
from danvan.units.models import Unit
from danvan.units.selectors import unit_ancestor_codes

from .choices import (
    CONSULTATION_RESULT,
    BoardKind,
    DecisionMethod,
    EventKind,
    MemberRole,
    OpinionChannel,
    PassBase,
    Recurrence,
    ResponseKind,
)
from .models import (
    BoardActivity,
    BoardMember,
    Consultation,
    ConsultationOpinion,
    ConsultationSubject,
    Decision,
    DecisionMatter,
    DisclosureCategory,
    DisclosureForm,
    Event,
    Posting,
    PostingAttachment,
    ResponseGroup,
    SupervisionBoard,
)
from .periods import period_bounds

TEXT_MAX = 5000
HUNDRED = Decimal(100)


def _text(value: str | None, *, field: str, required: bool = True, max_length: int = TEXT_MAX) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Trường này không được để trống.")})
    if len(value) > max_length:
        raise ValidationError({field: _("Dài quá %(max)s ký tự.") % {"max": max_length}})
    return value


def _today() -> datetime.date:
    return timezone.localdate()


def _commune(unit: Unit, day: datetime.date, field: str = "unit") -> None:
    if unit.level != Level.COMMUNE:
        raise ValidationError({field: _("Hãy chọn một xã, phường, thị trấn.")})
    if not unit.is_valid_on(day):
        raise ValidationError({field: _("%(unit)s không tồn tại vào ngày này.") % {"unit": unit.name}})


def _hamlet(commune: Unit, hamlet: Unit | None) -> None:
    if hamlet is not None and (hamlet.level != Level.HAMLET or hamlet.parent_id != commune.pk):
        raise ValidationError({"hamlet": _("Thôn, tổ dân phố phải thuộc %(unit)s.") % {"unit": commune.name}})


def _located(unit: Unit, day: datetime.date, actor) -> dict:
    return {
        "unit": unit,
        "yyyymm": day.year * 100 + day.month,
        "created_by": actor if getattr(actor, "is_authenticated", False) else None,
        **unit_ancestor_codes(unit=unit),
    }


def _event(*, unit: Unit, kind: str, actor=None, note: str = "", is_public: bool = True, **target) -> Event:
    return Event.objects.create(
        unit=unit,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
        is_public=is_public,
        **target,
    )


# --- the public board -------------------------------------------------------------------------


def due_date(
    *, category: DisclosureCategory, document_date=None, period_key: str = ""
) -> datetime.date | None:
    """When the item must be public: a few working days after its document (Art. 13), or some days
    after the quarter or year it reports on."""
    if category.recurrence != Recurrence.NONE and period_key:
        _start, end = period_bounds(period_key)
        return end + datetime.timedelta(days=category.due_days_after_period)
    if document_date is not None:
        return add_days(document_date, category.publish_within_days)
    return None


def _check_period_key(category: DisclosureCategory, period_key: str) -> str:
    period_key = (period_key or "").strip().upper()
    if category.recurrence == Recurrence.NONE:
        return period_key
    try:
        start, _end = period_bounds(period_key)
    except ValueError:
        start = None
    wanted_quarter = category.recurrence == Recurrence.QUARTER
    if start is None or ("Q" in period_key) != wanted_quarter:
        example = "2024Q1" if wanted_quarter else "2024"
        raise ValidationError(
            {"period_key": _("Hãy ghi kỳ công khai đúng dạng, ví dụ %(example)s.") % {"example": example}}
        )
    return period_key


def _posting_period(
    *, category_min: int, posted_on: datetime.date, period_end: datetime.date | None, short_reason: str
) -> tuple[datetime.date, str]:
    if posted_on > _today():
        raise ValidationError({"posted_on": _("Ngày niêm yết không được ở tương lai.")})
    period_end = period_end or posted_on + datetime.timedelta(days=category_min)
    if period_end < posted_on:
        raise ValidationError({"period_end": _("Ngày kết thúc niêm yết phải sau ngày niêm yết.")})
    days = (period_end - posted_on).days
    short_reason = _text(short_reason, field="short_reason", required=False)
    if days < category_min and not short_reason:
        raise ValidationError(
            {
                "period_end": ValidationError(
                    _(
                        "Thời gian niêm yết %(days)s ngày, ngắn hơn %(min)s ngày luật định (Điều 13). "
                        "Nếu vẫn tiếp tục, hãy ghi lý do."
                    )
                    % {"days": days, "min": category_min},
                    code="short_period",
                )
            }
        )
    return period_end, short_reason if days < category_min else ""


@transaction.atomic
def posting_record(
    *,
    actor,
    unit: Unit,
    category: DisclosureCategory,
    title: str,
    summary: str = "",
    hamlet: Unit | None = None,
    period_key: str = "",
    document_date: datetime.date | None = None,
    posted_on: datetime.date | None = None,
    period_end: datetime.date | None = None,
    forms: Sequence[DisclosureForm] = (),
    short_reason: str = "",
    is_public: bool = True,
) -> Posting:
    """An item of the public board: posted now (``posted_on``), or recorded as due and posted later."""
    scoping.require(actor, Capability.RECORD, unit)
    if not category.is_active:
        raise ValidationError({"category": _("Nội dung công khai này không còn áp dụng.")})
    period_key = _check_period_key(category, period_key)
    if document_date is not None and document_date > _today():
        raise ValidationError({"document_date": _("Ngày ban hành không được ở tương lai.")})
    if posted_on is None and document_date is None and not period_key:
        raise ValidationError(
            {"posted_on": _("Hãy ghi ngày niêm yết, hoặc ngày ban hành văn bản để theo dõi hạn công khai.")}
        )
    day = posted_on or document_date or period_bounds(period_key)[1]
    _commune(unit, day)
    _hamlet(unit, hamlet)
    if posted_on is not None and document_date is not None and posted_on < document_date:
        raise ValidationError({"posted_on": _("Ngày niêm yết không được trước ngày ban hành văn bản.")})
    due_on = due_date(category=category, document_date=document_date, period_key=period_key)
    reason = ""
    if posted_on is not None:
        period_end, reason = _posting_period(
            category_min=category.min_days,
            posted_on=posted_on,
            period_end=period_end,
            short_reason=short_reason,
        )
        if not forms:
            raise ValidationError({"forms": _("Hãy chọn ít nhất một hình thức công khai (Điều 12).")})
    elif period_end is not None:
        raise ValidationError({"period_end": _("Chưa niêm yết thì chưa có thời hạn niêm yết.")})
    posting = Posting.objects.create(
        hamlet=hamlet,
        category=category,
        title=_text(title, field="title", max_length=300),
        summary=_text(summary, field="summary", required=False, max_length=20_000),
        period_key=period_key,
        document_date=document_date,
        due_on=due_on,
        posted_on=posted_on,
        period_end=period_end,
        min_days=category.min_days,
        on_time=None if posted_on is None else (due_on is None or posted_on <= due_on),
        short_reason=reason,
        is_public=is_public,
        **_located(unit, day, actor),
    )
    posting.forms.set(forms)
    if posted_on is None:
        _event(unit=unit, kind=EventKind.DUE, actor=actor, posting=posting, is_public=False)
    else:
        _posted_events(posting, actor)
    return posting


def _posted_events(posting: Posting, actor) -> None:
    _event(
        unit=posting.unit,
        kind=EventKind.POSTED,
        actor=actor,
        posting=posting,
        note=_("Niêm yết từ %(start)s đến %(end)s.")
        % {"start": f"{posting.posted_on:%d/%m/%Y}", "end": f"{posting.period_end:%d/%m/%Y}"},
    )
    if posting.short_reason:
        _event(
            unit=posting.unit,
            kind=EventKind.SHORT_PERIOD,
            actor=actor,
            posting=posting,
            note=posting.short_reason,
        )


@transaction.atomic
def posting_publish(
    *,
    actor,
    posting: Posting,
    posted_on: datetime.date,
    forms: Sequence[DisclosureForm],
    period_end: datetime.date | None = None,
    short_reason: str = "",
) -> Posting:
    """Publish an item recorded as due."""
    posting = Posting.objects.select_for_update().select_related("unit", "category").get(pk=posting.pk)
    scoping.require(actor, Capability.RECORD, posting.unit)
    if posting.posted_on is not None:
        raise ValidationError(_("Nội dung này đã được niêm yết."))
    if posting.document_date and posted_on < posting.document_date:
        raise ValidationError({"posted_on": _("Ngày niêm yết không được trước ngày ban hành văn bản.")})
    if not forms:
        raise ValidationError({"forms": _("Hãy chọn ít nhất một hình thức công khai (Điều 12).")})
    period_end, reason = _posting_period(
        category_min=posting.min_days, posted_on=posted_on, period_end=period_end, short_reason=short_reason
    )
    posting.posted_on, posting.period_end, posting.short_reason = posted_on, period_end, reason
    posting.on_time = posting.due_on is None or posted_on <= posting.due_on
    posting.yyyymm = posted_on.year * 100 + posted_on.month
    posting.save(update_fields=["posted_on", "period_end", "short_reason", "on_time", "yyyymm"])
    posting.forms.set(forms)
    _posted_events(posting, actor)
    return posting


@transaction.atomic
def posting_take_down(*, actor, posting: Posting, taken_down_on: datetime.date, reason: str = "") -> Posting:
    """Take an item off the board; before its period ends only with a reason (it is then reported)."""
    posting = Posting.objects.select_for_update().select_related("unit").get(pk=posting.pk)
    scoping.require(actor, Capability.RECORD, posting.unit)
    if posting.posted_on is None:
        raise ValidationError(_("Nội dung chưa được niêm yết."))
    if posting.taken_down_on is not None:
        raise ValidationError(_("Nội dung đã được gỡ."))
    if taken_down_on < posting.posted_on or taken_down_on > _today():
        raise ValidationError({"taken_down_on": _("Ngày gỡ phải từ ngày niêm yết đến hôm nay.")})
    early = posting.period_end is not None and taken_down_on < posting.period_end
    reason = _text(reason, field="reason", required=early)
    posting.taken_down_on, posting.taken_down_reason = taken_down_on, reason
    posting.save(update_fields=["taken_down_on", "taken_down_reason"])
    _event(unit=posting.unit, kind=EventKind.TAKEN_DOWN, actor=actor, posting=posting, note=reason)
    return posting


@transaction.atomic
def attachment_add(*, actor, posting: Posting, upload) -> PostingAttachment:
    """A PDF, Word, Excel or image file shown with the item (the type is read from its bytes)."""
    from danvan import uploads

    scoping.require(actor, Capability.RECORD, posting.unit)
    content_type = uploads.check_upload(upload)
    upload.seek(0)
    attachment = PostingAttachment(
        posting=posting,
        name=(upload.name or "tep")[:200],
        content_type=content_type,
        size=upload.size or 0,
    )
    attachment.file.save(uploads.storage_name(upload.name, content_type), upload, save=False)
    attachment.save()
    return attachment


# --- consultations ----------------------------------------------------------------------------


@transaction.atomic
def consultation_open(
    *,
    actor,
    unit: Unit,
    subject: ConsultationSubject,
    title: str,
    draft_text: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    questions: str = "",
    hamlet: Unit | None = None,
) -> Consultation:
    """Put a draft to the citizens of a commune (or one hamlet) from ``opens_on`` to ``closes_on``."""
    scoping.require(actor, Capability.RECORD, unit)
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("Ngày kết thúc lấy ý kiến phải sau ngày bắt đầu.")})
    _commune(unit, opens_on)
    _hamlet(unit, hamlet)
    if not subject.is_active:
        raise ValidationError({"subject": _("Nội dung lấy ý kiến này không còn áp dụng.")})
    consultation = Consultation.objects.create(
        hamlet=hamlet,
        subject=subject,
        title=_text(title, field="title", max_length=300),
        draft_text=_text(draft_text, field="draft_text", max_length=100_000),
        questions=_text(questions, field="questions", required=False),
        opens_on=opens_on,
        closes_on=closes_on,
        **_located(unit, opens_on, actor),
    )
    _event(
        unit=unit,
        kind=EventKind.CONSULTATION_OPENED,
        actor=actor,
        consultation=consultation,
        note=_("Nhận ý kiến từ %(start)s đến %(end)s.")
        % {"start": f"{opens_on:%d/%m/%Y}", "end": f"{closes_on:%d/%m/%Y}"},
    )
    return consultation


def _opinion_text(consultation: Consultation, text: str) -> tuple[str, str]:
    text = _text(text, field="text")
    key = fold(text)[:400]
    if ConsultationOpinion.objects.filter(consultation=consultation, text_key=key).exists():
        raise ValidationError(
            {"text": ValidationError(_("Ý kiến này đã được gửi cho dự thảo."), code="duplicate")}
        )
    return text, key


@transaction.atomic
def opinion_submit(
    *, consultation: Consultation, text: str, author_name: str = "", hamlet: Unit | None = None
) -> ConsultationOpinion:
    """A citizen's opinion from the portal, while the consultation is open (no account needed)."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    today = _today()
    if not consultation.is_open(today):
        raise ValidationError(_("Dự thảo này không còn nhận ý kiến."), code="closed")
    _hamlet(consultation.unit, hamlet)
    text, key = _opinion_text(consultation, text)
    opinion = ConsultationOpinion.objects.create(
        consultation=consultation,
        channel=OpinionChannel.ONLINE,
        text=text,
        text_key=key,
        author_name=_text(author_name, field="author_name", required=False, max_length=120),
        hamlet=hamlet,
        received_on=today,
    )
    _event(unit=consultation.unit, kind=EventKind.OPINION, consultation=consultation, is_public=False)
    return opinion


@transaction.atomic
def opinion_record(
    *,
    actor,
    consultation: Consultation,
    channel: str,
    text: str,
    received_on: datetime.date,
    author_name: str = "",
    hamlet: Unit | None = None,
    participants: int | None = None,
    agree: int | None = None,
    disagree: int | None = None,
) -> ConsultationOpinion:
    """A paper form typed in by an official, or the tally of a hamlet meeting."""
    consultation = Consultation.objects.select_for_update().select_related("unit").get(pk=consultation.pk)
    scoping.require(actor, Capability.RECORD, consultation.unit)
    if channel not in (OpinionChannel.PAPER, OpinionChannel.MEETING):
        raise ValidationError({"channel": _("Hãy chọn phiếu giấy hoặc hội nghị thôn.")})
    if consultation.concluded_on:
        raise ValidationError(_("Đã tổng hợp ý kiến, không nhận thêm."))
    if not consultation.opens_on <= received_on <= min(consultation.closes_on, _today()):
        raise ValidationError({"received_on": _("Ngày nhận phải trong thời gian lấy ý kiến.")})
    _hamlet(consultation.unit, hamlet)
    if channel == OpinionChannel.MEETING:
        if participants is None or agree is None or disagree is None:
            raise ValidationError({"participants": _("Hãy ghi số người dự họp, tán thành, không tán thành.")})
        if agree + disagree > participants:
            raise ValidationError({"agree": _("Số tán thành và không tán thành vượt số người dự họp.")})
    else:
        participants = agree = disagree = None
    text, key = _opinion_text(consultation, text)
    opinion = ConsultationOpinion.objects.create(
        consultation=consultation,
        channel=channel,
        text=text,
        text_key=key,
        author_name=_text(author_name, field="author_name", required=False, max_length=120),
        hamlet=hamlet,
        participants=participants,
        agree=agree,
        disagree=disagree,
        received_on=received_on,
        recorded_by=actor,
    )
    _event(
        unit=consultation.unit,
        kind=EventKind.OPINION,
        actor=actor,
        consultation=consultation,
        is_public=False,
    )
    return opinion


@transaction.atomic
def consultation_conclude(
    *,
    actor,
    consultation: Consultation,
    summary: str,
    groups: Sequence[dict],
    concluded_on: datetime.date | None = None,
) -> Consultation:
    """Close with a summary and the authority's answer to each group of opinions (accepted or
    explained, Art. 28), and post the result on the commune's board."""
    consultation = Consultation.objects.select_for_update().select_related("unit").get(pk=consultation.pk)
    scoping.require(actor, Capability.RECORD, consultation.unit)
    concluded_on = concluded_on or _today()
    if consultation.concluded_on:
        raise ValidationError(_("Dự thảo đã được tổng hợp ý kiến."))
    if concluded_on <= consultation.closes_on or concluded_on > _today():
        raise ValidationError({"concluded_on": _("Chỉ tổng hợp sau khi hết thời gian lấy ý kiến.")})
    summary = _text(summary, field="summary", max_length=20_000)
    if not groups:
        raise ValidationError(
            {"groups": _("Hãy ghi ít nhất một nhóm ý kiến và nội dung tiếp thu, giải trình.")}
        )
    opinion_ids = set(consultation.opinions.values_list("pk", flat=True))
    for position, group in enumerate(groups, start=1):
        if group.get("response_kind") not in ResponseKind.values:
            raise ValidationError({"groups": _("Hãy chọn tiếp thu hoặc giải trình cho mỗi nhóm ý kiến.")})
        row = ResponseGroup.objects.create(
            consultation=consultation,
            position=position,
            title=_text(group.get("title"), field="groups", max_length=300),
            response_kind=group["response_kind"],
            response=_text(group.get("response"), field="groups"),
        )
        ids = set(group.get("opinion_ids") or ())
        if not ids <= opinion_ids:
            raise ValidationError({"groups": _("Có ý kiến không thuộc dự thảo này.")})
        ConsultationOpinion.objects.filter(pk__in=ids).update(group=row)
    consultation.summary, consultation.concluded_on = summary, concluded_on
    category = DisclosureCategory.objects.get(code=CONSULTATION_RESULT)
    consultation.result_posting = Posting.objects.create(
        hamlet=consultation.hamlet,
        category=category,
        title=(_("Kết quả lấy ý kiến: %(title)s") % {"title": consultation.title})[:300],
        summary=summary,
        document_date=concluded_on,
        due_on=add_days(concluded_on, category.publish_within_days),
        posted_on=concluded_on,
        period_end=concluded_on + datetime.timedelta(days=category.min_days),
        min_days=category.min_days,
        on_time=True,
        **_located(consultation.unit, concluded_on, actor),
    )
    consultation.result_posting.forms.set(
        DisclosureForm.objects.filter(code__in=["niem-yet-tru-so", "cong-thong-tin"])
    )
    consultation.save(update_fields=["summary", "concluded_on", "result_posting"])
    _event(unit=consultation.unit, kind=EventKind.CONCLUDED, actor=actor, consultation=consultation)
    _posted_events(consultation.result_posting, actor)
    return consultation


# --- decisions by the households --------------------------------------------------------------


def decision_outcome(
    *, matter: DecisionMatter, entitled: int, present: int, votes_for: int
) -> tuple[bool, bool]:
    """(the meeting or ballot was valid, the matter passed) under the matter's thresholds: each
    share must be *above* its percentage (“trên 50%”)."""
    quorum_met = present * HUNDRED > matter.quorum_percent * entitled
    base = entitled if matter.pass_base == PassBase.ENTITLED else present
    passed = quorum_met and votes_for * HUNDRED > matter.pass_percent * base
    return quorum_met, passed


@transaction.atomic
def decision_record(
    *,
    actor,
    unit: Unit,
    matter: DecisionMatter,
    title: str,
    method: str,
    held_on: datetime.date,
    households_entitled: int | None,
    households_present: int | None,
    votes_for: int | None,
    votes_against: int | None,
    ballots_invalid: int = 0,
    place: str = "",
    minutes: str = "",
    minutes_file=None,
) -> Decision:
    """What the households of a hamlet (or commune) decided, with the figures that make it valid,
    and the signed minutes (a PDF or Word file) when there is one."""
    scoping.require(actor, Capability.RECORD, unit)
    minutes_type = uploads.check_minutes(minutes_file) if minutes_file is not None else None
    figures = {
        "households_entitled": households_entitled,
        "households_present": households_present,
        "votes_for": votes_for,
        "votes_against": votes_against,
    }
    missing = {name: _("Hãy ghi số hộ.") for name, value in figures.items() if value is None}
    if missing:
        raise ValidationError(
            {
                **missing,
                "__all__": _("Không ghi nhận kết quả khi thiếu số hộ gia đình, số hộ tham dự và số phiếu."),
            }
        )
    if any(value < 0 for value in [*figures.values(), ballots_invalid]):
        raise ValidationError(_("Số hộ, số phiếu không được âm."))
    if households_entitled == 0:
        raise ValidationError({"households_entitled": _("Tổng số hộ gia đình phải lớn hơn 0.")})
    if households_present > households_entitled:
        raise ValidationError({"households_present": _("Số hộ tham dự vượt tổng số hộ gia đình.")})
    if votes_for + votes_against + ballots_invalid > households_present:
        raise ValidationError(
            {
                "votes_for": _("Tổng số phiếu (%(votes)s) vượt số hộ tham dự (%(present)s).")
                % {"votes": votes_for + votes_against + ballots_invalid, "present": households_present}
            }
        )
    if method not in DecisionMethod.values:
        raise ValidationError({"method": _("Hình thức không hợp lệ.")})
    if not matter.is_active:
        raise ValidationError({"matter": _("Nội dung này không còn áp dụng.")})
    if held_on > _today():
        raise ValidationError({"held_on": _("Ngày họp không được ở tương lai.")})
    if unit.level not in (Level.COMMUNE, Level.HAMLET) or not unit.is_valid_on(held_on):
        raise ValidationError({"unit": _("Hãy chọn thôn, tổ dân phố hoặc xã tồn tại vào ngày họp.")})
    quorum_met, passed = decision_outcome(
        matter=matter, entitled=households_entitled, present=households_present, votes_for=votes_for
    )
    decision = Decision.objects.create(
        matter=matter,
        title=_text(title, field="title", max_length=300),
        method=method,
        held_on=held_on,
        place=_text(place, field="place", required=False, max_length=255),
        households_entitled=households_entitled,
        households_present=households_present,
        votes_for=votes_for,
        votes_against=votes_against,
        ballots_invalid=ballots_invalid,
        quorum_percent=matter.quorum_percent,
        pass_percent=matter.pass_percent,
        pass_base=matter.pass_base,
        article=matter.article,
        quorum_met=quorum_met,
        passed=passed,
        minutes=_text(minutes, field="minutes", required=False, max_length=50_000),
        **_located(unit, held_on, actor),
    )
    if minutes_file is not None:
        minutes_file.seek(0)
        decision.minutes_file.save(
            uploads.storage_name(minutes_file.name, minutes_type), minutes_file, save=False
        )
        decision.save(update_fields=["minutes_file"])
    outcome = (
        _("được thông qua")
        if passed
        else (_("không được thông qua") if quorum_met else _("không đủ số hộ tham dự"))
    )
    _event(
        unit=unit,
        kind=EventKind.DECISION,
        actor=actor,
        decision=decision,
        note=_("%(present)s/%(entitled)s hộ tham dự, %(for)s hộ tán thành: %(outcome)s.")
        % {
            "present": households_present,
            "entitled": households_entitled,
            "for": votes_for,
            "outcome": outcome,
        },
    )
    return decision


# --- the supervision boards -------------------------------------------------------------------


@transaction.atomic
def board_form(
    *,
    actor,
    unit: Unit,
    kind: str,
    term_start: datetime.date,
    term_end: datetime.date | None = None,
    recognised_by: str = "",
    members: Sequence[tuple[str, str, str]] = (),
) -> SupervisionBoard:
    """Record a board recognised for a term, with its members (name, role, hamlet)."""
    scoping.require(actor, Capability.RECORD, unit)
    if kind not in BoardKind.values:
        raise ValidationError({"kind": _("Loại ban không hợp lệ.")})
    if term_end is not None and term_end <= term_start:
        raise ValidationError({"term_end": _("Nhiệm kỳ phải kết thúc sau khi bắt đầu.")})
    _commune(unit, term_start)
    overlapping = SupervisionBoard.objects.filter(unit=unit, kind=kind).exclude(term_end__lt=term_start)
    if term_end is not None:
        overlapping = overlapping.filter(term_start__lte=term_end)
    if overlapping.exists():
        raise ValidationError(
            {"term_start": _("%(unit)s đã có ban này trong nhiệm kỳ trùng thời gian.") % {"unit": unit.name}}
        )
    board = SupervisionBoard.objects.create(
        unit=unit,
        kind=kind,
        term_start=term_start,
        term_end=term_end,
        recognised_by=_text(recognised_by, field="recognised_by", required=False, max_length=200),
        created_by=actor,
    )
    for name, role, hamlet_name in members:
        _member_create(board, name, role, hamlet_name, term_start)
    _event(unit=unit, kind=EventKind.BOARD_FORMED, actor=actor, board=board, note=board.recognised_by)
    return board


def _member_create(board, name, role, hamlet_name, joined_on) -> BoardMember:
    if role not in MemberRole.values:
        raise ValidationError({"role": _("Chức danh không hợp lệ.")})
    return BoardMember.objects.create(
        board=board,
        name=_text(name, field="name", max_length=120),
        role=role,
        hamlet_name=_text(hamlet_name, field="hamlet_name", required=False, max_length=120),
        joined_on=joined_on,
    )


@transaction.atomic
def member_add(
    *, actor, board: SupervisionBoard, name: str, role: str, joined_on: datetime.date, hamlet_name: str = ""
) -> BoardMember:
    scoping.require(actor, Capability.RECORD, board.unit)
    if not board.in_term(joined_on):
        raise ValidationError({"joined_on": _("Ngày bắt đầu phải trong nhiệm kỳ của ban.")})
    member = _member_create(board, name, role, hamlet_name, joined_on)
    _event(
        unit=board.unit,
        kind=EventKind.MEMBER,
        actor=actor,
        board=board,
        note=_("Thêm %(name)s.") % {"name": member.name},
    )
    return member


@transaction.atomic
def member_leave(*, actor, member: BoardMember, left_on: datetime.date) -> BoardMember:
    member = BoardMember.objects.select_for_update().select_related("board__unit").get(pk=member.pk)
    scoping.require(actor, Capability.RECORD, member.board.unit)
    if member.left_on is not None or left_on < member.joined_on:
        raise ValidationError({"left_on": _("Ngày thôi làm thành viên không hợp lệ.")})
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    _event(
        unit=member.board.unit,
        kind=EventKind.MEMBER,
        actor=actor,
        board=member.board,
        note=_("%(name)s thôi làm thành viên.") % {"name": member.name},
    )
    return member


@transaction.atomic
def board_activity_record(
    *,
    actor,
    board: SupervisionBoard,
    title: str,
    held_on: datetime.date,
    subject: str = "",
    findings: str = "",
    recommendations: Sequence[tuple[str, str, datetime.date | None]] = (),
) -> BoardActivity:
    """One supervision by the board, recorded as an ``activities`` supervision (so the periodic
    supervision figures count it) with its recommendations followed there."""
    scoping.require(actor, Capability.RECORD, board.unit)
    if not board.in_term(held_on):
        raise ValidationError({"held_on": _("Ngày giám sát phải trong nhiệm kỳ của ban.")})
    activity = supervision.activity_record(
        actor=actor,
        unit=board.unit,
        organiser=board.kind,
        kind=SupervisionKind.SUPERVISION,
        title=title,
        held_on=held_on,
        subject=subject,
        findings=findings,
        recommendations=list(recommendations),
    )
    link = BoardActivity.objects.create(board=board, activity=activity)
    _event(unit=board.unit, kind=EventKind.SUPERVISION, actor=actor, board=board, note=activity.title)
    return link


@transaction.atomic
def board_recommendation_update(
    *, actor, recommendation: Recommendation, status: str, response: str = "", settled_on=None
) -> Recommendation:
    """Follow a board's recommendation through ``activities`` and note it on the board's timeline."""
    link = (
        BoardActivity.objects.select_related("board__unit")
        .filter(activity_id=recommendation.activity_id)
        .first()
    )
    if link is None:
        raise ValidationError(_("Kiến nghị này không thuộc hoạt động của ban."))
    recommendation = supervision.recommendation_update(
        actor=actor, recommendation=recommendation, status=status, response=response, settled_on=settled_on
    )
    _event(
        unit=link.board.unit,
        kind=EventKind.RECOMMENDATION,
        actor=actor,
        board=link.board,
        note=f"{recommendation.get_status_display()}: {recommendation.text[:200]}",
    )
    return recommendation
