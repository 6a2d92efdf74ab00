"""Writes to the pre-aggregates. Called by domain services inside their own transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.db import IntegrityError, connection, transaction
from django.db.models import Aggregate, Expression, F, Max, QuerySet, Value
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


def _upsert(model, key: dict, delta: int, create: Callable[[], dict] = dict) -> None:
    """``create()`` gives the new row's other columns; it is only called when the row is new."""
    if model.objects.filter(**key).update(value=F("value") + delta):
        return
    try:
        with transaction.atomic():
            model.objects.create(value=delta, **create(), **key)
    except IntegrityError:  # another transaction created it first
        model.objects.filter(**key).update(value=F("value") + delta)


def count_add(*, measure: str, unit: Unit, yyyymm: int, dims: Sequence[str] = (), delta: int = 1) -> None:
    """Add ``delta`` to one cell and to its nation and province roll-ups; safe when transactions race."""
    dims_ = _dims(dims)
    _upsert(
        MonthlyCount,
        {"measure": measure, "unit": unit, "yyyymm": yyyymm, **dims_},
        delta,
        lambda: unit_ancestor_codes(unit=unit),
    )
    for root_id in rollup_roots(unit.path):
        key = {"measure": measure, "root_id": root_id, "yyyymm": yyyymm, "level": unit.level, **dims_}
        _upsert(RollupCount, key, delta)


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
