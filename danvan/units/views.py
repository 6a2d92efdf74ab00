import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts import scoping
from danvan.accounts.decorators import member_required
from danvan.accounts.roles import Capability

from . import selectors, services
from .choices import Level
from .forms import HamletBulkForm, HamletForm, TreeDateForm
from .loading import REFORM_DATE
from .models import Unit


@member_required
def unit_tree(request):
    form = TreeDateForm(request.GET or None)
    day = datetime.date.today()
    query = ""
    if form.is_valid():
        day = form.cleaned_data["ngay"] or day
        query = form.cleaned_data["q"].strip()
    context = {
        "form": form,
        "day": day,
        "query": query,
        "reform_date": REFORM_DATE,
        "day_before_reform": REFORM_DATE - datetime.timedelta(days=1),
    }
    if query:
        results = list(selectors.unit_search(query=query, limit=60))
        for unit in results:
            unit.successor_list = list(selectors.unit_successors(unit=unit)) if unit.valid_to else []
        context["results"] = results
        template = "units/_search_results.html" if request.htmx else "units/tree.html"
        return render(request, template, context)
    context["provinces"] = selectors.units_top_level(day=day)
    return render(request, "units/tree.html", context)


def _detail_context(request, unit: Unit, **extra) -> dict:
    today = datetime.date.today()
    children_day = today if unit.is_valid_on(today) else unit.valid_to
    children = selectors.unit_children(unit=unit, day=children_day if unit.level != Level.COMMUNE else None)
    can_manage = scoping.can(request.user, Capability.MANAGE_UNITS, unit)
    context = {
        "unit": unit,
        "ancestors": selectors.unit_ancestors(unit=unit),
        "children": children,
        "predecessors": selectors.unit_predecessors(unit=unit),
        "successors": selectors.unit_successors(unit=unit),
        "current": selectors.unit_current(unit=unit, day=today),
        "organisations": selectors.unit_organisations(unit=unit),
        "can_manage": can_manage and unit.level == Level.COMMUNE and unit.is_valid_on(today),
        "hamlet_form": HamletForm(prefix="one"),
        "bulk_form": HamletBulkForm(prefix="bulk"),
    }
    context.update(extra)
    return context


@member_required
def unit_detail(request, pk: int):
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=pk)
    return render(request, "units/detail.html", _detail_context(request, unit))


@member_required
@require_POST
def hamlet_add(request, pk: int):
    commune = get_object_or_404(Unit, pk=pk)
    scoping.require(request.user, Capability.MANAGE_UNITS, commune)
    bulk = "bulk-names" in request.POST
    form = HamletBulkForm(request.POST, prefix="bulk") if bulk else HamletForm(request.POST, prefix="one")
    if form.is_valid():
        if bulk:
            text, kind = form.cleaned_data["names"], form.cleaned_data["default_kind"]
        else:
            text, kind = form.as_text(), form.cleaned_data["kind"]
        try:
            hamlets = services.hamlets_create(commune=commune, text=text, default_kind=kind)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Đã thêm %(count)s thôn, tổ dân phố: %(names)s.")
                % {"count": len(hamlets), "names": ", ".join(h.name for h in hamlets)},
            )
            return redirect("units:detail", pk=commune.pk)
    extra = {"bulk_form": form} if bulk else {"hamlet_form": form}
    return render(request, "units/detail.html", _detail_context(request, commune, **extra), status=400)
