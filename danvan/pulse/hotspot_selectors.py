"""Reads of hot spots that the pages, the API, the reports and the command share; all scoped."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.petitions.models import Petition
from danvan.units.models import Unit

from .models import Hotspot, HotspotEvent, HotspotEventKind, HotspotRecord, HotspotStatus, Rule, Severity


@dataclass
class HotspotFilters:
    rule: str = ""
    status: str = ""  # "", "open", or a HotspotStatus
    severity: str = ""
    unit: Unit | None = None


def hotspots_visible(*, user) -> QuerySet[Hotspot]:
    """Hot spots of the units in the user's subtree; a citizen (anonymous) sees none."""
    return scoping.scope_to_units(Hotspot.objects.all(), user, capability=Capability.VIEW)


def hotspot_list(*, user, filters: HotspotFilters | None = None) -> QuerySet[Hotspot]:
    filters = filters or HotspotFilters()
    qs = hotspots_visible(user=user).select_related("unit", "topic", "owner")
    if filters.rule in Rule.values:
        qs = qs.filter(rule=filters.rule)
    if filters.status == "open":
        qs = qs.filter(status__in=HotspotStatus.open_values())
    elif filters.status in HotspotStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.severity in Severity.values:
        qs = qs.filter(severity=filters.severity)
    if filters.unit is not None:
        qs = qs.filter(unit__path__under=filters.unit.path)
    return qs.annotate(record_count=Count("records")).order_by("-last_detected_on", "-pk")


def hotspot_detail(*, user, pk: int) -> Hotspot:
    return hotspots_visible(user=user).select_related("unit", "topic", "owner", "concern").get(pk=pk)


def hotspot_records(*, hotspot: Hotspot, limit: int = 200) -> list[Petition]:
    return list(
        Petition.objects.filter(pk__in=hotspot.records.values("petition_id"))
        .select_related("unit", "topic", "handling_unit")
        .order_by("-received_at")[:limit]
    )


def hotspot_timeline(*, hotspot: Hotspot) -> QuerySet[HotspotEvent]:
    return hotspot.events.select_related("actor").order_by("at", "pk")


def hotspots_for_unit(*, unit: Unit, open_only: bool = False) -> QuerySet[Hotspot]:
    qs = Hotspot.objects.filter(unit__path__under=unit.path).select_related("unit", "topic")
    if open_only:
        qs = qs.filter(status__in=HotspotStatus.open_values())
    return qs.order_by("-last_detected_on", "-pk")


def recent_alerts(
    *, user, since: datetime.datetime, unit: Unit | None = None, limit: int = 20
) -> list[HotspotEvent]:
    """New, worsening or returning hot spots in the user's subtree since a moment: the in-app alerts."""
    qs = scoping.scope_to_units(
        HotspotEvent.objects.filter(
            kind__in=[HotspotEventKind.DETECTED, HotspotEventKind.WORSENED, HotspotEventKind.REFIRED],
            at__gte=since,
            hotspot__status__in=HotspotStatus.open_values(),
        ),
        user,
        path_field="hotspot__unit__path",
    )
    if unit is not None:
        qs = qs.filter(hotspot__unit__path__under=unit.path)
    return list(
        qs.select_related("hotspot", "hotspot__unit", "hotspot__topic").order_by("-at", "-pk")[:limit]
    )


def hotspot_counts(*, unit: Unit, start: datetime.date, end: datetime.date) -> dict:
    """Hot spots first detected in the period, under the unit: by rule, and by status now."""
    paths = [unit.path, *_predecessor_paths(unit)]
    under = Q()
    for path in paths:
        under |= Q(unit__path__under=path)
    qs = Hotspot.objects.filter(under, first_detected_on__gte=start, first_detected_on__lte=end)
    by_rule = dict(qs.values_list("rule").annotate(n=Count("id")))
    by_status = dict(qs.values_list("status").annotate(n=Count("id")))
    return {"total": sum(by_rule.values()), "by_rule": by_rule, "by_status": by_status}


def _predecessor_paths(unit: Unit) -> list[str]:
    from danvan.units.selectors import unit_predecessor_paths

    return unit_predecessor_paths(units=[unit])


def open_on(*, as_of: datetime.date, within: Unit | None = None) -> tuple[list[dict], list]:
    """The hot spots open on a day: what the rules find as of it, and stored ones still open then.

    A finding whose hot spot was closed on or before the day with nothing new since is not open.
    Returns the JSON rows and the findings (which the caller may record).
    """
    from . import hotspot_rules as rules

    findings = rules.judge_all(as_of, narrowing=rules.Narrowing(within=within))
    end = rules.day_end(as_of)
    stored = Hotspot.objects.filter(first_detected_on__lte=as_of)
    if within is not None:
        stored = stored.filter(unit__path__under=within.path)
    stored = {h.key: h for h in stored.select_related("unit", "topic")}
    stored_records: dict[int, set[int]] = {}
    for hotspot_id, petition_id in HotspotRecord.objects.filter(
        hotspot_id__in=[h.pk for h in stored.values()], petition__received_at__lt=end
    ).values_list("hotspot_id", "petition_id"):
        stored_records.setdefault(hotspot_id, set()).add(petition_id)
    units, topics = rules.labels(findings)
    rows, seen = [], set()
    kept = []
    for finding in findings:
        hotspot = stored.get(finding.key)
        closed = hotspot is not None and hotspot.closed_on is not None and hotspot.closed_on <= as_of
        if closed and set(finding.records) <= stored_records.get(hotspot.pk, set()):
            continue
        seen.add(finding.key)
        kept.append(finding)
        rows.append({**finding.as_json(units, topics), "title": finding.title, "key": finding.key})
    for key, hotspot in stored.items():
        if key in seen or (hotspot.closed_on is not None and hotspot.closed_on <= as_of):
            continue
        if hotspot.status == HotspotStatus.CLOSED and hotspot.closed_on is None:
            continue
        rows.append(
            {
                "rule": hotspot.rule,
                "unit": hotspot.unit.code,
                "topic": hotspot.topic.code if hotspot.topic_id else None,
                "severity": hotspot.severity,
                "records": sorted(stored_records.get(hotspot.pk, ())),
                "title": hotspot.title,
                "key": key,
            }
        )
    rows.sort(key=lambda r: (r["rule"], r["unit"], r["topic"] or "", r["key"]))
    return rows, kept
