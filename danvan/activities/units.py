"""The unit-tree questions periodic figures ask: ancestor codes, who reports a data set, when."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from danvan.units.choices import Level
from danvan.units.models import Unit

from .periods import Period

CODE_LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)


def ancestor_codes(unit: Unit) -> dict[str, str]:
    """The unit's province, district and commune codes (its own among them), copied onto fact rows."""
    return ancestor_codes_bulk([unit])[unit.pk]


def ancestor_codes_bulk(units: list[Unit]) -> dict[int, dict[str, str]]:
    """``ancestor_codes`` for many units with one query."""
    ids = {pk for unit in units for pk in unit.ancestor_ids}
    rows = Unit.objects.filter(pk__in=ids, level__in=CODE_LEVELS).values_list("pk", "level", "code")
    nodes = {pk: (level, code) for pk, level, code in rows}
    result = {}
    for unit in units:
        codes = {"province_code": "", "district_code": "", "commune_code": ""}
        chain = [nodes[pk] for pk in unit.ancestor_ids if pk in nodes] + [(unit.level, unit.code)]
        for level, code in chain:
            if level in CODE_LEVELS:
                codes[f"{level}_code"] = code
        result[unit.pk] = codes
    return result


def valid_during_q(period: Period, prefix: str = "") -> Q:
    """Units that existed at some time during the period."""
    return Q(**{f"{prefix}valid_from__lte": period.end}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": period.start})
    )


def exists_during(unit: Unit, period: Period) -> bool:
    return unit.valid_from <= period.end and (unit.valid_to is None or unit.valid_to >= period.start)


def reporting_units(*, data_set, root: Unit, period: Period) -> QuerySet[Unit]:
    """The units under ``root`` (itself included) expected to report ``data_set`` for ``period``."""
    return (
        Unit.objects.filter(path__under=root.path, level__in=data_set.levels)
        .filter(valid_during_q(period))
        .order_by("path")
    )
