"""Reads over periodic figures, always through the one scoping rule."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.units.choices import Level
from danvan.units.models import Unit

from .choices import RecommendationStatus, State
from .models import (
    DataElement,
    DataSet,
    DataValue,
    Option,
    Recommendation,
    Submission,
    SubmissionEvent,
    SupervisionActivity,
    ValidationRule,
)
from .periods import Period
from .units import reporting_units


def data_sets_active() -> QuerySet[DataSet]:
    return DataSet.objects.filter(is_active=True).order_by("sort_order", "name")


SCHEMA_SECONDS = 60


def data_sets_with_schema(*, codes, cached: bool = False) -> dict[str, DataSet]:
    """Data sets by code with their elements, breakdown options and active rules read in four
    queries in all, instead of two per data set and one per broken-down element (a report reads
    every data set's schema to check its totals). ``cached``: kept for a minute, so a change to a
    data set reaches reports within a minute; the four queries were a tenth of a commune's report."""
    codes = sorted(set(codes))
    key = "activities-schema:" + ",".join(codes)
    if cached and (found := cache.get(key)) is not None:
        return found
    data_sets = {d.code: d for d in DataSet.objects.filter(code__in=codes)}
    by_id = {d.pk: d for d in data_sets.values()}
    for data_set in by_id.values():
        data_set.__dict__["element_list"] = []
        data_set.__dict__["rule_list"] = []
    elements = list(
        DataElement.objects.filter(data_set_id__in=by_id)
        .select_related("breakdown", "option_set")
        .order_by("sort_order", "pk")
    )
    options: dict[int, list[Option]] = {}
    breakdowns = {e.breakdown_id for e in elements if e.breakdown_id}
    for option in Option.objects.filter(option_set_id__in=breakdowns).order_by("sort_order", "pk"):
        options.setdefault(option.option_set_id, []).append(option)
    for element in elements:
        element.__dict__["breakdown_options"] = options.get(element.breakdown_id, [])
        by_id[element.data_set_id].element_list.append(element)
    rules = ValidationRule.objects.filter(data_set_id__in=by_id, is_active=True).order_by("sort_order", "pk")
    for rule in rules:
        by_id[rule.data_set_id].rule_list.append(rule)
    if cached:
        cache.set(key, data_sets, SCHEMA_SECONDS)
    return data_sets


def unit_visible(*, user, pk: int, capability: str = Capability.VIEW) -> Unit | None:
    unit = Unit.objects.filter(pk=pk).first()
    return unit if unit is not None and scoping.can(user, capability, unit) else None


def scope_roots(*, user, capability: str = Capability.VIEW) -> list[Unit]:
    """The top units of the user's reach: their membership units and the units those succeeded."""
    scope = scoping.scope_for(user, capability)
    if scope.everything:
        return list(Unit.objects.filter(level=Level.NATION).order_by("path"))
    return list(Unit.objects.filter(path__in=scope.paths).order_by("-valid_from", "path"))


def submissions_visible_to(*, user, capability: str = Capability.VIEW) -> QuerySet[Submission]:
    return scoping.scope_to_units(
        Submission.objects.all(), user, capability=capability, path_field="unit__path"
    )


def units_for_entry(
    *,
    user,
    data_set: DataSet,
    first: datetime.date,
    last: datetime.date,
    capability: str = Capability.RECORD,
) -> QuerySet[Unit]:
    """Units in the user's reach that report ``data_set`` and existed at some time from ``first`` to ``last``.

    Current units come first, then those dissolved most recently.
    """
    scope = scoping.scope_for(user, capability)
    return (
        Unit.objects.filter(scope.q("path"), level__in=data_set.levels, valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .order_by(F("valid_to").desc(nulls_first=True), "path")
    )


def awaiting_approval(*, user) -> QuerySet[Submission]:
    return (
        submissions_visible_to(user=user, capability=Capability.APPROVE)
        .filter(state=State.SUBMITTED)
        .select_related("data_set", "unit", "submitted_by")
        .order_by("submitted_at")
    )


def my_open_forms(*, user) -> QuerySet[Submission]:
    """Drafts and forms returned for correction that the user may work on."""
    return (
        submissions_visible_to(user=user, capability=Capability.RECORD)
        .filter(state__in=State.editable())
        .select_related("data_set", "unit")
        .order_by("state", "-updated_at")
    )


def submission_timeline(*, submission: Submission) -> QuerySet[SubmissionEvent]:
    return submission.events.select_related("actor", "batch").order_by("at", "pk")


def submissions_by_unit_period(*, data_set: DataSet, units: list[Unit], periods: list[Period]) -> dict:
    """{(unit id, period key): submission} for a grid of units × periods."""
    qs = Submission.objects.filter(
        data_set=data_set, unit__in=[u.pk for u in units], period__in=[p.key for p in periods]
    ).only(
        "pk", "unit_id", "period", "period_type", "state", "blocking_count", "warning_count", "submitted_at"
    )
    return {(s.unit_id, s.period): s for s in qs}


# --- completeness ----------------------------------------------------------------------------


@dataclass
class CompletenessRow:
    unit: Unit
    submission: Submission | None

    @property
    def state(self) -> str:
        return self.submission.state if self.submission else ""

    @property
    def reported(self) -> bool:
        return self.state in State.reported()


@dataclass
class Completeness:
    data_set: DataSet
    period: Period
    root: Unit
    rows: list[CompletenessRow]
    due: datetime.date

    @property
    def expected(self) -> int:
        return len(self.rows)

    @property
    def reported(self) -> int:
        return sum(1 for r in self.rows if r.reported)

    @property
    def on_time(self) -> int:
        return sum(
            1
            for r in self.rows
            if r.reported
            and r.submission.submitted_at
            and timezone.localdate(r.submission.submitted_at) <= self.due
        )

    @property
    def approved(self) -> int:
        return sum(1 for r in self.rows if r.state == State.APPROVED)

    @property
    def missing(self) -> list[CompletenessRow]:
        return [r for r in self.rows if not r.reported]

    @property
    def rate(self) -> float:
        return 100.0 * self.reported / self.expected if self.expected else 0.0

    def count(self, state: str) -> int:
        return sum(1 for r in self.rows if r.state == state)


def completeness(*, data_set: DataSet, period: Period, root: Unit) -> Completeness:
    """Which units under ``root`` have submitted ``data_set`` for ``period``, and which have not."""
    units = list(reporting_units(data_set=data_set, root=root, period=period).select_related("parent"))
    submissions = {
        s.unit_id: s
        for s in Submission.objects.filter(
            data_set=data_set, period=period.key, unit__in=[u.pk for u in units]
        ).select_related("submitted_by", "approved_by")
    }
    rows = [CompletenessRow(unit, submissions.get(unit.pk)) for unit in units]
    return Completeness(data_set, period, root, rows, period.due_date(data_set.days_to_submit))


def summary(*, data_set: DataSet, period: Period, root: Unit) -> dict:
    """Totals of the submitted and approved forms under ``root``: sums per cell, counts per option."""
    base = DataValue.objects.filter(
        submission__data_set=data_set,
        period=period.key,
        submission__state__in=State.reported(),
        unit__path__under=root.path,
    ).order_by()
    sums = {
        (f"{code}.{option}" if option else code): total
        for code, option, total in base.filter(value__isnull=False)
        .values_list("data_element__code", "option_code")
        .annotate(total=Sum("value"))
    }
    options = {
        (code, text): number
        for code, text, number in base.exclude(text_value="")
        .values_list("data_element__code", "text_value")
        .annotate(n=Count("pk"))
    }
    return {"sums": sums, "options": options}


# --- supervision -----------------------------------------------------------------------------


def activities_visible_to(*, user) -> QuerySet[SupervisionActivity]:
    return scoping.scope_to_units(SupervisionActivity.objects.all(), user, path_field="unit__path")


def activity_list(
    *, user, organiser: str = "", kind: str = "", open_only: bool = False, unit: Unit | None = None
) -> QuerySet[SupervisionActivity]:
    qs = activities_visible_to(user=user).select_related("unit")
    if organiser:
        qs = qs.filter(organiser=organiser)
    if kind:
        qs = qs.filter(kind=kind)
    if unit is not None:
        qs = qs.filter(unit__path__under=unit.path)
    if open_only:
        qs = qs.filter(recommendations__status__in=RecommendationStatus.open_values()).distinct()
    return qs.annotate(
        made=Count("recommendations", distinct=True),
        settled=Count(
            "recommendations", filter=Q(recommendations__status=RecommendationStatus.SETTLED), distinct=True
        ),
    ).order_by("-held_on", "-pk")


def recommendation_counters(*, user, today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    qs = scoping.scope_to_units(Recommendation.objects.all(), user, path_field="activity__unit__path")
    return qs.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=RecommendationStatus.open_values())),
        overdue=Count("pk", filter=Q(status__in=RecommendationStatus.open_values(), due_date__lt=today)),
        settled=Count("pk", filter=Q(status=RecommendationStatus.SETTLED)),
    )
