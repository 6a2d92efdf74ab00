"""Reads over the pre-aggregates: sums for a set of subtrees (with shares) and a month range."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Q, Sum

from .models import MonthlyCount

DIMS = ("dim_a", "dim_b", "dim_c")


def counts(
    *, measure: str, parts: Sequence[tuple[str, Decimal]], first: int, last: int, by: Sequence[str] = ()
) -> dict[tuple, Decimal]:
    """Sum ``measure`` over the subtrees ``parts`` ((path, share) pairs) and months first..last.

    ``by`` names the dimensions to keep ("dim_a", …); the result maps their values
    to the (share-weighted) sum; ``()`` maps to the total.
    """
    result: dict[tuple, Decimal] = defaultdict(Decimal)
    by = tuple(by)
    for share, group in _group_by_share(parts).items():
        path_filter = Q()
        for path in group:
            path_filter |= Q(unit__path__under=path)
        cells = MonthlyCount.objects.filter(path_filter, measure=measure, yyyymm__gte=first, yyyymm__lte=last)
        if not by:
            value = cells.aggregate(total=Sum("value"))["total"]
            if value:
                result[()] += Decimal(value) * share
            continue
        for row in cells.values_list(*by).annotate(total=Sum("value")).order_by():
            result[tuple(row[:-1])] += Decimal(row[-1]) * share
    return dict(result)


def _group_by_share(parts: Sequence[tuple[str, Decimal]]) -> dict[Decimal, list[str]]:
    grouped: dict[Decimal, list[str]] = defaultdict(list)
    for path, share in parts:
        grouped[Decimal(share)].append(path)
    return grouped


def total(*, measure: str, parts: Sequence[tuple[str, Decimal]], first: int, last: int) -> Decimal:
    return counts(measure=measure, parts=parts, first=first, last=last).get((), Decimal(0))
