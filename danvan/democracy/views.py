"""Officials' pages of grassroots democracy: thin, every rule lives in the services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts import scoping
from danvan.accounts.decorators import member_required
from danvan.accounts.roles import Capability
from danvan.units.choices import Level
from danvan.units.models import Unit
from danvan.units.selectors import valid_on_q

from . import selectors, services
from .forms import (
    AttachmentForm,
    BoardActivityForm,
    BoardForm,
    ConcludeForm,
    ConsultationForm,
    DecisionForm,
    OpinionRecordForm,
    PostingForm,
    PublishForm,
    TakeDownForm,
)


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _record_units(user, levels=(Level.COMMUNE,)):
    scope = scoping.scope_for(user, Capability.RECORD)
    return (
        Unit.objects.filter(scope.q("path"), level__in=levels)
        .filter(valid_on_q(timezone.localdate()))
        .order_by("path")
    )


def _require_recorder(user) -> None:
    if scoping.scope_for(user, Capability.RECORD).is_empty:
        raise PermissionDenied(_("Bạn không có quyền ghi nhận hồ sơ dân chủ ở cơ sở."))


def _one(qs, pk: int, message: str):
    found = qs.filter(pk=pk).first()
    if found is None:
        raise Http404(message)
    return found


def _form_page(request, form, *, title: str, intro: str = "", warning: str = ""):
    context = {"form": form, "title": title, "intro": intro, "warning": warning}
    return render(request, "democracy/form.html", context, status=400 if form.errors else 200)


@member_required
def index(request):
    user = request.user
    today = timezone.localdate()
    return render(
        request,
        "democracy/index.html",
        {
            "dues": selectors.dues(user=user, today=today)[:100],
            "taken_down": selectors.taken_down_early(user=user)[:50],
            "postings": selectors.postings_visible_to(user=user).filter(posted_on__isnull=False)[:30],
            "consultations": selectors.consultations_visible_to(user=user)[:30],
            "decisions": selectors.decisions_visible_to(user=user)[:30],
            "boards": selectors.boards_visible_to(user=user)[:30],
            "can_record": not scoping.scope_for(user, Capability.RECORD).is_empty,
            "today": today,
        },
    )


# --- public board -----------------------------------------------------------------------------


@member_required
def posting_create(request):
    _require_recorder(request.user)
    form = PostingForm(
        request.POST or None,
        request.FILES or None,
        units=_record_units(request.user),
        hamlets=_record_units(request.user, (Level.HAMLET,)),
        initial={"posted_on": timezone.localdate(), "is_public": True},
    )
    warning = ""
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("attachment")
        try:
            posting = services.posting_record(actor=request.user, **data)
            if upload is not None:
                services.attachment_add(actor=request.user, posting=posting, upload=upload)
        except ValidationError as error:
            _errors_to_form(form, error)
            if any(e.code == "short_period" for e in getattr(error, "error_dict", {}).get("period_end", [])):
                warning = _(
                    "Thời gian niêm yết ngắn hơn luật định. Ghi lý do vào ô bên dưới nếu vẫn tiếp tục."
                )
        else:
            messages.success(request, _("Đã ghi nội dung công khai."))
            return redirect("democracy:posting", pk=posting.pk)
    return _form_page(request, form, title=_("Ghi nội dung công khai"), warning=warning)


def _posting(request, pk):
    return _one(selectors.postings_visible_to(user=request.user), pk, _("Không tìm thấy nội dung công khai."))


def _posting_page(request, posting, *, publish=None, take_down=None, attach=None, status=200):
    can_record = scoping.can(request.user, Capability.RECORD, posting.unit)
    today = timezone.localdate()
    return render(
        request,
        "democracy/posting.html",
        {
            "posting": posting,
            "events": selectors.timeline(posting=posting),
            "can_record": can_record,
            "publish_form": publish
            or (PublishForm(initial={"posted_on": today}) if can_record and not posting.posted_on else None),
            "take_down_form": take_down
            or (
                TakeDownForm(initial={"taken_down_on": today})
                if can_record and posting.posted_on and not posting.taken_down_on
                else None
            ),
            "attach_form": attach or (AttachmentForm() if can_record else None),
        },
        status=status,
    )


@member_required
def posting_detail(request, pk: int):
    return _posting_page(request, _posting(request, pk))


@member_required
@require_POST
def posting_publish(request, pk: int):
    posting = _posting(request, pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.posting_publish(actor=request.user, posting=posting, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã niêm yết."))
            return redirect("democracy:posting", pk=pk)
    return _posting_page(request, posting, publish=form, status=400)


@member_required
@require_POST
def posting_take_down(request, pk: int):
    posting = _posting(request, pk)
    form = TakeDownForm(request.POST)
    if form.is_valid():
        try:
            services.posting_take_down(actor=request.user, posting=posting, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã gỡ niêm yết."))
            return redirect("democracy:posting", pk=pk)
    return _posting_page(request, posting, take_down=form, status=400)


@member_required
@require_POST
def posting_attach(request, pk: int):
    posting = _posting(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                actor=request.user, posting=posting, upload=form.cleaned_data["attachment"]
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã đính kèm tệp."))
            return redirect("democracy:posting", pk=pk)
    return _posting_page(request, posting, attach=form, status=400)


@member_required
def attachment_download(request, pk: int, attachment_pk: int):
    posting = _posting(request, pk)
    attachment = _one(posting.attachments.all(), attachment_pk, _("Không tìm thấy tệp."))
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


# --- consultations ----------------------------------------------------------------------------


@member_required
def consultation_create(request):
    _require_recorder(request.user)
    form = ConsultationForm(
        request.POST or None,
        units=_record_units(request.user),
        hamlets=_record_units(request.user, (Level.HAMLET,)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã đưa dự thảo ra lấy ý kiến."))
            return redirect("democracy:consultation", pk=consultation.pk)
    return _form_page(request, form, title=_("Lấy ý kiến Nhân dân về dự thảo"))


def _consultation(request, pk):
    return _one(selectors.consultations_visible_to(user=request.user), pk, _("Không tìm thấy dự thảo."))


def _consultation_page(request, consultation, *, opinion_form=None, conclude_form=None, status=200):
    can_record = scoping.can(request.user, Capability.RECORD, consultation.unit)
    today = timezone.localdate()
    state = consultation.state(today)
    hamlets = Unit.objects.filter(parent=consultation.unit, level=Level.HAMLET)
    return render(
        request,
        "democracy/consultation.html",
        {
            "consultation": consultation,
            "state": state,
            "tally": selectors.consultation_tally(consultation=consultation),
            "opinions": consultation.opinions.select_related("hamlet", "group"),
            "groups": consultation.groups.all(),
            "events": selectors.timeline(consultation=consultation),
            "opinion_form": opinion_form
            or (
                OpinionRecordForm(hamlets=hamlets, initial={"received_on": today})
                if can_record and state == "open"
                else None
            ),
            "conclude_form": conclude_form
            or (ConcludeForm(initial={"concluded_on": today}) if can_record and state == "closed" else None),
        },
        status=status,
    )


@member_required
def consultation_detail(request, pk: int):
    return _consultation_page(request, _consultation(request, pk))


@member_required
@require_POST
def opinion_record(request, pk: int):
    consultation = _consultation(request, pk)
    form = OpinionRecordForm(
        request.POST, hamlets=Unit.objects.filter(parent=consultation.unit, level=Level.HAMLET)
    )
    if form.is_valid():
        try:
            services.opinion_record(actor=request.user, consultation=consultation, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã ghi ý kiến."))
            return redirect("democracy:consultation", pk=pk)
    return _consultation_page(request, consultation, opinion_form=form, status=400)


@member_required
@require_POST
def consultation_conclude(request, pk: int):
    consultation = _consultation(request, pk)
    form = ConcludeForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_conclude(
                actor=request.user,
                consultation=consultation,
                summary=form.cleaned_data["summary"],
                concluded_on=form.cleaned_data["concluded_on"],
                groups=form.groups(),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã tổng hợp ý kiến và công khai kết quả."))
            return redirect("democracy:consultation", pk=pk)
    return _consultation_page(request, consultation, conclude_form=form, status=400)


# --- decisions --------------------------------------------------------------------------------


@member_required
def decision_create(request):
    _require_recorder(request.user)
    form = DecisionForm(
        request.POST or None,
        request.FILES or None,
        units=_record_units(request.user, (Level.HAMLET, Level.COMMUNE)),
        initial={"ballots_invalid": 0},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["ballots_invalid"] = data["ballots_invalid"] or 0
        try:
            decision = services.decision_record(actor=request.user, **data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã ghi kết quả Nhân dân bàn và quyết định."))
            return redirect("democracy:decision", pk=decision.pk)
    return _form_page(
        request,
        form,
        title=_("Ghi kết quả Nhân dân bàn và quyết định"),
        intro=_("Hội nghị hợp lệ và nội dung được thông qua theo tỷ lệ của từng nội dung (cột căn cứ)."),
    )


@member_required
def decision_detail(request, pk: int):
    decision = _one(selectors.decisions_visible_to(user=request.user), pk, _("Không tìm thấy kết quả."))
    return render(
        request,
        "democracy/decision.html",
        {"decision": decision, "events": selectors.timeline(decision=decision)},
    )


@member_required
def decision_minutes(request, pk: int):
    decision = _one(selectors.decisions_visible_to(user=request.user), pk, _("Không tìm thấy kết quả."))
    if not decision.minutes_file:
        raise Http404(_("Kết quả này chưa có tệp biên bản."))
    return FileResponse(
        decision.minutes_file.open("rb"),
        as_attachment=True,
        filename=decision.minutes_file.name.rsplit("/", 1)[-1],
    )


# --- supervision boards -----------------------------------------------------------------------


@member_required
def board_create(request):
    _require_recorder(request.user)
    form = BoardForm(request.POST or None, units=_record_units(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("members")
        try:
            board = services.board_form(actor=request.user, members=form.member_rows(), **data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã ghi ban và thành viên."))
            return redirect("democracy:board", pk=board.pk)
    return _form_page(request, form, title=_("Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng"))


def _board_page(request, board, *, activity_form=None, status=200):
    can_record = scoping.can(request.user, Capability.RECORD, board.unit)
    return render(
        request,
        "democracy/board.html",
        {
            "board": board,
            "members": board.members.all(),
            "activities": selectors.board_activities(board=board),
            "events": selectors.timeline(board=board),
            "activity_form": activity_form or (BoardActivityForm() if can_record else None),
            "today": timezone.localdate(),
        },
        status=status,
    )


def _board(request, pk):
    return _one(selectors.boards_visible_to(user=request.user), pk, _("Không tìm thấy ban."))


@member_required
def board_detail(request, pk: int):
    return _board_page(request, _board(request, pk))


@member_required
@require_POST
def board_activity(request, pk: int):
    board = _board(request, pk)
    form = BoardActivityForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        lines = [line.strip() for line in data["recommendations"].splitlines() if line.strip()]
        try:
            services.board_activity_record(
                actor=request.user,
                board=board,
                title=data["title"],
                held_on=data["held_on"],
                subject=data["subject"],
                findings=data["findings"],
                recommendations=[(line, data["addressee"], data["due_date"]) for line in lines],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã ghi hoạt động giám sát của ban."))
            return redirect("democracy:board", pk=pk)
    return _board_page(request, board, activity_form=form, status=400)
