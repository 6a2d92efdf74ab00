"""Criteria sets: read them, draft one, edit it while unused, make a new version, publish it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts import scoping
from danvan.accounts.decorators import member_required
from danvan.accounts.roles import ROLE_CAPABILITIES, Capability
from danvan.units.models import Unit
from danvan.units.selectors import units_top_level, valid_on_q

from . import criteria, selectors
from .forms import CriteriaRowFormSet, CriteriaSetCreateForm, CriteriaSetHeaderForm, GradeFormSet
from .models import CriteriaSet
from .views import errors_to_form


def _visible(request, pk: int) -> CriteriaSet:
    try:
        return selectors.criteria_sets_visible_to(user=request.user).get(pk=pk)
    except CriteriaSet.DoesNotExist as error:
        raise Http404(_("Không tìm thấy bộ tiêu chí.")) from error


def _issuing_units(user):
    """The units where the user holds a board (APPROVE) membership: where they may issue criteria."""
    ids = [
        m.unit_id for m in scoping.active_memberships(user) if Capability.APPROVE in ROLE_CAPABILITIES[m.role]
    ]
    return Unit.objects.filter(pk__in=ids).filter(valid_on_q(timezone.localdate())).order_by("path")


@member_required
def criteria_list(request):
    sets = list(selectors.criteria_set_list(user=request.user))
    return render(
        request,
        "emulation/criteria_list.html",
        {
            "sets": sets,
            "may_create": request.user.is_superuser or _issuing_units(request.user).exists(),
        },
    )


@member_required
def criteria_create(request):
    units = _issuing_units(request.user)
    if not (request.user.is_superuser or units.exists()):
        raise PermissionDenied(
            _("Chỉ Ban Thường vụ, Ban Dân vận (vai trò thẩm định) mới ban hành bộ tiêu chí.")
        )
    form = CriteriaSetCreateForm(
        request.POST or None,
        # Administrators issue the defaults or a province's set; boards issue their own unit's.
        units=(units | units_top_level(day=timezone.localdate())).order_by("path")
        if request.user.is_superuser
        else units,
        allow_default=request.user.is_superuser,
        initial={"unit": units.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = criteria.criteria_set_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Đã tạo bản nháp. Hãy sửa tiêu chí rồi bấm “Áp dụng”."))
            return redirect("emulation:criteria_edit", pk=created.pk)
    return render(
        request, "emulation/criteria_create.html", {"form": form}, status=400 if form.errors else 200
    )


def _content(criteria_set: CriteriaSet) -> list[tuple]:
    return [(group, list(group.criteria.all())) for group in criteria_set.groups.prefetch_related("criteria")]


@member_required
def criteria_detail(request, pk: int):
    criteria_set = _visible(request, pk)
    versions = CriteriaSet.objects.filter(subject=criteria_set.subject, unit=criteria_set.unit).order_by(
        "-version"
    )
    if criteria_set.unit is None:
        versions = CriteriaSet.objects.filter(subject=criteria_set.subject, unit__isnull=True).order_by(
            "-version"
        )
    return render(
        request,
        "emulation/criteria_detail.html",
        {
            "criteria_set": criteria_set,
            "content": _content(criteria_set),
            "grades": list(criteria_set.grades.all()),
            "max_total": criteria_set.max_total,
            "versions": versions,
            "may_edit": criteria.may_edit(request.user, criteria_set),
            "uses": criteria_set.assessments.count(),
        },
    )


def _initial_rows(criteria_set: CriteriaSet) -> list[dict]:
    rows = []
    for group, items in _content(criteria_set):
        rows.append({"kind": criteria.GROUP, "code": group.code, "text": group.title})
        rows += [
            {
                "kind": criteria.CRITERION,
                "code": c.code,
                "text": c.text,
                "max_points": c.max_points,
                "evidence": c.evidence,
            }
            for c in items
        ]
    return rows


@member_required
def criteria_edit(request, pk: int):
    criteria_set = _visible(request, pk)
    if not criteria.may_edit(request.user, criteria_set):
        raise PermissionDenied(_("Bạn không có quyền sửa bộ tiêu chí này."))
    if not criteria_set.is_editable:
        messages.error(request, _("Bộ tiêu chí đã được dùng để chấm điểm; hãy tạo phiên bản mới để sửa."))
        return redirect("emulation:criteria_detail", pk=pk)
    data = request.POST or None
    header = CriteriaSetHeaderForm(
        data, initial={"name": criteria_set.name, "description": criteria_set.description}
    )
    rows = CriteriaRowFormSet(data, prefix="rows", initial=_initial_rows(criteria_set))
    grades = GradeFormSet(
        data,
        prefix="grades",
        initial=[
            {"label": g.label, "min_points": g.min_points, "qualifies": g.qualifies}
            for g in criteria_set.grades.all()
        ],
    )
    problems: list[str] = []
    if request.method == "POST" and header.is_valid() and rows.is_valid() and grades.is_valid():
        row_data = [
            criteria.Row(
                kind=f.cleaned_data["kind"],
                code=f.cleaned_data.get("code") or "",
                text=f.cleaned_data["text"],
                max_points=f.cleaned_data.get("max_points"),
                evidence=f.cleaned_data.get("evidence") or "",
            )
            for f in rows.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        grade_data = [
            criteria.Grade(f.cleaned_data["label"], f.cleaned_data["min_points"], f.cleaned_data["qualifies"])
            for f in grades.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            criteria.criteria_set_update(
                actor=request.user,
                criteria_set=criteria_set,
                name=header.cleaned_data["name"],
                description=header.cleaned_data["description"],
                rows=row_data,
                grades=grade_data,
            )
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("Đã lưu bộ tiêu chí."))
            return redirect("emulation:criteria_detail", pk=pk)
    invalid = request.method == "POST"
    return render(
        request,
        "emulation/criteria_edit.html",
        {
            "criteria_set": criteria_set,
            "header": header,
            "rows": rows,
            "grades": grades,
            "problems": problems,
        },
        status=400 if invalid else 200,
    )


@member_required
@require_POST
def criteria_revise(request, pk: int):
    criteria_set = _visible(request, pk)
    try:
        draft = criteria.criteria_set_revise(actor=request.user, criteria_set=criteria_set)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("emulation:criteria_detail", pk=pk)
    messages.success(
        request, _("Đã tạo phiên bản %(version)s (bản nháp) để sửa.") % {"version": draft.version}
    )
    return redirect("emulation:criteria_edit", pk=draft.pk)


@member_required
@require_POST
def criteria_publish(request, pk: int):
    criteria_set = _visible(request, pk)
    try:
        criteria.criteria_set_publish(actor=request.user, criteria_set=criteria_set)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Đã áp dụng phiên bản %(version)s; các phiếu chấm mới dùng phiên bản này.")
            % {"version": criteria_set.version},
        )
    return redirect("emulation:criteria_detail", pk=pk)
