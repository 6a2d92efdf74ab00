"""Supervision activities and the follow-up of their recommendations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
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

from . import selectors, supervision
from .choices import Organiser, RecommendationStatus, SupervisionKind
from .forms import ActivityForm, RecommendationForm, RecommendationUpdateForm
from .models import Recommendation, SupervisionActivity

PAGE_SIZE = 25


def _record_units(user):
    scope = scoping.scope_for(user, Capability.RECORD)
    return (
        Unit.objects.filter(scope.q("path"))
        .filter(valid_on_q(timezone.localdate()))
        .filter(level__in=[Level.PROVINCE, Level.DISTRICT, Level.COMMUNE])
        .order_by("path")
    )


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        for message in error.messages:
            form.add_error(None, message)


@member_required
def activity_list(request):
    organiser = request.GET.get("chu_the", "")
    kind = request.GET.get("hinh_thuc", "")
    open_only = bool(request.GET.get("chua_xong"))
    activities = selectors.activity_list(
        user=request.user,
        organiser=organiser if organiser in Organiser.values else "",
        kind=kind if kind in SupervisionKind.values else "",
        open_only=open_only,
    )
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "activities/supervision_list.html",
        {
            "page": page,
            "counters": selectors.recommendation_counters(user=request.user),
            "organisers": Organiser.choices,
            "kinds": SupervisionKind.choices,
            "organiser": organiser,
            "kind": kind,
            "open_only": open_only,
            "query_string": query.urlencode(),
            "can_record": not scoping.scope_for(request.user, Capability.RECORD).is_empty,
        },
    )


@member_required
def activity_create(request):
    if scoping.scope_for(request.user, Capability.RECORD).is_empty:
        raise PermissionDenied(_("Bạn không có quyền ghi nhận cuộc giám sát."))
    form = ActivityForm(request.POST or None, units=_record_units(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity = supervision.activity_record(
                actor=request.user,
                unit=data["unit"],
                organiser=data["organiser"],
                kind=data["kind"],
                title=data["title"],
                held_on=data["held_on"],
                subject=data["subject"],
                findings=data["findings"],
                recommendations=[
                    (line, data["addressee"], data["due_date"]) for line in data["recommendation_lines"]
                ],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã ghi nhận cuộc giám sát, phản biện."))
            return redirect("activities:supervision_detail", pk=activity.pk)
    return render(
        request, "activities/supervision_create.html", {"form": form}, status=400 if form.errors else 200
    )


def _visible_activity(request, pk: int) -> SupervisionActivity:
    activity = (
        selectors.activities_visible_to(user=request.user).select_related("unit", "created_by").filter(pk=pk)
    )
    found = activity.first()
    if found is None:
        raise Http404(_("Không tìm thấy cuộc giám sát."))
    return found


def _detail_context(request, activity, *, add_form=None, update_forms=None) -> dict:
    can_record = scoping.can(request.user, Capability.RECORD, activity.unit)
    recommendations = list(activity.recommendations.select_related("updated_by").order_by("pk"))
    update_forms = update_forms or {}
    items = []
    for recommendation in recommendations:
        form = update_forms.get(recommendation.pk)
        if form is None and can_record:
            form = RecommendationUpdateForm(
                initial={
                    "status": recommendation.status,
                    "response": recommendation.response,
                    "settled_on": recommendation.settled_on,
                },
                prefix=f"r{recommendation.pk}",
            )
        items.append((recommendation, form))
    return {
        "activity": activity,
        "items": items,
        "can_record": can_record,
        "add_form": add_form or (RecommendationForm() if can_record else None),
        "today": timezone.localdate(),
        "settled": RecommendationStatus.SETTLED,
    }


@member_required
def activity_detail(request, pk: int):
    activity = _visible_activity(request, pk)
    return render(request, "activities/supervision_detail.html", _detail_context(request, activity))


@member_required
@require_POST
def recommendation_add(request, pk: int):
    activity = _visible_activity(request, pk)
    form = RecommendationForm(request.POST)
    if form.is_valid():
        try:
            supervision.recommendation_add(actor=request.user, activity=activity, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã thêm kiến nghị."))
            return redirect("activities:supervision_detail", pk=activity.pk)
    context = _detail_context(request, activity, add_form=form)
    return render(request, "activities/supervision_detail.html", context, status=400)


@member_required
@require_POST
def recommendation_update(request, pk: int):
    recommendation = (
        scoping.scope_to_units(Recommendation.objects.all(), request.user, path_field="activity__unit__path")
        .select_related("activity")
        .filter(pk=pk)
        .first()
    )
    if recommendation is None:
        raise Http404(_("Không tìm thấy kiến nghị."))
    activity = _visible_activity(request, recommendation.activity_id)
    form = RecommendationUpdateForm(request.POST, prefix=f"r{recommendation.pk}")
    if form.is_valid():
        try:
            supervision.recommendation_update(
                actor=request.user, recommendation=recommendation, **form.cleaned_data
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã cập nhật kết quả giải quyết kiến nghị."))
            return redirect("activities:supervision_detail", pk=activity.pk)
    context = _detail_context(request, activity, update_forms={recommendation.pk: form})
    return render(request, "activities/supervision_detail.html", context, status=400)
