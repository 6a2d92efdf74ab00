from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from ..scope import ReportScope


@dataclass(frozen=True)
class ReportPeriod:
    start: datetime.date
    end: datetime.date

    @property
    def first_month(self) -> int:
        return self.start.year * 100 + self.start.month

    @property
    def last_month(self) -> int:
        return self.end.year * 100 + self.end.month

    @property
    def whole_months(self) -> bool:
        """Monthly pre-aggregates answer exactly only when the period is made of whole months."""
        next_day = self.end + datetime.timedelta(days=1)
        return self.start.day == 1 and next_day.day == 1


@dataclass
class IndicatorValue:
    value: Decimal
    breakdowns: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    # Set for indicators generated from data (periodic data elements), which are not in the catalogue.
    label: str = ""


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    noun: str
    group: str
    breakdowns: tuple[str, ...]
    compute: Callable[[ReportScope, ReportPeriod], IndicatorValue]


CATALOGUE: dict[str, Indicator] = {}


def indicator(*, key: str, label: str, noun: str, group: str, breakdowns: tuple[str, ...] = ()):
    """Register the decorated function as the indicator ``key``."""

    def register(function: Callable[[ReportScope, ReportPeriod], IndicatorValue]):
        CATALOGUE[key] = Indicator(key, label, noun, group, breakdowns, function)
        return function

    return register


def compute_all(
    scope: ReportScope, period: ReportPeriod, keys: list[str] | None = None
) -> dict[str, IndicatorValue]:
    return {key: CATALOGUE[key].compute(scope, period) for key in (keys or list(CATALOGUE))}
