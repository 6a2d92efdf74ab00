"""The units a citizen picks from: the current tree, province → commune → hamlet."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from danvan.units.choices import Level
from danvan.units.models import Unit
from danvan.units.selectors import hamlets_of, units_top_level, valid_on_q


def provinces(*, day: datetime.date) -> QuerySet[Unit]:
    return units_top_level(day=day)


def communes_of(*, province: Unit | None, day: datetime.date) -> QuerySet[Unit]:
    if province is None:
        return Unit.objects.none()
    return (
        Unit.objects.filter(path__under=province.path, level=Level.COMMUNE)
        .filter(valid_on_q(day))
        .order_by("name", "pk")
    )


def communes(*, day: datetime.date) -> QuerySet[Unit]:
    return Unit.objects.filter(level=Level.COMMUNE).filter(valid_on_q(day))


def hamlets_in(*, commune: Unit | None, day: datetime.date) -> QuerySet[Unit]:
    if commune is None:
        return Unit.objects.none()
    return hamlets_of(commune=commune).filter(valid_from__lte=day).order_by("name", "pk")


def pick(queryset: QuerySet[Unit], value) -> Unit | None:
    """The unit of ``queryset`` whose id is ``value`` (a string from a form), or None."""
    try:
        pk = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return queryset.filter(pk=pk).first()
