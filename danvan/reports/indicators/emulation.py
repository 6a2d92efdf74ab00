"""Indicators over "Dân vận khéo" models, counted from the model records (their volumes are small)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from danvan.emulation.choices import Status
from danvan.emulation.models import EmulationModel

from .base import IndicatorValue, indicator


def _recognised(scope, period) -> dict[tuple[str, str, str], Decimal]:
    cells: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    for path, share in scope.parts:
        rows = (
            EmulationModel.objects.filter(
                unit__path__under=path,
                status__in=Status.recognised_values(),
                decision_date__gte=period.start,
                decision_date__lte=period.end,
            )
            .values_list("field", "recognition_level", "kind")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for field, level, kind, n in rows:
            cells[(field, level, kind)] += Decimal(n) * share
    return cells


@indicator(
    key="models_recognised",
    label=_("Mô hình, điển hình “Dân vận khéo” được công nhận"),
    noun=_("mô hình"),
    group="emulation",
    breakdowns=("field", "level", "model_kind"),
)
def models_recognised(scope, period):
    cells = _recognised(scope, period)
    result = IndicatorValue(value=sum(cells.values(), Decimal(0)))
    for index, dim in enumerate(("field", "level", "model_kind")):
        members: dict[str, Decimal] = defaultdict(Decimal)
        for key, value in cells.items():
            members[key[index]] += value
        result.breakdowns[dim] = dict(sorted(members.items()))
    return result
