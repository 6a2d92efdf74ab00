"""Reads of the "Nhịp dư luận" page: topics over time, top concerns now, the communes on the map."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count, Max
from django.db.models.functions import TruncMonth, TruncWeek

from danvan.petitions.choices import Status
from danvan.petitions.models import Petition, Topic
from danvan.units.choices import Level
from danvan.units.models import Unit
from danvan.units.selectors import valid_on_q

from .hotspot_rules import _place
from .models import SEVERITY_RANK, Concern, Hotspot, HotspotStatus

TOP_TOPICS = 5


def _under(unit: Unit):
    return Petition.objects.filter(unit__path__under=unit.path).exclude(status=Status.MERGED)


def _periods(today: datetime.date, by: str) -> list[datetime.date]:
    if by == "week":
        monday = today - datetime.timedelta(days=today.weekday())
        return [monday - datetime.timedelta(weeks=i) for i in range(25, -1, -1)]
    first = today.replace(day=1)
    months = []
    for i in range(11, -1, -1):
        year, month = divmod(first.year * 12 + first.month - 1 - i, 12)
        months.append(datetime.date(year, month + 1, 1))
    return months


def _shift_year(day: datetime.date, years: int = -1) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def topic_trend(*, unit: Unit, today: datetime.date, by: str = "month") -> dict:
    """Counts per period (26 weeks or 12 months), the top topics apart, and the same periods a year before."""
    periods = _periods(today, by)
    trunc = TruncWeek if by == "week" else TruncMonth
    start = periods[0]
    from .hotspot_rules import day_end

    def counts(first: datetime.date, last: datetime.date):
        rows = (
            _under(unit)
            .filter(
                received_at__gte=day_end(first - datetime.timedelta(days=1)), received_at__lt=day_end(last)
            )
            .annotate(period=trunc("received_at"))
            .values("period", "topic_id")
            .annotate(n=Count("id"))
        )
        table: dict[tuple, int] = defaultdict(int)
        for row in rows:
            period = row["period"]
            period = period.date() if isinstance(period, datetime.datetime) else period
            table[(period, row["topic_id"])] += row["n"]
        return table

    now = counts(start, today)
    before = counts(_shift_year(start), _shift_year(today))
    totals: dict[int | None, int] = defaultdict(int)
    for (_period, topic_id), n in now.items():
        totals[topic_id] += n
    top = [t for t, _n in sorted(totals.items(), key=lambda kv: -kv[1]) if t][:TOP_TOPICS]
    names = dict(Topic.objects.filter(pk__in=top).values_list("pk", "name"))

    def total_at(table, period):
        return sum(n for (p, _t), n in table.items() if p == period)

    def last_year_period(period):
        if by == "month":
            return _shift_year(period)
        shifted = _shift_year(period)
        return shifted - datetime.timedelta(days=shifted.weekday())

    fmt = "%d/%m" if by == "week" else "%m/%Y"
    return {
        "by": by,
        "labels": [p.strftime(fmt) for p in periods],
        "total": [total_at(now, p) for p in periods],
        "last_year": [total_at(before, last_year_period(p)) for p in periods],
        "topics": [{"name": names.get(t, "—"), "counts": [now.get((p, t), 0) for p in periods]} for t in top],
        "sum": sum(totals.values()),
        "sum_last_year": sum(before.values()),
    }


def top_concerns(*, unit: Unit, since: datetime.date, limit: int = 8) -> list[Concern]:
    return list(
        Concern.objects.filter(unit__path__under=unit.path, members__petition__received_at__date__gte=since)
        .annotate(recent=Count("members"), last=Max("members__petition__received_at"))
        .select_related("unit")
        .order_by("-recent", "-last")[:limit]
    )


def map_points(*, unit: Unit, today: datetime.date, days: int = 90) -> list[dict]:
    """Each current commune under the unit with coordinates: its volume and its open hot spots."""
    communes = list(
        Unit.objects.filter(path__under=unit.path, level=Level.COMMUNE, latitude__isnull=False)
        .filter(valid_on_q(today))
        .values("pk", "code", "name", "latitude", "longitude", "path")
    )
    if unit.level == Level.COMMUNE and not communes and unit.latitude is not None:
        communes = [
            {
                "pk": unit.pk,
                "code": unit.code,
                "name": unit.name,
                "latitude": unit.latitude,
                "longitude": unit.longitude,
                "path": unit.path,
            }
        ]
    from .hotspot_rules import day_end

    since = day_end(today - datetime.timedelta(days=days))
    volume = dict(
        _under(unit)
        .filter(received_at__gte=since)
        .annotate(place=_place())
        .values("place")
        .annotate(n=Count("id"))
        .values_list("place", "n")
    )
    hot: dict[int, list] = defaultdict(lambda: [0, 0])
    for unit_id, severity in Hotspot.objects.filter(
        unit__path__under=unit.path, status__in=HotspotStatus.open_values()
    ).values_list("unit_id", "severity"):
        hot[unit_id][0] += 1
        hot[unit_id][1] = max(hot[unit_id][1], SEVERITY_RANK.get(severity, 1))
    return [
        {
            "id": c["pk"],
            "code": c["code"],
            "name": c["name"],
            "lat": round(c["latitude"], 5),
            "lng": round(c["longitude"], 5),
            "volume": volume.get(c["pk"], 0),
            "hotspots": hot[c["pk"]][0] if c["pk"] in hot else 0,
            "severity": hot[c["pk"]][1] if c["pk"] in hot else 0,
        }
        for c in communes
    ]
