"""Indicators over "Dân vận khéo" models, counted from the model records (their volumes are small)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from danvan.emulation.choices import Status
from danvan.emulation.models import EmulationModel
from danvan.facts.selectors import disjoint

from .base import IndicatorValue, indicator


def _recognised(scope, period) -> dict[tuple[str, str, str], Decimal]:
    cells: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    # One query for every part, each row tagged with its part's share (a commune merged from five
    # read six times); parts lying within one another are read one at a time: a model under both
    # counts for each.
    if disjoint([path for path, _share in scope.parts]):
        by_share: dict[Decimal, Q] = defaultdict(Q)
        for path, share in scope.parts:
            by_share[Decimal(share)] |= Q(unit__path__under=path)
        reads = [by_share]
    else:
        reads = [{Decimal(share): Q(unit__path__under=path)} for path, share in scope.parts]
    for groups in reads:
        shares, subtrees = list(groups), list(groups.values())
        every = Q()
        for subtree in subtrees:
            every |= subtree
        tag = (
            Case(*(When(q, then=Value(i)) for i, q in enumerate(subtrees)), output_field=IntegerField())
            if len(subtrees) > 1
            else Value(0)
        )
        rows = (
            EmulationModel.objects.filter(
                every,
                status__in=Status.recognised_values(),
                decision_date__gte=period.start,
                decision_date__lte=period.end,
            )
            .annotate(share_index=tag)
            .values_list("share_index", "field", "recognition_level", "kind")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for index, field, level, kind, n in rows:
            cells[(field, level, kind)] += Decimal(n) * shares[index]
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
