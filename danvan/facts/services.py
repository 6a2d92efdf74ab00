"""Writes to the pre-aggregates. Called by domain services inside their own transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.db import IntegrityError, transaction
from django.db.models import F

from danvan.units.models import Unit
from danvan.units.selectors import unit_ancestor_codes

from .models import MonthlyCount

# measure prefix -> function yielding (measure, unit, yyyymm, dims, value) from the facts
_SOURCES: dict[str, Callable[[], Iterable[tuple[str, Unit, int, Sequence[str], int]]]] = {}


# measure prefix -> function counting straight from the facts between two days (for partial months)
COUNTERS: dict[str, Callable] = {}


def register_source(
    prefix: str, rows: Callable[[], Iterable[tuple[str, Unit, int, Sequence[str], int]]], counter: Callable
) -> None:
    """A domain app declares how to recompute its measures, and how to count them by day, from its facts.

    ``counter(measure=, path=, start=, end=, by=)`` returns {dimension values: count}
    for the facts under ``path`` between two days, with the same dimensions as the cells.
    """
    _SOURCES[prefix] = rows
    COUNTERS[prefix] = counter


def _dims(dims: Sequence[str]) -> dict[str, str]:
    values = [str(d or "")[:60] for d in dims] + ["", "", ""]
    return {"dim_a": values[0], "dim_b": values[1], "dim_c": values[2]}


def count_add(*, measure: str, unit: Unit, yyyymm: int, dims: Sequence[str] = (), delta: int = 1) -> None:
    """Add ``delta`` to one cell, creating it on first use; safe when two transactions race."""
    key = {"measure": measure, "unit": unit, "yyyymm": yyyymm, **_dims(dims)}
    if MonthlyCount.objects.filter(**key).update(value=F("value") + delta):
        return
    try:
        with transaction.atomic():
            MonthlyCount.objects.create(value=delta, **unit_ancestor_codes(unit=unit), **key)
    except IntegrityError:
        MonthlyCount.objects.filter(**key).update(value=F("value") + delta)


@transaction.atomic
def aggregates_rebuild(*, prefixes: Sequence[str] | None = None) -> dict[str, int]:
    """Recompute the measures of the given sources (all by default) from the facts."""
    chosen = prefixes or sorted(_SOURCES)
    written: dict[str, int] = {}
    codes_cache: dict[int, dict[str, str]] = {}
    for prefix in chosen:
        MonthlyCount.objects.filter(measure__startswith=prefix).delete()
        cells: dict[tuple, int] = {}
        for measure, unit, yyyymm, dims, value in _SOURCES[prefix]():
            key = (measure, unit.pk, yyyymm, *_dims(dims).values())
            cells[key] = cells.get(key, 0) + value
            if unit.pk not in codes_cache:
                codes_cache[unit.pk] = unit_ancestor_codes(unit=unit)
        rows = [
            MonthlyCount(
                measure=m, unit_id=u, yyyymm=ym, dim_a=a, dim_b=b, dim_c=c, value=v, **codes_cache[u]
            )
            for (m, u, ym, a, b, c), v in cells.items()
        ]
        MonthlyCount.objects.bulk_create(rows, batch_size=2000)
        written[prefix] = len(rows)
    return written


def sources() -> list[str]:
    return sorted(_SOURCES)
