"""Thin views: the landing page, a data set's grid, the entry form and its workflow, completeness."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts import scoping
from danvan.accounts.decorators import member_required
from danvan.accounts.roles import Capability
from danvan.units.choices import Level
from danvan.units.models import Unit
from danvan.units.selectors import unit_ancestors

from . import selectors, services, supervision
from .choices import STATE_COLOUR, EventKind, Source, State, ValueType
from .forms import ApproveForm, EntryForm, PeriodUnitForm, ReturnForm, entry_layout
from .models import DataSet
from .periods import Period, PeriodError, recent
from .validation import Schema
from .values import format_number

GRID_PERIODS = 4
GRID_UNITS = 50


def _data_set(code: str) -> DataSet:
    return get_object_or_404(DataSet, code=code)


def _period(data_set: DataSet, key: str) -> Period:
    try:
        return data_set.period(key)
    except PeriodError as error:
        raise Http404(str(error)) from error


def _visible_unit(request, pk: int) -> Unit:
    unit = selectors.unit_visible(user=request.user, pk=pk)
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị."))
    return unit


def entry_url(data_set: DataSet, unit: Unit, period: Period) -> str:
    return reverse("activities:entry", args=[data_set.code, unit.pk, period.key])


@member_required
def index(request):
    user = request.user
    return render(
        request,
        "activities/index.html",
        {
            "data_sets": selectors.data_sets_active(),
            "open_forms": selectors.my_open_forms(user=user)[:20],
            "awaiting": selectors.awaiting_approval(user=user)[:20],
            "counters": selectors.recommendation_counters(user=user),
            "state_colour": STATE_COLOUR,
        },
    )


@member_required
def data_set_grid(request, code: str):
    """The units the user reaches × the last periods, each cell the state of that form."""
    data_set = _data_set(code)
    today = timezone.localdate()
    try:
        last = data_set.period(request.GET["den"]) if request.GET.get("den") else None
    except PeriodError:
        last = None
    current = Period.of(data_set.period_type, today)
    last = last if last is not None and not last.is_future(today) else current
    periods = [last.shift(-i) for i in range(GRID_PERIODS)]
    units_qs = selectors.units_for_entry(
        user=request.user,
        data_set=data_set,
        first=periods[-1].start,
        last=last.end,
        capability=Capability.VIEW,
    )
    page = Paginator(units_qs.select_related("parent"), GRID_UNITS).get_page(request.GET.get("trang"))
    found = selectors.submissions_by_unit_period(data_set=data_set, units=list(page), periods=periods)
    rows = []
    for unit in page:
        cells = []
        for period in periods:
            exists = unit.valid_from <= period.end and (
                unit.valid_to is None or unit.valid_to >= period.start
            )
            cells.append({"period": period, "submission": found.get((unit.pk, period.key)), "exists": exists})
        rows.append({"unit": unit, "cells": cells})
    return render(
        request,
        "activities/data_set.html",
        {
            "data_set": data_set,
            "periods": periods,
            "rows": rows,
            "page": page,
            "older": last.shift(-GRID_PERIODS).key,
            "newer": last.shift(GRID_PERIODS).key if not last.shift(GRID_PERIODS).is_future(today) else "",
            "schema": Schema(data_set),
            "can_record": not scoping.scope_for(request.user, Capability.RECORD).is_empty,
        },
    )


def _display(cell, value) -> str:
    if value is None or value == "":
        return ""
    if cell is not None and isinstance(value, str):
        return dict(cell.element.option_list).get(value, value)
    if cell is not None and cell.element.value_type == ValueType.BOOLEAN:
        return _("Có") if value else _("Không")
    return format_number(value)


def _entry_context(request, data_set, unit, period, *, form=None, violations=None) -> dict:
    user = request.user
    submission = services.submission_for(data_set=data_set, unit=unit, period=period)
    schema = Schema(data_set)
    stored = services.cells_of(submission)
    recorded = supervision.recorded_counts(data_set=data_set, unit=unit, period=period)
    problem = ""
    try:
        services.check_reporting(data_set=data_set, unit=unit, period=period)
    except ValidationError as error:
        problem = error.messages[0]
    can_record = scoping.can(user, Capability.RECORD, unit)
    editable = can_record and not problem and (submission is None or submission.is_editable)
    if form is None:
        initial_cells = dict(stored)
        if submission is None:
            initial_cells.update({key: number for key, number in recorded.items() if key not in stored})
        version = submission.version if submission else 0
        form = EntryForm(schema, initial=EntryForm.initial_from(schema, initial_cells, version))
    if violations is None:
        violations = (
            services.evaluate(schema=schema, submission=submission, cells=stored)
            if submission is not None
            else []
        )
    can_approve = submission is not None and scoping.can(user, Capability.APPROVE, unit)
    return {
        "data_set": data_set,
        "unit": unit,
        "ancestors": unit_ancestors(unit=unit),
        "period": period,
        "dates": period.dates(cutoff=data_set.uses_cutoff),
        "due": period.due_date(data_set.days_to_submit),
        "previous": period.previous(),
        "next": None if period.next().is_future(timezone.localdate()) else period.next(),
        "submission": submission,
        "form": form,
        "sections": entry_layout(form, violations, recorded, stored, _display),
        "violations": violations,
        "blocking": [v for v in violations if v.blocking],
        "problem": problem,
        "editable": editable,
        "can_record": can_record,
        "has_sources": any(e.source for e in schema.elements),
        "recorded_total": sum(recorded.values()),
        "recorded_activities": sum(
            n
            for key, n in recorded.items()
            if schema.by_key[key].element.source in (Source.SUPERVISIONS, Source.CRITIQUES)
        ),
        "recorded_recommendations": sum(
            n for key, n in recorded.items() if schema.by_key[key].element.source == Source.RECOMMENDATIONS
        ),
        "approve_form": ApproveForm() if can_approve and submission.state == State.SUBMITTED else None,
        "return_form": ReturnForm() if can_approve and submission.state in State.reported() else None,
        "timeline": selectors.submission_timeline(submission=submission) if submission else [],
        "state_colour": STATE_COLOUR.get(submission.state if submission else "", "#6b7280"),
        "event_refused": EventKind.SUBMIT_REFUSED,
    }


@member_required
def entry(request, code: str, unit_id: int, period_key: str):
    """The form of one data set for one unit and period: enter, check, save as draft, submit."""
    data_set = _data_set(code)
    unit = _visible_unit(request, unit_id)
    period = _period(data_set, period_key)
    if request.method != "POST":
        return render(request, "activities/entry.html", _entry_context(request, data_set, unit, period))
    if not scoping.can(request.user, Capability.RECORD, unit):
        raise PermissionDenied(_("Bạn không có quyền nhập số liệu cho %(unit)s.") % {"unit": unit.name})
    schema = Schema(data_set)
    form = EntryForm(schema, request.POST)
    action = request.POST.get("action", "save")
    if not form.is_valid():
        form.add_error(None, _("Chưa lưu: có ô nhập chưa đúng, xem thông báo bên cạnh từng ô."))
        context = _entry_context(request, data_set, unit, period, form=form)
        return render(request, "activities/entry.html", context, status=400)
    figures = form.figures()
    if action == "check":
        cells = {key: (f.text or f.number) for key, f in figures.items() if f is not None}
        submission = services.submission_for(data_set=data_set, unit=unit, period=period)
        violations = services.evaluate(
            schema=schema, submission=submission, cells=cells, require_complete=True
        )
        context = _entry_context(request, data_set, unit, period, form=form, violations=violations)
        context["checked"] = True
        return render(request, "activities/entry.html", context)
    version = form.cleaned_data.get("version")
    try:
        outcome = services.submission_save(
            actor=request.user,
            data_set=data_set,
            unit=unit,
            period=period,
            cells=figures,
            expected_version=version,
        )
        if action == "submit":
            outcome = services.submission_submit(
                actor=request.user, submission=outcome.submission, expected_version=outcome.submission.version
            )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return render(
            request,
            "activities/entry.html",
            _entry_context(request, data_set, unit, period, form=form),
            status=400,
        )
    if action == "submit" and not outcome.submitted:
        messages.error(
            request,
            _("Báo cáo chưa được gửi vì số liệu chưa khớp %(n)s quy tắc kiểm tra; số liệu đã được lưu nháp.")
            % {"n": len(outcome.blocking)},
        )
        saved_form = EntryForm(
            schema,
            initial=EntryForm.initial_from(
                schema, services.cells_of(outcome.submission), outcome.submission.version
            ),
        )
        context = _entry_context(
            request, data_set, unit, period, form=saved_form, violations=outcome.violations
        )
        return render(request, "activities/entry.html", context)
    if action == "submit":
        messages.success(request, _("Đã gửi báo cáo %(period)s lên cấp trên.") % {"period": period.label})
    elif outcome.blocking:
        messages.warning(
            request,
            _("Đã lưu nháp. Số liệu còn %(n)s chỗ chưa khớp quy tắc kiểm tra; hãy sửa trước khi gửi.")
            % {"n": len(outcome.blocking)},
        )
    else:
        messages.success(request, _("Đã lưu nháp."))
    return redirect(entry_url(data_set, unit, period))


@member_required
@require_POST
def entry_action(request, code: str, unit_id: int, period_key: str, action: str):
    """Approve, return for correction, fill from supervisions, or re-run the rules."""
    data_set = _data_set(code)
    unit = _visible_unit(request, unit_id)
    period = _period(data_set, period_key)
    submission = services.submission_for(data_set=data_set, unit=unit, period=period)
    user = request.user
    try:
        version = int(request.POST.get("version") or 0) or None
    except ValueError:
        version = None
    try:
        if action == "fill":
            services.submission_fill_from_activities(
                actor=user,
                data_set=data_set,
                unit=unit,
                period=period,
                expected_version=version if submission else 0,
            )
            messages.success(request, _("Đã lấy số từ các cuộc giám sát, phản biện đã ghi nhận."))
        elif submission is None:
            raise Http404(_("Chưa có báo cáo."))
        elif action == "approve":
            form = ApproveForm(request.POST)
            form.is_valid()
            services.submission_approve(
                actor=user,
                submission=submission,
                note=form.cleaned_data.get("note", ""),
                expected_version=version,
            )
            messages.success(request, _("Đã duyệt báo cáo; số liệu đã được khóa."))
        elif action == "return":
            form = ReturnForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.submission_return(
                actor=user, submission=submission, reason=reason, expected_version=version
            )
            messages.success(request, _("Đã trả lại báo cáo để đơn vị sửa."))
        elif action == "validate":
            violations = services.submission_validate(actor=user, submission=submission)
            blocking = sum(1 for v in violations if v.blocking)
            if violations:
                messages.warning(
                    request,
                    _("Đã kiểm tra: %(blocking)s lỗi, %(other)s cảnh báo.")
                    % {"blocking": blocking, "other": len(violations) - blocking},
                )
            else:
                messages.success(request, _("Đã kiểm tra: số liệu khớp mọi quy tắc."))
        else:
            raise Http404
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(entry_url(data_set, unit, period))


def _period_unit_form(request, data_set: DataSet, capability: str = Capability.VIEW):
    """The period and root-unit pickers, with defaults: the last finished period, the user's top unit."""
    today = timezone.localdate()
    periods = recent(data_set.period_type, today=today, count=12)
    roots = selectors.scope_roots(user=request.user, capability=capability)
    scope = scoping.scope_for(request.user, capability)
    if not scope.everything:
        roots += list(
            Unit.objects.filter(scope.q("path"), level__in=[Level.PROVINCE, Level.DISTRICT])
            .exclude(pk__in=[u.pk for u in roots])
            .order_by("path")[:300]
        )
    default_period = periods[1] if len(periods) > 1 and not periods[0].is_over(today) else periods[0]
    data = {"ky": default_period.key, "don_vi": str(roots[0].pk) if roots else ""}
    data.update({k: v for k, v in request.GET.items() if k in ("ky", "don_vi") and v})
    form = PeriodUnitForm(data, periods=periods, units=roots)
    if not form.is_valid():
        form = PeriodUnitForm(
            {"ky": default_period.key, "don_vi": data["don_vi"]} if roots else {},
            periods=periods,
            units=roots,
        )
        form.is_valid()
    period = data_set.period(form.cleaned_data.get("ky", default_period.key))
    root = next(
        (u for u in roots if str(u.pk) == form.cleaned_data.get("don_vi")), roots[0] if roots else None
    )
    return form, period, root


@member_required
def completeness(request, code: str):
    data_set = _data_set(code)
    form, period, root = _period_unit_form(request, data_set)
    if root is None:
        raise PermissionDenied(_("Bạn chưa được giao đơn vị nào."))
    result = selectors.completeness(data_set=data_set, period=period, root=root)
    rows = result.missing if request.GET.get("chua_gui") else result.rows
    schema = Schema(data_set)
    totals = selectors.summary(data_set=data_set, period=period, root=root)
    summary_rows = []
    for cell in schema.cells:
        if cell.element.value_type == ValueType.OPTION:
            for option_code, option_name in cell.element.option_list:
                number = totals["options"].get((cell.element.code, option_code))
                summary_rows.append(
                    (f"{cell.label}: {option_name}", format_number(number) if number else "0")
                )
        elif cell.element.value_type in (ValueType.INTEGER, ValueType.NUMBER):
            summary_rows.append((cell.label, format_number(totals["sums"].get(cell.key) or 0)))
    return render(
        request,
        "activities/completeness.html",
        {
            "data_set": data_set,
            "form": form,
            "period": period,
            "root": root,
            "result": result,
            "rows": rows,
            "only_missing": bool(request.GET.get("chua_gui")),
            "states": [(value, label, result.count(value)) for value, label in State.choices],
            "state_colour": STATE_COLOUR,
            "summary_rows": summary_rows,
            "today": timezone.localdate(),
        },
    )


@member_required
def validation_run(request, code: str):
    """Run the rules now over every form of the period under a unit, and list what disagrees."""
    data_set = _data_set(code)
    form, period, root = _period_unit_form(request, data_set)
    if root is None:
        raise PermissionDenied(_("Bạn chưa được giao đơn vị nào."))
    results = services.validation_run(actor=request.user, data_set=data_set, period=period, root=root)
    return render(
        request,
        "activities/validation.html",
        {
            "data_set": data_set,
            "form": form,
            "period": period,
            "root": root,
            "results": results,
            "violation_total": sum(len(v) for _s, v in results),
            "state_colour": STATE_COLOUR,
        },
    )
