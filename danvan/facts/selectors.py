"""Reads over the pre-aggregates: sums for a set of subtrees (with shares) and a month range."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from itertools import pairwise

from django.db import connection

from danvan.rawsql import under_sql
from danvan.units.models import Unit

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
    *, groups: Sequence[Sequence[str]], first: int, last: int, measure: str, month: bool = False
) -> list[list[tuple]]:
    """For each group of paths, the (dim_a, dim_b, dim_c, unit level[, yyyymm], sum) rows of
    ``measure`` under its paths, months first..last. The subtree of a nation or a province is read
    from its roll-up rows, deeper ones from the cells. Within ``cells_cache`` every measure is read
    at once (without the month). Several groups are read in one statement, each row tagged with its
    group, so their paths must be disjoint."""
    cache = _CACHE.get()
    use_cache = cache is not None and not month
    key = (tuple(tuple(paths) for paths in groups), first, last)
    if not (use_cache and key in cache):
        by_group = _read(
            groups=groups, first=first, last=last, measure=None if use_cache else measure, month=month
        )
        if not use_cache:
            return [rows.get(measure, []) for rows in by_group]
        cache[key] = by_group
    return [rows.get(measure, []) for rows in cache[key]]


def _read(
    *, groups: Sequence[Sequence[str]], first: int, last: int, measure: str | None, month: bool
) -> list[dict[str, list[tuple]]]:
    """Hand-written SQL: a commune's report is a few milliseconds of SQL, and compiling the same
    grouped querysets through the ORM on every report cost another one or two."""
    quote = connection.ops.quote_name
    extra = ", yyyymm" if month else ""
    several = len(groups) > 1
    group_of_root: dict[int, int] = {}
    deep_by_group: dict[int, list[str]] = {}
    for index, paths in enumerate(groups):
        roots = [int(p.strip("/").split("/")[-1]) for p in paths if p.count("/") - 1 <= ROLLUP_DEPTH]
        group_of_root.update(dict.fromkeys(roots, index))
        if deep := [p for p in paths if p.count("/") - 1 > ROLLUP_DEPTH]:
            deep_by_group[index] = deep
    month_params: list = [first, last] if measure is None else [first, last, measure]

    def months(alias: str) -> str:
        sql = f"{alias}yyyymm >= %s AND {alias}yyyymm <= %s"
        return sql if measure is None else f"{sql} AND {alias}measure = %s"

    by_group: list[dict[str, list[tuple]]] = [defaultdict(list) for _paths in groups]
    if group_of_root:
        # One group: its roots summed together; several: per root, which names its group.
        tag = "root_id" if several else "0"
        roots = list(group_of_root)
        sql = (
            f"SELECT {tag} AS share_group, measure, dim_a, dim_b, dim_c, level{extra}, SUM(value) "
            f"FROM {quote(RollupCount._meta.db_table)} "
            f"WHERE root_id IN ({', '.join(['%s'] * len(roots))}) AND {months('')} "
            f"GROUP BY share_group, measure, dim_a, dim_b, dim_c, level{extra}"
        )
        for row in _rows(sql, [*roots, *month_params]):
            by_group[group_of_root[row[0]] if several else 0][row[1]].append(row[2:])
    if deep_by_group:
        vendor = connection.vendor
        params: list = []
        if several:
            whens = []
            for index, deep in deep_by_group.items():
                condition, condition_params = under_sql("u.path", deep, vendor)
                whens.append(f"WHEN {condition} THEN {index}")
                params += condition_params
            tag = f"CASE {' '.join(whens)} END"
        else:
            tag = "0"
        every = [path for deep in deep_by_group.values() for path in deep]
        under, under_params = under_sql("u.path", every, vendor)
        month_column = ", c.yyyymm" if month else ""
        sql = (
            f"SELECT {tag} AS share_group, c.measure, c.dim_a, c.dim_b, c.dim_c, u.level{month_column}, "
            f"SUM(c.value) FROM {quote(MonthlyCount._meta.db_table)} c "
            f"JOIN {quote(Unit._meta.db_table)} u ON u.id = c.unit_id "
            f"WHERE {under} AND {months('c.')} "
            f"GROUP BY share_group, c.measure, c.dim_a, c.dim_b, c.dim_c, u.level{month_column}"
        )
        for row in _rows(sql, [*params, *under_params, *month_params]):
            by_group[row[0]][row[1]].append(row[2:])
    return by_group


def _rows(sql: str, params: list) -> list[tuple]:
    """Every column is text or an integer the driver already gives as such: Django's per-value
    converters cost ~5 ms on the thousands of groups a commune's report reads."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def disjoint(paths: Sequence[str]) -> bool:
    """Whether no path is another or lies below another ("/1/5/" holds "/1/5/77/")."""
    ordered = sorted(paths)
    return all(not later.startswith(earlier) for earlier, later in pairwise(ordered))


def counts(
    *, measure: str, parts: Sequence[tuple[str, Decimal]], first: int, last: int, by: Sequence[str] = ()
) -> dict[tuple, Decimal]:
    """Sum ``measure`` over the subtrees ``parts`` ((path, share) pairs) and months first..last.

    ``by`` names the dimensions to keep ("dim_a", …, "unit__level", "yyyymm"); the result maps
    their values to the (share-weighted) sum; ``()`` maps to the total.
    """
    columns = (*GROUPED, "yyyymm")
    positions = [columns.index(name) for name in by]
    cells = _weighted(measure=measure, parts=parts, first=first, last=last, month="yyyymm" in by)
    if not positions:
        return {(): sum(cells.values(), Decimal(0))} if cells else {}
    result: dict[tuple, Decimal] = defaultdict(Decimal)
    if len(positions) == 1:
        (position,) = positions
        for key, value in cells.items():
            result[(key[position],)] += value
    else:
        for key, value in cells.items():
            result[tuple(key[i] for i in positions)] += value
    return dict(result)


def _weighted(
    *, measure: str, parts: Sequence[tuple[str, Decimal]], first: int, last: int, month: bool
) -> dict[tuple, Decimal]:
    """(dim_a, dim_b, dim_c, unit level[, yyyymm]) → the share-weighted sum of ``measure``.

    Within ``cells_cache`` once per measure: a report asks for a measure's total and each of its
    breakdowns, and weighing every row again for each cost more than the rest of the report.
    """
    cache = _CACHE.get()
    key = ("weighted", tuple(parts), first, last, measure)
    if cache is not None and not month and key in cache:
        return cache[key]
    by_share = _group_by_share(parts)
    shares = list(by_share)
    groups = list(by_share.values())
    # A commune with a divided predecessor has two shares: one statement for both, unless a path
    # lies within another (a row must belong to one share's paths only).
    if len(groups) > 1 and not disjoint([path for paths in groups for path in paths]):
        read = [
            _grouped(groups=[paths], first=first, last=last, measure=measure, month=month)[0]
            for paths in groups
        ]
    else:
        read = _grouped(groups=groups, first=first, last=last, measure=measure, month=month)
    cells: dict[tuple, Decimal] = defaultdict(Decimal)
    for share, rows in zip(shares, read, strict=True):
        for row in rows:
            if row[-1]:
                cells[row[:-1]] += Decimal(row[-1]) * share
    if cache is not None and not month:
        cache[key] = cells
    return cells


def _group_by_share(parts: Sequence[tuple[str, Decimal]]) -> dict[Decimal, list[str]]:
    grouped: dict[Decimal, list[str]] = defaultdict(list)
    for path, share in parts:
        grouped[Decimal(share)].append(path)
    return grouped


def total(*, measure: str, parts: Sequence[tuple[str, Decimal]], first: int, last: int) -> Decimal:
    return counts(measure=measure, parts=parts, first=first, last=last).get((), Decimal(0))
