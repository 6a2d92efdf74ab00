"""Shared helpers for the periodic-figures tests."""

from __future__ import annotations

from decimal import Decimal

from danvan.activities import services
from danvan.activities.models import DataSet
from danvan.activities.periods import Period
from danvan.activities.values import Figure

DOSSIERS = "ho-so-thu-tuc-hanh-chinh"
SUPERVISION = "giam-sat-phan-bien"
TRAINING = "tap-huan"
DEMOCRACY = "dan-chu-co-so"
RATING = "chinh-quyen-than-thien"

# A quarter the test communes (valid from 1 July 2025) existed in, long over.
QUARTER = Period("quarter", 2025, 4)


def data_set(code: str = DOSSIERS) -> DataSet:
    return DataSet.objects.get(code=code)


def figures(**cells) -> dict[str, Figure | None]:
    """``figures(received=100, settled_on_time=90)``; ``option__x`` for ``option.x``; None clears."""
    result = {}
    for key, value in cells.items():
        key = key.replace("__", ".")
        if value is None:
            result[key] = None
        elif isinstance(value, str):
            result[key] = Figure(text=value)
        else:
            result[key] = Figure(number=Decimal(value))
    return result


def save(actor, unit, period: Period = QUARTER, code: str = DOSSIERS, **cells):
    return services.submission_save(
        actor=actor, data_set=data_set(code), unit=unit, period=period, cells=figures(**cells)
    )


def consistent(**extra) -> dict:
    return {
        "received": 100,
        "settled_on_time": 80,
        "settled_late": 5,
        "in_progress": 10,
        "returned": 5,
        **extra,
    }
