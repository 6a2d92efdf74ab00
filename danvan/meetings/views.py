from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts import scoping
from danvan.accounts.decorators import member_required
from danvan.accounts.roles import Capability
from danvan.petitions.selectors import suggest_topic_for, topics_for_choice
from danvan.petitions.views import _errors_to_form
from danvan.units.choices import Level
from danvan.units.models import Unit
from danvan.units.selectors import valid_on_q

from . import calendar, selectors, services
from .forms import ComplianceForm, MeetingForm, OpinionForm, PlanForm
from .models import Meeting, Plan


def _units_for(user, capability: str, levels: list[str]):
    scope = scoping.scope_for(user, capability)
    return (
        Unit.objects.filter(scope.q("path"), level__in=levels)
        .filter(valid_on_q(timezone.localdate()))
        .order_by("path")
    )


@member_required
def meeting_list(request):
    meetings = (
        selectors.meetings_visible_to(user=request.user)
        .exclude(status="planned")
        .order_by("-starts_at")[:100]
    )
    return render(
        request,
        "meetings/list.html",
        {
            "meetings": meetings,
            "upcoming": selectors.meetings_upcoming(user=request.user),
            "can_record": not scoping.scope_for(request.user, Capability.RECORD).is_empty,
        },
    )


@member_required
def meeting_create(request):
    if scoping.scope_for(request.user, Capability.RECORD).is_empty:
        raise PermissionDenied(_("Bạn không có quyền ghi nhận hội nghị."))
    form = MeetingForm(
        request.POST or None,
        request.FILES or None,
        host_units=_units_for(
            request.user, Capability.RECORD, [Level.PROVINCE, Level.DISTRICT, Level.COMMUNE]
        ),
        venue_units=_units_for(request.user, Capability.RECORD, [Level.HAMLET]),
        initial={"starts_at": timezone.localtime().replace(minute=0, second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_record(
                actor=request.user, chairs=form.chairs(), **form.meeting_fields()
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã ghi hội nghị. Hãy nhập các ý kiến được nêu."))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/create.html", {"form": form}, status=400 if form.errors else 200)


def _visible_meeting(request, pk: int) -> Meeting:
    meeting = selectors.meetings_visible_to(user=request.user).filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("Không tìm thấy hội nghị."))
    return meeting


def _opinion_form(meeting: Meeting, data=None, topics=None) -> OpinionForm:
    default_target = (
        meeting.host_unit.parent
        if meeting.host_unit.parent and meeting.host_unit.parent.level != Level.NATION
        else None
    )
    initial = {"forward_to": default_target.code if default_target else ""}
    return OpinionForm(data, topics=topics, initial=initial, prefix="op")


@member_required
def meeting_detail(request, pk: int):
    meeting = _visible_meeting(request, pk)
    can_record = scoping.can(request.user, Capability.RECORD, meeting.host_unit)
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "chairs": meeting.chairs.all(),
            "opinions": meeting.opinions.select_related("topic", "petition"),
            "form": _opinion_form(meeting) if can_record and meeting.status == "held" else None,
            "can_record": can_record,
        },
    )


@member_required
@require_POST
def opinion_add(request, pk: int):
    meeting = _visible_meeting(request, pk)
    topics = topics_for_choice()
    form = _opinion_form(meeting, request.POST, topics=topics)
    opinion = None
    if form.is_valid():
        data = form.cleaned_data
        if data["topic"] is None:
            # Nobody picked a topic (a fast typist outruns the live suggestion): use the suggestion.
            data["topic"] = suggest_topic_for(text=data["text"], topics=topics).topic
        try:
            opinion = services.opinion_add(
                actor=request.user,
                meeting=meeting,
                text=data["text"],
                outcome=data["outcome"],
                topic=data["topic"],
                answer=data["answer"],
                forward_to=data["forward_to"],
                kind=data["kind"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
    if opinion is None:
        if not request.htmx:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect("meetings:detail", pk=pk)
        return render(request, "meetings/_opinion_form.html", {"meeting": meeting, "form": form})
    if not request.htmx:
        return redirect("meetings:detail", pk=pk)
    return render(
        request,
        "meetings/_opinion_added.html",
        {
            "meeting": meeting,
            "opinion": opinion,
            "form": _opinion_form(meeting, topics=topics),
        },
    )


@member_required
def topic_suggest(request):
    """The topic select with the topic suggested for the opinion being typed (classifier, then keywords)."""
    topics = topics_for_choice()
    topic = suggest_topic_for(text=request.GET.get("op-text", ""), topics=topics).topic
    suggested = topic.pk if topic else None
    form = OpinionForm(topics=topics, initial={"topic": suggested}, prefix="op")
    return render(request, "meetings/_topic_select.html", {"field": form["topic"], "suggested": suggested})


@member_required
def compliance_view(request):
    today = timezone.localdate()
    form = ComplianceForm(request.GET or None, initial={"tu": today.replace(month=1, day=1), "den": today})
    scope_units = [m.unit for m in scoping.active_memberships(request.user)]
    report, receptions, unit = None, None, None
    if form.is_valid():
        unit = form.cleaned_data["don_vi"] or (scope_units[0] if scope_units else None)
        start, end = form.cleaned_data["tu"], form.cleaned_data["den"]
    elif not request.GET:
        unit = scope_units[0] if scope_units else None
        start, end = today.replace(month=1, day=1), today
    if unit is not None and (form.is_valid() or not request.GET):
        if not scoping.can(request.user, Capability.VIEW, unit):
            raise PermissionDenied(_("Bạn không có quyền xem số liệu của %(unit)s.") % {"unit": unit.name})
        report = selectors.compliance(unit=unit, start=start, end=end)
        receptions = selectors.reception_compliance(unit=unit, start=start, end=end)
    return render(
        request,
        "meetings/compliance.html",
        {
            "form": form,
            "report": report,
            "receptions": receptions,
            "unit": unit,
            "level_names": {"province": _("Cấp tỉnh"), "district": _("Cấp huyện"), "commune": _("Cấp xã")},
            "chair_groups": {
                "party": _("Người đứng đầu cấp ủy"),
                "government": _("Người đứng đầu chính quyền"),
                "other": _("Người chủ trì khác"),
            },
        },
    )


@member_required
def plan_list(request):
    scope = scoping.scope_for(request.user, Capability.VIEW)
    plans = (
        Plan.objects.filter(scope.q("unit__path"))
        .select_related("unit")
        .prefetch_related("requirements__meeting_type")
    )
    approve_units = _units_for(
        request.user, Capability.APPROVE, [Level.NATION, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE]
    )
    form = PlanForm(request.POST or None)
    if request.method == "POST":
        unit = approve_units.filter(pk=request.POST.get("unit")).first()
        if unit is None:
            raise PermissionDenied(_("Bạn không có quyền ban hành kế hoạch cho đơn vị này."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.plan_create(
                    actor=request.user,
                    unit=unit,
                    number=data["number"],
                    issued_on=data["issued_on"],
                    title=data["title"],
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"],
                    requirements=[
                        {k: data[k] for k in ("meeting_type", "target_level", "times", "frequency")}
                    ],
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Đã lưu kế hoạch %(number)s.") % {"number": data["number"]})
                return redirect("meetings:plans")
    return render(
        request,
        "meetings/plans.html",
        {"plans": plans, "form": form, "approve_units": approve_units},
        status=400 if form.errors else 200,
    )


def public_calendar(request, unit_pk: int):
    unit = get_object_or_404(Unit, pk=unit_pk)
    return render(
        request,
        "meetings/public_calendar.html",
        {
            "unit": unit,
            "meetings": selectors.meetings_public(unit=unit),
            "today": timezone.localdate(),
        },
    )


def public_calendar_ics(request, unit_pk: int):
    unit = get_object_or_404(Unit, pk=unit_pk)
    body = calendar.meetings_ics(
        unit=unit,
        meetings=selectors.meetings_public(unit=unit),
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="lich-{unit.code}.ics"'
    return response


@member_required
def minutes_download(request, pk: int):
    from django.http import FileResponse

    meeting = _visible_meeting(request, pk)
    if not meeting.minutes_file:
        raise Http404(_("Hội nghị chưa có tệp biên bản."))
    return FileResponse(
        meeting.minutes_file.open("rb"),
        as_attachment=True,
        filename=meeting.minutes_file.name.rsplit("/", 1)[-1],
    )
