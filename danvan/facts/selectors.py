"""Reads over the pre-aggregates: sums for a set of subtrees (with shares) and a month range."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal

from django.db.models import Q, Sum

from .models import MonthlyCount, RollupCount
from .services import ROLLUP_DEPTH

DIMS = ("dim_a", "dim_b", "dim_c")


# Columns of a grouped cell row, after the measure: what ``by`` may name.
GROUPED = ("dim_a", "dim_b", "dim_c", "unit__level")
_CACHE: ContextVar[dict | None] = ContextVar("facts_cells_cache", default=None)


@contextmanager
def cells_cache():
    """Within this block, the cells of a scope and month range are read once, all measures at once.

    A report asks for some thirty measures and breakdowns over the same subtrees and months;
    one grouped scan answers all of them, where a query each scanned the same rows thirty times.
    """
    token = _CACHE.set({})
    try:
        yield
    finally:
        _CACHE.reset(token)


def memoised(key: tuple, compute):
    """``compute()``, once per ``key`` within ``cells_cache`` (a report asks the same things twice)."""
    cache = _CACHE.get()
    if cache is None:
        return compute()
    key = ("memo", *key)
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _grouped(
    *, paths: Sequence[str], first: int, last: int, measure: str, month: bool = False
) -> list[tuple]:
    """(dim_a, dim_b, dim_c, unit level[, yyyymm], sum) rows of ``measure`` under ``paths``, months
    first..last. The subtree of a nation or a province is read from its roll-up rows, deeper ones
    from the cells. Within ``cells_cache`` every measure is read at once (without the month)."""
    cache = _CACHE.get()
    use_cache = cache is not None and not month
    key = (tuple(paths), first, last)
    if use_cache and key in cache:
        return cache[key].get(measure, [])
    months = {"yyyymm__gte": first, "yyyymm__lte": last}
    if not use_cache:
        months["measure"] = measure
    extra = ("yyyymm",) if month else ()
    roots = [int(path.strip("/").split("/")[-1]) for path in paths if path.count("/") - 1 <= ROLLUP_DEPTH]
    deep = [path for path in paths if path.count("/") - 1 > ROLLUP_DEPTH]
    rows: list[tuple] = []
    if roots:
        rollups = RollupCount.objects.filter(root_id__in=roots, **months)
        grouped = rollups.values_list("measure", "dim_a", "dim_b", "dim_c", "level", *extra)
        rows += grouped.annotate(total=Sum("value")).order_by()
    if deep:
        path_filter = Q()
        for path in deep:
            path_filter |= Q(unit__path__under=path)
        cells = MonthlyCount.objects.filter(path_filter, **months)
        rows += cells.values_list("measure", *GROUPED, *extra).annotate(total=Sum("value")).order_by()
    by_measure: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        by_measure[row[0]].append(row[1:])
    if use_cache:
        cache[key] = by_measure
    return by_measure.get(measure, [])


def counts(
    *, measure: str, parts: Sequence[tuple[str, Decimal]], first: int, last: int, by: Sequence[str] = ()
) -> dict[tuple, Decimal]:
    """Sum ``measure`` over the subtrees ``parts`` ((path, share) pairs) and months first..last.

    ``by`` names the dimensions to keep ("dim_a", …, "unit__level", "yyyymm"); the result maps
    their values to the (share-weighted) sum; ``()`` maps to the total.
    """
    result: dict[tuple, Decimal] = defaultdict(Decimal)
    columns = (*GROUPED, "yyyymm")
    positions = [columns.index(name) for name in by]
    month = "yyyymm" in by
    for share, group in _group_by_share(parts).items():
        for row in _grouped(paths=group, first=first, last=last, measure=measure, month=month):
            if row[-1]:
                result[tuple(row[i] for i in positions)] += Decimal(row[-1]) * share
    return dict(result)


def _group_by_share(parts: Sequence[tuple[str, Decimal]]) -> dict[Decimal, list[str]]:
    grouped: dict[Decimal, list[str]] = defaultdict(list)
    for path, share in parts:
        grouped[Decimal(share)].append(path)
    return grouped


def total(*, measure: str, parts: Sequence[tuple[str, Decimal]], first: int, last: int) -> Decimal:
    return counts(measure=measure, parts=parts, first=first, last=last).get((), Decimal(0))
