from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts import scoping
from danvan.accounts.decorators import member_required
from danvan.accounts.roles import Capability
from danvan.units.choices import Level
from danvan.units.models import Organisation, Unit
from danvan.units.selectors import valid_on_q

from . import exports, permissions, selectors, services
from .forms import (
    AcceptForm,
    AnswerForm,
    AttachmentForm,
    CloseForm,
    ForwardForm,
    InboxFilterForm,
    MergeForm,
    NoteForm,
    PetitionCreateForm,
    ReasonForm,
)
from .lifecycle import allowed_events
from .models import Petition

PAGE_SIZE = 25


def _filters(request) -> tuple[InboxFilterForm, selectors.InboxFilters]:
    form = InboxFilterForm(request.GET or None)
    filters = selectors.InboxFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.InboxFilters(
            status=data["status"],
            kind=data["kind"],
            channel=data["channel"],
            topic=data["topic"],
            unit=data["don_vi"],
            overdue=data["overdue"],
            due_this_week=data["due_this_week"],
            query=data["q"],
            sort=data["sort"] or "-received_at",
        )
    return form, filters


FILTERS_CACHE_SECONDS = 60


def _blank_filters_html() -> str:
    """The filter form of an unfiltered inbox, the same for every officer: rendering its widgets
    was a third of an inbox page's time. Rendered once a minute per language (the topics it lists
    may change)."""
    return cache.get_or_set(
        f"inbox-filters:{get_language()}",
        lambda: render_to_string("petitions/_inbox_filters.html", {"form": InboxFilterForm()}),
        FILTERS_CACHE_SECONDS,
    )


@member_required
def inbox(request):
    form, filters = _filters(request)
    petitions = selectors.petition_inbox(user=request.user, filters=filters)
    counters = selectors.petition_counters_cached(user=request.user)
    paginator = Paginator(petitions, PAGE_SIZE)
    if selectors.inbox_unfiltered(filters):
        paginator.count = counters["total"]  # the same number: do not count the rows twice
    page = paginator.get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "petitions/inbox.html",
        {
            "form": form,
            "filters_html": None if query else _blank_filters_html(),
            "page": page,
            "counters": counters,
            "today": timezone.localdate(),
            "query_string": query.urlencode(),
            "can_record": not scoping.scope_for(request.user, Capability.RECORD).is_empty,
        },
    )


@member_required
def inbox_export(request):
    _form, filters = _filters(request)
    petitions = selectors.petition_inbox(user=request.user, filters=filters)
    content = exports.petitions_xlsx(petitions=petitions, user=request.user)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="y-kien-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


def _record_units(user):
    scope = scoping.scope_for(user, Capability.RECORD)
    return (
        Unit.objects.filter(scope.q("path"))
        .filter(valid_on_q(timezone.localdate()))
        .exclude(level__in=[Level.NATION, Level.DISTRICT])
        .order_by("path")
    )


@member_required
def petition_create(request):
    if scoping.scope_for(request.user, Capability.RECORD).is_empty:
        raise PermissionDenied(_("Bạn không có quyền ghi nhận ý kiến."))
    form = PetitionCreateForm(
        request.POST or None, units=_record_units(request.user), topics=selectors.topics_for_choice()
    )
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.petition_receive(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("Đã ghi nhận ý kiến %(code)s. Mã PIN cho người dân: %(pin)s (chỉ hiện một lần).")
                % {"code": receipt.petition.tracking_code, "pin": receipt.pin},
            )
            return redirect("petitions:detail", pk=receipt.petition.pk)
    return render(request, "petitions/create.html", {"form": form}, status=400 if form.errors else 200)


@member_required
def topic_suggest(request):
    """The topic select with the suggested topic, unless the official has chosen another one."""
    topics = selectors.topics_for_choice()
    text = f"{request.GET.get('title', '')}. {request.GET.get('text', '')}"
    suggested = selectors.suggest_topic_for(text=text, topics=topics).topic
    current, last = request.GET.get("topic", ""), request.GET.get("topic_suggested", "")
    keep = current if current and current != last else None
    form = PetitionCreateForm(topics=topics, initial={"topic": keep or (suggested.pk if suggested else None)})
    return render(
        request,
        "petitions/_topic_suggest.html",
        {"field": form["topic"], "suggested": suggested.pk if suggested and not keep else last},
    )


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _get_visible(request, pk: int) -> Petition:
    try:
        return selectors.petition_detail(user=request.user, pk=pk)
    except Petition.DoesNotExist as error:
        raise Http404(_("Không tìm thấy ý kiến.")) from error


def _action_forms(petition: Petition, user, bound: dict | None = None) -> dict:
    initial = {"version": petition.version}
    allowed = allowed_events(petition.status)
    may_record = permissions.may_record(user, petition)
    may_handle = permissions.may_handle(user, petition)
    forms = {}
    organisations = Organisation.objects.filter(unit=petition.handling_unit, is_active=True)
    if may_record and "answered_on_spot" in allowed:
        forms["answer_on_spot"] = AnswerForm(initial=initial, prefix="answer_on_spot")
    if may_record and "accepted" in allowed:
        forms["accept"] = AcceptForm(initial=initial, prefix="accept", organisations=organisations)
    if may_handle and "answered" in allowed:
        forms["answer"] = AnswerForm(initial=initial, prefix="answer")
    if may_record and "forwarded" in allowed:
        forms["forward"] = ForwardForm(initial=initial, prefix="forward")
    if may_record and "extended" in allowed and petition.due_date:
        forms["extend"] = ReasonForm(initial=initial, prefix="extend")
    if may_record and "merged" in allowed:
        forms["merge"] = MergeForm(initial=initial, prefix="merge")
    if may_record and "rejected" in allowed:
        forms["reject"] = ReasonForm(initial=initial, prefix="reject")
    if may_record and "reopened" in allowed:
        forms["reopen"] = ReasonForm(initial=initial, prefix="reopen")
    if may_record and "closed" in allowed:
        forms["close"] = CloseForm(initial=initial, prefix="close")
    if may_record or may_handle:
        forms["note"] = NoteForm(prefix="note")
        forms["attach"] = AttachmentForm(prefix="attach")
    forms.update(bound or {})
    return forms


ACTION_LABELS = {
    "answer_on_spot": _("Trả lời tại chỗ"),
    "accept": _("Thụ lý và giao xử lý"),
    "answer": _("Trả lời"),
    "forward": _("Chuyển cấp có thẩm quyền"),
    "extend": _("Gia hạn"),
    "merge": _("Gộp vào ý kiến khác"),
    "reject": _("Không thụ lý"),
    "reopen": _("Mở lại"),
    "close": _("Kết thúc"),
    "note": _("Ghi chú nội bộ"),
    "attach": _("Đính kèm tệp"),
}


def _detail_context(request, petition: Petition, bound: dict | None = None) -> dict:
    forms = _action_forms(petition, request.user, bound)
    return {
        "petition": petition,
        "timeline": selectors.petition_timeline(petition=petition),
        "actions": [(name, ACTION_LABELS[name], form) for name, form in forms.items()],
        "show_identity": permissions.may_see_identity(request.user, petition),
        "today": timezone.localdate(),
        "attachments": petition.attachments.all(),
        "opinion": getattr(petition, "opinion", None),
    }


@member_required
def petition_detail(request, pk: int):
    petition = _get_visible(request, pk)
    return render(request, "petitions/detail.html", _detail_context(request, petition))


def _run(action: str, form, request, petition: Petition):
    data, user = form.cleaned_data, request.user
    version = data.get("version")
    if action == "answer_on_spot":
        return services.petition_answer_on_spot(
            actor=user, petition=petition, answer=data["answer"], expected_version=version
        )
    if action == "accept":
        return services.petition_accept(
            actor=user,
            petition=petition,
            organisation=data["organisation"],
            note=data["note"],
            expected_version=version,
        )
    if action == "answer":
        return services.petition_answer(
            actor=user, petition=petition, answer=data["answer"], expected_version=version
        )
    if action == "forward":
        return services.petition_forward(
            actor=user,
            petition=petition,
            to_unit=data["to_unit"],
            reason=data["reason"],
            expected_version=version,
        )
    if action == "extend":
        return services.petition_extend(
            actor=user, petition=petition, reason=data["reason"], expected_version=version
        )
    if action == "merge":
        return services.petition_merge(
            actor=user, petition=petition, into=data["into"], reason=data["reason"], expected_version=version
        )
    if action == "reject":
        return services.petition_reject(
            actor=user, petition=petition, reason=data["reason"], expected_version=version
        )
    if action == "reopen":
        return services.petition_reopen(
            actor=user, petition=petition, reason=data["reason"], expected_version=version
        )
    if action == "close":
        return services.petition_close(actor=user, petition=petition, expected_version=version)
    if action == "attach":
        return services.petition_attach(
            actor=user, petition=petition, upload=data["upload"], is_public=data["is_public"]
        )
    return services.petition_note(actor=user, petition=petition, text=data["text"])


FORM_CLASSES = {
    "answer_on_spot": AnswerForm,
    "accept": AcceptForm,
    "answer": AnswerForm,
    "forward": ForwardForm,
    "extend": ReasonForm,
    "merge": MergeForm,
    "reject": ReasonForm,
    "reopen": ReasonForm,
    "close": CloseForm,
    "note": NoteForm,
    "attach": AttachmentForm,
}


@member_required
@require_POST
def petition_action(request, pk: int, action: str):
    petition = _get_visible(request, pk)
    if action not in FORM_CLASSES:
        raise Http404
    kwargs = {"prefix": action}
    if action == "accept":
        kwargs["organisations"] = Organisation.objects.filter(unit=petition.handling_unit, is_active=True)
    form = FORM_CLASSES[action](request.POST, request.FILES, **kwargs)
    status = 200
    if form.is_valid():
        try:
            _run(action, form, request, petition)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            if not request.htmx:
                messages.success(request, _("Đã cập nhật: %(action)s.") % {"action": ACTION_LABELS[action]})
                return redirect("petitions:detail", pk=pk)
            petition = _get_visible(request, pk)
            context = _detail_context(request, petition)
            context["flash"] = _("Đã cập nhật: %(action)s.") % {"action": ACTION_LABELS[action]}
            return render(request, "petitions/_main.html", context)
    # htmx swaps only 2xx answers, so it gets the form with its errors as 200; a plain POST gets 400.
    status = 200 if request.htmx else 400
    petition = _get_visible(request, pk)
    template = "petitions/_main.html" if request.htmx else "petitions/detail.html"
    return render(request, template, _detail_context(request, petition, {action: form}), status=status)


@member_required
def attachment_download(request, pk: int, attachment_pk: int):
    """A petition's file, for those who may see the petition; citizens' uploads are never public by URL."""
    from django.http import FileResponse

    petition = _get_visible(request, pk)
    attachment = petition.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404(_("Không tìm thấy tệp."))
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
