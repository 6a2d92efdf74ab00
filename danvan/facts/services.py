"""Writes to the pre-aggregates. Called by domain services inside their own transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from django.db import connection, transaction
from django.db.models import Aggregate, Expression, F, Max, QuerySet, UniqueConstraint, Value
from django.db.models.functions import Coalesce

from danvan.units.models import Unit
from danvan.units.selectors import unit_ancestor_codes

from .models import MonthlyCount, RollupCount

# measure prefix -> function returning querysets grouped into cells (see ``register_source``)
_SOURCES: dict[str, Callable[[], Iterable[QuerySet]]] = {}


# measure prefix -> function counting straight from the facts between two days (for partial months)
COUNTERS: dict[str, Callable] = {}

# Cell querysets name their columns with this prefix, so they cannot clash with the facts' own fields.
CELL = "cell_"
LEVELS_WITH_CODES = ("province", "district", "commune")
CODE_FIELDS = tuple(f"{level}_code" for level in LEVELS_WITH_CODES)
# Roll-ups are kept for the first two levels of every path: the nation and the provinces.
ROLLUP_DEPTH = 2


def register_source(prefix: str, cells: Callable[[], Iterable[QuerySet]], counter: Callable) -> None:
    """A domain app declares how to recompute its measures, and how to count them by day, from its facts.

    ``cells()`` returns querysets grouped by cell whose selected names are MonthlyCount's columns
    prefixed with ``cell_`` (measure, unit_id, yyyymm, dim_a..c, province/district/commune_code,
    value); the rebuild inserts them with one INSERT … SELECT each, so it never walks the facts
    in Python. ``counter(measure=, path=, start=, end=, by=)`` returns {dimension values: count}
    for the facts under ``path`` between two days, with the same dimensions as the cells.
    """
    _SOURCES[prefix] = cells
    COUNTERS[prefix] = counter


def cells(
    queryset: QuerySet,
    *,
    measure: Expression,
    unit: str,
    yyyymm: Expression,
    dims: Sequence[Expression],
    codes: str,
    value: Aggregate,
) -> QuerySet:
    """``queryset`` grouped into cells for ``aggregates_rebuild``.

    ``unit`` is the lookup of the unit counted under, ``codes`` the lookup prefix of the row that
    carries that unit's province/district/commune codes (MAX only makes them one value per cell).
    """
    padded = [*dims, *[Value("")] * (3 - len(dims))]
    grouped = {
        f"{CELL}measure": measure,
        f"{CELL}unit_id": F(unit),
        f"{CELL}yyyymm": yyyymm,
        **{f"{CELL}dim_{x}": Coalesce(dim, Value("")) for x, dim in zip("abc", padded, strict=True)},
    }
    return (
        queryset.order_by()
        .values(**grouped)
        .annotate(
            **{f"{CELL}{level}_code": Max(f"{codes}{level}_code") for level in LEVELS_WITH_CODES},
            **{f"{CELL}value": value},
        )
    )


def _dims(dims: Sequence[str]) -> dict[str, str]:
    values = [str(d or "")[:60] for d in dims] + ["", "", ""]
    return {"dim_a": values[0], "dim_b": values[1], "dim_c": values[2]}


def rollup_roots(path: str) -> list[int]:
    """The nation and the province above (or at) the unit with ``path``: the RollupCount roots."""
    return [int(part) for part in path.strip("/").split("/")[:ROLLUP_DEPTH]]


def _unique_columns(model) -> list[str]:
    [constraint] = [c for c in model._meta.constraints if isinstance(c, UniqueConstraint)]
    return [model._meta.get_field(name).column for name in constraint.fields]


def _add(model, rows: Sequence[dict], delta: int) -> None:
    """Add ``delta`` to each row's cell, creating the cells missing, in one statement.

    ``INSERT … ON CONFLICT DO UPDATE`` (PostgreSQL and SQLite alike): no read first, and no
    savepoint to catch the unique violation when another transaction creates the cell at once.
    """
    quote = connection.ops.quote_name
    names = list(rows[0])
    columns = [model._meta.get_field(name).column for name in names]
    table, value = quote(model._meta.db_table), quote("value")
    one = "(" + ", ".join(["%s"] * (len(names) + 1)) + ")"
    sql = (
        f"INSERT INTO {table} ({', '.join(map(quote, columns))}, {value}) "
        f"VALUES {', '.join([one] * len(rows))} "
        f"ON CONFLICT ({', '.join(map(quote, _unique_columns(model)))}) "
        f"DO UPDATE SET {value} = {table}.{value} + EXCLUDED.{value}"
    )
    params = [p for row in rows for p in (*(row[name] for name in names), delta)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def count_add(
    *,
    measure: str,
    unit: Unit,
    yyyymm: int,
    dims: Sequence[str] = (),
    delta: int = 1,
    codes: Mapping[str, str] | None = None,
) -> None:
    """Add ``delta`` to one cell and to its nation and province roll-ups; safe when transactions race.

    ``codes`` are the unit's province/district/commune codes, when the caller has them at hand
    (a fact row carries them): the cell is then written without reading anything. Without them,
    they are looked up only when the cell has to be created.
    """
    dims_ = _dims(dims)
    cell = {"measure": measure, "unit": unit.pk, "yyyymm": yyyymm, **dims_}
    if codes is not None:
        _add(MonthlyCount, [{**cell, **{name: codes[name] for name in CODE_FIELDS}}], delta)
    elif not MonthlyCount.objects.filter(**cell).update(value=F("value") + delta):
        _add(MonthlyCount, [{**cell, **unit_ancestor_codes(unit=unit)}], delta)
    # The roots in path order, nation first: concurrent writers lock the shared rows in one order.
    roots = dict.fromkeys(rollup_roots(unit.path))
    key = {"measure": measure, "yyyymm": yyyymm, "level": unit.level, **dims_}
    _add(RollupCount, [{"root": root, **key} for root in roots], delta)


@transaction.atomic
def aggregates_rebuild(*, prefixes: Sequence[str] | None = None) -> dict[str, int]:
    """Recompute the measures of the given sources (all by default) from the facts, in SQL."""
    chosen = prefixes or sorted(_SOURCES)
    table = connection.ops.quote_name(MonthlyCount._meta.db_table)
    written: dict[str, int] = {}
    for prefix in chosen:
        MonthlyCount.objects.filter(measure__startswith=prefix).delete()
        written[prefix] = 0
        for queryset in _SOURCES[prefix]():
            query = queryset.query
            names = [*query.values_select, *query.annotation_select]
            columns = ", ".join(
                connection.ops.quote_name(MonthlyCount._meta.get_field(name.removeprefix(CELL)).column)
                for name in names
            )
            sql, params = query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {table} ({columns}) SELECT * FROM ({sql}) cells", params)
                written[prefix] += cursor.rowcount
    _rollups_rebuild(chosen)
    return written


def _rollups_rebuild(prefixes: Sequence[str]) -> None:
    """RollupCount from MonthlyCount: every cell added to the roots of its unit, in one statement."""
    quote = connection.ops.quote_name
    cells, rollups, units = (quote(model._meta.db_table) for model in (MonthlyCount, RollupCount, Unit))
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE facts_rollup_root (unit_id bigint, root_id bigint)")
        try:
            pairs = [
                (pk, root)
                for pk, path in Unit.objects.values_list("pk", "path").iterator(chunk_size=10_000)
                for root in rollup_roots(path)
            ]
            cursor.executemany("INSERT INTO facts_rollup_root (unit_id, root_id) VALUES (%s, %s)", pairs)
            for prefix in prefixes:
                RollupCount.objects.filter(measure__startswith=prefix).delete()
                cursor.execute(
                    f"INSERT INTO {rollups} (measure, root_id, yyyymm, level, dim_a, dim_b, dim_c, value) "
                    "SELECT c.measure, r.root_id, c.yyyymm, u.level, c.dim_a, c.dim_b, c.dim_c, "
                    "SUM(c.value) "
                    f"FROM {cells} c JOIN {units} u ON u.id = c.unit_id "
                    "JOIN facts_rollup_root r ON r.unit_id = c.unit_id "
                    "WHERE c.measure LIKE %s "
                    "GROUP BY c.measure, r.root_id, c.yyyymm, u.level, c.dim_a, c.dim_b, c.dim_c",
                    [prefix + "%"],  # source prefixes hold no LIKE wildcards
                )
        finally:
            cursor.execute("DROP TABLE facts_rollup_root")


def sources() -> list[str]:
    return sorted(_SOURCES)
