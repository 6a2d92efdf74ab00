"""Reads over the unit tree, shared by views, the API and reports."""

from __future__ import annotations

import datetime

from django.db.models import F, Q, QuerySet

from danvan.textproc.folding import fold

from .choices import Level
from .models import Organisation, Unit, UnitSuccession


def valid_on_q(day: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def units_valid_on(*, day: datetime.date, level: str | None = None) -> QuerySet[Unit]:
    qs = Unit.objects.filter(valid_on_q(day))
    return qs.filter(level=level) if level else qs


def unit_children(*, unit: Unit, day: datetime.date | None = None) -> QuerySet[Unit]:
    qs = Unit.objects.filter(parent=unit)
    if day is not None:
        qs = qs.filter(valid_on_q(day))
    return qs.order_by("name")


def units_top_level(*, day: datetime.date) -> QuerySet[Unit]:
    """The provinces valid on ``day``: 63 before the 2025 reform, 34 since."""
    return units_valid_on(day=day, level=Level.PROVINCE).order_by("code")


def unit_subtree(*, unit: Unit, include_self: bool = True) -> QuerySet[Unit]:
    """Everything under ``unit``: one indexed prefix query on the path."""
    qs = Unit.objects.filter(path__under=unit.path)
    return qs if include_self else qs.exclude(pk=unit.pk)


def unit_ancestors(*, unit: Unit) -> list[Unit]:
    """From the root down to the parent."""
    by_id = Unit.objects.in_bulk(unit.ancestor_ids)
    return [by_id[i] for i in unit.ancestor_ids if i in by_id]


def unit_predecessors(*, unit: Unit) -> QuerySet[UnitSuccession]:
    return (
        UnitSuccession.objects.filter(successor=unit)
        .select_related("predecessor")
        .order_by("predecessor__path")
    )


def unit_successors(*, unit: Unit) -> QuerySet[UnitSuccession]:
    return (
        UnitSuccession.objects.filter(predecessor=unit)
        .select_related("successor")
        .order_by("-is_primary", "successor__name")
    )


def unit_current(*, unit: Unit, day: datetime.date | None = None) -> Unit:
    """The unit valid on ``day`` that a record of ``unit`` rolls up into.

    Follows primary successions (2025 and any later reform); a hamlet of a
    dissolved commune rolls up with its commune.
    """
    day = day or datetime.date.today()
    current, seen = unit, set()
    while not current.is_valid_on(day) and current.pk not in seen:
        seen.add(current.pk)
        succession = (
            UnitSuccession.objects.filter(predecessor=current, successor__valid_from__lte=day)
            .select_related("successor")
            .order_by("-is_primary", "-share", "successor_id")
            .first()
        )
        if succession is not None:
            current = succession.successor
        elif current.parent_id is not None:
            current = current.parent
        else:
            break
    return current


def unit_ancestor_codes(*, unit: Unit) -> dict[str, str]:
    """The province, district and commune codes above (and including) ``unit``, for fact rows."""
    codes = {"province_code": "", "district_code": "", "commune_code": ""}
    for node in [*unit_ancestors(unit=unit), unit]:
        if node.level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
            codes[f"{node.level}_code"] = node.code
    return codes


def unit_predecessor_paths(*, units: list[Unit]) -> list[str]:
    """Paths of every unit that passed, wholly or in part, into one of ``units``, over all reforms."""
    frontier = {u.pk for u in units}
    seen: set[int] = set(frontier)
    paths: list[str] = []
    while frontier:
        rows = list(
            UnitSuccession.objects.filter(successor_id__in=frontier).values_list(
                "predecessor_id", "predecessor__path"
            )
        )
        frontier = set()
        for predecessor_id, path in rows:
            if predecessor_id not in seen:
                seen.add(predecessor_id)
                frontier.add(predecessor_id)
                paths.append(path)
    return paths


def unit_search(
    *, query: str, day: datetime.date | None = None, level: str | None = None, limit: int = 50
) -> QuerySet[Unit]:
    """Units whose name or code contains every word of ``query``, ignoring case and diacritics."""
    words = fold(query).split()
    if not words:
        return Unit.objects.none()
    qs = Unit.objects.all()
    for word in words:
        qs = qs.filter(search_key__contains=word)
    if day is not None:
        qs = qs.filter(valid_on_q(day))
    if level:
        qs = qs.filter(level=level)
    # Current units first, then the most recently dissolved.
    return qs.select_related("parent").order_by(F("valid_to").desc(nulls_first=True), "path")[:limit]


def unit_by_code(*, code: str, day: datetime.date | None = None) -> Unit | None:
    """The unit with this official code, preferring the one valid on ``day``."""
    qs = Unit.objects.filter(code=code.strip())
    if day is not None:
        valid = qs.filter(valid_on_q(day)).order_by("-valid_from").first()
        if valid is not None:
            return valid
    return qs.order_by(F("valid_to").desc(nulls_first=True), "-valid_from").first()


def unit_organisations(*, unit: Unit) -> QuerySet[Organisation]:
    return Organisation.objects.filter(unit=unit, is_active=True).order_by("kind", "name")


def hamlets_of(*, commune: Unit, include_closed: bool = False) -> QuerySet[Unit]:
    qs = Unit.objects.filter(parent=commune, level=Level.HAMLET)
    return qs if include_closed else qs.filter(valid_to__isnull=True)
