"""Counting a measure for a report: whole months from the pre-aggregates, the ragged edges from the facts."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from danvan.facts import selectors as facts
from danvan.facts.services import COUNTERS

from .indicators.base import ReportPeriod
from .scope import ReportScope


def _month_bounds(key: int) -> tuple[datetime.date, datetime.date]:
    year, month = divmod(key, 100)
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


def split(period: ReportPeriod) -> tuple[list[tuple[datetime.date, datetime.date]], int | None, int | None]:
    """(partial stretches counted from facts, first whole month, last whole month)."""
    first, last = period.first_month, period.last_month
    partial = []
    head_start, head_end = _month_bounds(first)
    if period.start != head_start:
        partial.append((period.start, min(head_end, period.end)))
        first = (head_end + datetime.timedelta(days=1)).year * 100 + (
            head_end + datetime.timedelta(days=1)
        ).month
    tail_start, tail_end = _month_bounds(last)
    if period.end != tail_end and last >= first:
        partial.append((max(tail_start, period.start), period.end))
        last = (tail_start - datetime.timedelta(days=1)).year * 100 + (
            tail_start - datetime.timedelta(days=1)
        ).month
    if first > last:
        return partial, None, None
    return partial, first, last


def measure_counts(
    *, measure: str, scope: ReportScope, period: ReportPeriod, by: Sequence[str] = ()
) -> dict[tuple, Decimal]:
    partial, first, last = split(period)
    if not partial and first is not None:
        return facts.counts(measure=measure, parts=scope.parts, first=first, last=last, by=by)
    result: dict[tuple, Decimal] = defaultdict(Decimal)
    if first is not None:
        for key, value in facts.counts(
            measure=measure, parts=scope.parts, first=first, last=last, by=by
        ).items():
            result[key] += value
    if partial:
        counter = COUNTERS[measure.split(".")[0] + "."]
        for path, share in scope.parts:
            for start, end in partial:
                for key, value in counter(
                    measure=measure, path=path, start=start, end=end, by=tuple(by)
                ).items():
                    result[key] += Decimal(value) * share
    return dict(result)


def measure_total(*, measure: str, scope: ReportScope, period: ReportPeriod) -> Decimal:
    return measure_counts(measure=measure, scope=scope, period=period).get((), Decimal(0))


def breakdown(*, measure: str, scope: ReportScope, period: ReportPeriod, dim: str) -> dict[str, Decimal]:
    return {
        key[0]: value
        for key, value in measure_counts(measure=measure, scope=scope, period=period, by=[dim]).items()
        if value
    }
