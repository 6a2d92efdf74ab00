"""Reads over meetings: lists, the calendar, and compliance with plans and with Quy định 11."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from danvan.accounts import scoping
from danvan.units.choices import Level
from danvan.units.models import Unit
from danvan.units.selectors import unit_ancestors, valid_on_q

from .choices import ChairRole, Frequency, MeetingCategory, MeetingStatus
from .models import Meeting, MeetingChair, Plan, PlanRequirement


def meetings_visible_to(*, user) -> QuerySet[Meeting]:
    return scoping.scope_to_units(Meeting.objects.all(), user, path_field="host_unit__path").select_related(
        "meeting_type", "host_unit", "venue_unit"
    )


def meetings_in(*, unit: Unit, start: datetime.date, end: datetime.date) -> QuerySet[Meeting]:
    """Meetings held under ``unit`` between two days, both included."""
    return Meeting.objects.filter(
        host_unit__path__under=unit.path,
        status=MeetingStatus.HELD,
        starts_at__date__gte=start,
        starts_at__date__lte=end,
    )


def meetings_upcoming(*, user, today: datetime.date | None = None, limit: int = 50) -> QuerySet[Meeting]:
    today = today or timezone.localdate()
    return (
        meetings_visible_to(user=user)
        .filter(status=MeetingStatus.PLANNED, starts_at__date__gte=today)
        .order_by("starts_at")[:limit]
    )


def meetings_public(*, unit: Unit, today: datetime.date | None = None) -> QuerySet[Meeting]:
    """The public calendar: planned public meetings under ``unit`` from today, and the last 90 days."""
    today = today or timezone.localdate()
    return (
        Meeting.objects.filter(host_unit__path__under=unit.path, is_public=True)
        .exclude(status=MeetingStatus.CANCELLED)
        .filter(starts_at__date__gte=today - datetime.timedelta(days=90))
        .select_related("meeting_type", "host_unit", "venue_unit")
        .order_by("starts_at")
    )


def months_between(start: datetime.date, end: datetime.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


@dataclass
class RequirementCompliance:
    requirement: PlanRequirement
    required_each: int
    units: list[Unit]
    held: dict[int, int]

    @property
    def compliant(self) -> list[Unit]:
        return [u for u in self.units if self.held.get(u.pk, 0) >= self.required_each]

    @property
    def missing(self) -> list[Unit]:
        return [u for u in self.units if self.held.get(u.pk, 0) < self.required_each]

    @property
    def meetings_held(self) -> int:
        return sum(self.held.get(u.pk, 0) for u in self.units)


@dataclass
class Compliance:
    unit: Unit
    start: datetime.date
    end: datetime.date
    requirements: list[RequirementCompliance] = field(default_factory=list)
    by_type_and_level: dict = field(default_factory=dict)
    by_chair_group_and_level: dict = field(default_factory=dict)
    opinions: dict = field(default_factory=dict)


def plans_in_force(*, unit: Unit, start: datetime.date, end: datetime.date) -> QuerySet[Plan]:
    """Plans of ``unit`` or of a unit above it that overlap the period."""
    ids = [*unit.ancestor_ids, unit.pk]
    return (
        Plan.objects.filter(unit_id__in=ids, valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .prefetch_related("requirements__meeting_type", "pilot_units")
    )


def _target_units(unit: Unit, level: str, start: datetime.date, end: datetime.date) -> QuerySet[Unit]:
    qs = (
        Unit.objects.filter(path__under=unit.path, level=level)
        .filter(valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    )
    return qs.order_by("name")


def compliance(*, unit: Unit, start: datetime.date, end: datetime.date) -> Compliance:
    """Who held what their plans require, and the period's counts by type, chair role and level."""
    result = Compliance(unit=unit, start=start, end=end)
    held = meetings_in(unit=unit, start=start, end=end)
    months = months_between(start, end)
    for plan in plans_in_force(unit=unit, start=start, end=end):
        pilots = {p.pk for p in plan.pilot_units.all()}
        for requirement in plan.requirements.all():
            units = list(_target_units(unit, requirement.target_level, start, end))
            if requirement.pilot_only:
                units = [u for u in units if u.pk in pilots]
            if unit.level == requirement.target_level:
                units = [unit]
            periods = max(1, months // Frequency(requirement.frequency).months)
            counts = dict(
                held.filter(meeting_type=requirement.meeting_type, host_unit__in=units)
                .values_list("host_unit")
                .annotate(n=Count("pk"))
                .values_list("host_unit", "n")
            )
            result.requirements.append(
                RequirementCompliance(requirement, requirement.times * periods, units, counts)
            )
    result.by_type_and_level = _pivot(held.values_list("meeting_type__name", "level").annotate(n=Count("pk")))
    chairs = (
        MeetingChair.objects.filter(meeting__in=held)
        .values_list("role", "meeting__level")
        .annotate(n=Count("meeting", distinct=True))
    )
    by_role: Counter = Counter()
    for role, level, n in chairs:
        group = (
            "party"
            if role in ChairRole.heads_of_party()
            else "government"
            if role in ChairRole.heads_of_government()
            else "other"
        )
        by_role[(group, level)] += n
    result.by_chair_group_and_level = _pivot([(g, lvl, n) for (g, lvl), n in by_role.items()])
    result.opinions = held.aggregate(
        total=Count("opinions"),
        answered_on_spot=Count("opinions", filter=Q(opinions__outcome="answered_on_spot")),
        forwarded=Count("opinions", filter=Q(opinions__outcome="forwarded")),
    )
    return result


def _pivot(rows) -> dict:
    table: dict = defaultdict(lambda: {"province": 0, "district": 0, "commune": 0, "total": 0})
    for key, level, n in rows:
        if level in ("province", "district", "commune"):
            table[key][level] += n
        table[key]["total"] += n
    return dict(table)


RECEPTION_DAYS_PER_MONTH = {Level.PROVINCE: 1, Level.COMMUNE: 2}


@dataclass
class ReceptionRow:
    unit: Unit
    required_per_month: int
    days_by_month: dict[int, int]

    @property
    def months_short(self) -> list[int]:
        return [m for m, days in self.days_by_month.items() if days < self.required_per_month]


def reception_compliance(*, unit: Unit, start: datetime.date, end: datetime.date) -> list[ReceptionRow]:
    """Quy định 11 (Kết luận 215): the head of the party committee receives citizens at least
    1 day a month at province level and 2 days a month at commune level."""
    levels = [
        lvl
        for lvl in RECEPTION_DAYS_PER_MONTH
        if lvl == unit.level or Unit.objects.filter(path__under=unit.path, level=lvl).exists()
    ]
    month_keys = []
    day = start.replace(day=1)
    while day <= end:
        month_keys.append(day.year * 100 + day.month)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    rows = []
    for level in levels:
        units = list(_target_units(unit, level, start, end).filter(valid_on_q(end) | Q(valid_to__gte=start)))
        days = defaultdict(set)
        meetings = (
            meetings_in(unit=unit, start=start, end=end)
            .filter(
                meeting_type__category=MeetingCategory.RECEPTION,
                host_unit__in=units,
                chairs__role=ChairRole.PARTY_SECRETARY,
            )
            .values_list("host_unit_id", "yyyymm", "starts_at")
            .distinct()
        )
        for host_id, yyyymm, starts_at in meetings:
            days[(host_id, yyyymm)].add(timezone.localdate(starts_at))
        for u in units:
            rows.append(
                ReceptionRow(
                    u, RECEPTION_DAYS_PER_MONTH[level], {m: len(days.get((u.pk, m), ())) for m in month_keys}
                )
            )
    return rows


def unit_chain(*, unit: Unit) -> list[Unit]:
    return [*unit_ancestors(unit=unit), unit]
