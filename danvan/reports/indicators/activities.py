"""Indicators over periodic figures: one per data element of every active data set, split by its
breakdown (e.g. organiser), and the data sets' own validation rules run on the report's totals."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Case, IntegerField, Q, Sum, Value, When

from danvan.activities.models import DataValue
from danvan.activities.selectors import data_sets_with_schema
from danvan.activities.validation import Schema
from danvan.facts.selectors import disjoint
from danvan.units.models import Unit

from .base import IndicatorValue

PREFIX = "activities"


def _values(scope, period):
    """Sum of each cell over the scope, for forms whose whole period lies inside the report's."""
    sums: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    by_share: dict[Decimal, Q] = defaultdict(Q)
    for path, share in scope.parts:
        by_share[Decimal(share)] |= Q(path__under=path)
    # The subtrees as unit ids. A commune with a divided predecessor has two shares: one query for
    # both, each row tagged with its share, unless a part lies within another (then one per share).
    if len(by_share) > 1 and disjoint([path for path, _share in scope.parts]):
        every = Q()
        for paths in by_share.values():
            every |= paths
        tag = Case(
            *(
                When(unit_id__in=Unit.objects.filter(paths).values("pk"), then=Value(index))
                for index, paths in enumerate(by_share.values())
            ),
            output_field=IntegerField(),
        )
        reads = [(every, tag, list(by_share))]
    else:
        reads = [(paths, Value(0), [share]) for share, paths in by_share.items()]
    for paths, tag, shares in reads:
        rows = (
            DataValue.objects.filter(
                unit_id__in=Unit.objects.filter(paths).values("pk"),
                yyyymm__gte=period.first_month,
                yyyymm_end__lte=period.last_month,
                value__isnull=False,
            )
            .annotate(share_index=tag)
            .values_list("share_index", "data_element__data_set__code", "data_element__code", "option_code")
            .annotate(total=Sum("value"))
            .order_by()
        )
        for index, data_set, element, option, total in rows:
            sums[(data_set, element, option)] += Decimal(total) * shares[index]
    return sums


def compute(scope, period) -> tuple[dict[str, IndicatorValue], dict[str, dict]]:
    """(indicator values keyed "activities.<set>.<element>", cells per data set for the rules)."""
    sums = _values(scope, period)
    values: dict[str, IndicatorValue] = {}
    cells: dict[str, dict] = defaultdict(dict)
    data_sets = data_sets_with_schema(codes={k[0] for k in sums}, cached=True)
    for (set_code, element_code, option), total in sorted(sums.items()):
        key = f"{PREFIX}.{set_code}.{element_code}"
        value = values.get(key)
        if value is None:
            data_set = data_sets[set_code]
            element = next((e for e in data_set.element_list if e.code == element_code), None)
            label = element.name if element else element_code
            value = values[key] = IndicatorValue(value=Decimal(0), label=f"{data_set.name}: {label}")
        value.value += total
        if option:
            value.breakdowns.setdefault("option", {})[option] = total
            cells[set_code][f"{element_code}.{option}"] = total
        else:
            cells[set_code][element_code] = total
    return values, {code: (data_sets[code], c) for code, c in cells.items()}


def findings(cells_by_set) -> list:
    from ..validation import Finding

    result = []
    for code, (data_set, cells) in cells_by_set.items():
        for violation in Schema(data_set).check(cells):
            figures = {key: cells[key] for key in violation.cells if isinstance(cells.get(key), Decimal)}
            if violation.left is not None:
                figures["left"] = violation.left
            if violation.right is not None:
                figures["right"] = violation.right
            rule = f"{code}:{violation.rule_id or violation.cell}"
            result.append(Finding(rule=rule, message=violation.message, figures=figures))
    return result
