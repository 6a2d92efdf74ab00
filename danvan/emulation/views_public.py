"""The public showcase: recognised models per unit, for anyone, without logging in.

Only what a recognition decision publishes is shown: the model, its owner, unit, field,
level, decision and the photos the unit chose to publish; never scores or other evidence.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.units.choices import Level
from danvan.units.models import Unit, UnitSuccession
from danvan.units.selectors import unit_ancestors, unit_search, units_top_level

from . import selectors
from .choices import Field, RecognitionLevel, Status
from .models import EmulationModel, Evidence

PAGE_SIZE = 24


def _province_counts() -> list[tuple[Unit, int]]:
    """Current provinces with their recognised models, counting the provinces they succeeded."""
    provinces = list(units_top_level(day=timezone.localdate()))
    prefixes = [(p.path, p) for p in provinces]
    prefixes += [
        (path, next(p for p in provinces if p.pk == successor_id))
        for successor_id, path in UnitSuccession.objects.filter(
            successor__in=provinces, predecessor__level=Level.PROVINCE
        ).values_list("successor_id", "predecessor__path")
    ]
    counts: dict[int, int] = {}
    for path, n in selectors.public_models().values_list("unit__path").annotate(n=Count("pk")).order_by():
        province = next((p for prefix, p in prefixes if path.startswith(prefix)), None)
        if province is not None:
            counts[province.pk] = counts.get(province.pk, 0) + n
    return [(p, counts[p.pk]) for p in provinces if counts.get(p.pk)]


def showcase(request):
    query = (request.GET.get("q") or "").strip()[:100]
    results = list(unit_search(query=query, limit=30)) if query else []
    return render(
        request,
        "emulation/showcase.html",
        {
            "query": query,
            "results": results,
            "provinces": _province_counts(),
            "recent": selectors.public_models().select_related("unit").order_by("-decision_date", "-pk")[:6],
        },
    )


def showcase_unit(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    models = selectors.public_models().filter(selectors.subtree_q(unit)).select_related("unit")
    field = request.GET.get("field") or ""
    level = request.GET.get("level") or ""
    year = request.GET.get("nam") or ""
    by_field = dict(models.values_list("field").annotate(n=Count("pk")).order_by())
    by_level = dict(models.values_list("recognition_level").annotate(n=Count("pk")).order_by())
    if field in Field.values:
        models = models.filter(field=field)
    if level in RecognitionLevel.values:
        models = models.filter(recognition_level=level)
    if year.isdigit():
        models = models.filter(decision_date__year=int(year))
    page = Paginator(models.order_by("-decision_date", "name"), PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "emulation/showcase_unit.html",
        {
            "unit": unit,
            "ancestors": [a for a in unit_ancestors(unit=unit) if a.level != Level.NATION],
            "page": page,
            "fields": [(value, label, by_field.get(value, 0)) for value, label in Field.choices],
            "levels": [(value, label, by_level.get(value, 0)) for value, label in RecognitionLevel.choices],
            "total": sum(by_field.values()),
            "selected": {"field": field, "level": level, "nam": year},
            "query_string": query.urlencode(),
            "children": Unit.objects.filter(parent=unit).order_by("name")[:200],
        },
    )


def showcase_model(request, pk: int):
    try:
        model = selectors.public_model(pk=pk)
    except EmulationModel.DoesNotExist as error:
        raise Http404(_("Không tìm thấy mô hình đã được công nhận.")) from error
    return render(
        request,
        "emulation/showcase_model.html",
        {
            "model": model,
            "photos": list(model.evidence.filter(is_public=True, content_type__startswith="image/")),
            "source": model.replicated_from
            if model.replicated_from and model.replicated_from.is_recognised
            else None,
            "replications": list(
                model.replications.filter(status__in=Status.recognised_values()).select_related("unit")
            ),
        },
    )


def showcase_photo(request, pk: int):
    evidence = get_object_or_404(
        Evidence.objects.select_related("model"),
        pk=pk,
        is_public=True,
        content_type__startswith="image/",
        model__status__in=Status.recognised_values(),
    )
    return FileResponse(evidence.file.open("rb"), content_type=evidence.content_type)
