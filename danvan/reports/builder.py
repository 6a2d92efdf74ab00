"""A report: every indicator for a unit and period, its findings and its Vietnamese narrative."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from danvan.facts.selectors import cells_cache
from danvan.units.models import Unit

from . import narrative, validation
from .indicators import CATALOGUE, IndicatorValue, ReportPeriod, activities, compute_all
from .scope import ReportScope, report_scope


@dataclass
class Report:
    unit: Unit
    period: ReportPeriod
    scope: ReportScope
    values: dict[str, IndicatorValue]
    findings: list[validation.Finding] = field(default_factory=list)
    narrative: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    comparison: ReportPeriod | None = None
    previous: dict[str, IndicatorValue] = field(default_factory=dict)

    def value(self, key: str) -> Decimal:
        return self.values[key].value if key in self.values else Decimal(0)


def number(value: Decimal) -> int | float:
    """JSON numbers: whole counts as integers, shares of divided communes to two decimals."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def previous_period(start: datetime.date, end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The period of the same length just before; whole months stay whole months."""
    first_next = end + datetime.timedelta(days=1)
    if start.day == 1 and first_next.day == 1:
        months = (first_next.year - start.year) * 12 + first_next.month - start.month
        index = start.year * 12 + start.month - 1 - months
        previous_start = datetime.date(index // 12, index % 12 + 1, 1)
        return previous_start, start - datetime.timedelta(days=1)
    length = end - start
    return start - length - datetime.timedelta(days=1), start - datetime.timedelta(days=1)


def same_period_in(
    year: int, start: datetime.date, end: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """The same dates in another year (29 February becomes the 28th)."""

    def move(day: datetime.date, to_year: int) -> datetime.date:
        try:
            return day.replace(year=to_year)
        except ValueError:
            return day.replace(year=to_year, day=28)

    return move(start, year), move(end, year + (end.year - start.year))


def report_build(
    *,
    unit: Unit,
    start: datetime.date,
    end: datetime.date,
    keys: list[str] | None = None,
    compare: tuple[datetime.date, datetime.date] | None = None,
) -> Report:
    """Every indicator for ``unit`` from ``start`` to ``end``; ``compare`` adds the same indicators
    for another period (the previous one, or the same dates in a chosen year)."""
    with cells_cache():
        return _report_build(unit=unit, start=start, end=end, keys=keys, compare=compare)


def _report_build(*, unit, start, end, keys, compare) -> Report:
    period = ReportPeriod(start, end)
    scope = report_scope(unit=unit)
    report = Report(unit=unit, period=period, scope=scope, values=compute_all(scope, period, keys))
    periodic, cells_by_set = activities.compute(scope, period) if keys is None else ({}, {})
    report.values.update(periodic)
    report.findings = validation.run(report) + activities.findings(cells_by_set)
    if compare is not None:
        report.comparison = ReportPeriod(*compare)
        report.previous = compute_all(scope, report.comparison, keys)
        report.previous.update(activities.compute(scope, report.comparison)[0] if keys is None else {})
    report.narrative = narrative.draft(report)
    if scope.includes_predecessors:
        names = ", ".join(
            f"{u.name}" + ("" if share == 1 else f" ({_('một phần')} {number(share * 100)}%)")
            for u, share in scope.predecessors[:12]
        )
        more = len(scope.predecessors) - 12
        report.notes.append(
            _("Số liệu gồm cả hồ sơ của các đơn vị trước sắp xếp: %(names)s%(more)s.")
            % {"names": names, "more": _(" và %(n)s đơn vị khác") % {"n": more} if more > 0 else ""}
        )
    return report


def label(key: str, value: IndicatorValue) -> str:
    return value.label or str(CATALOGUE[key].label)


def report_json(report: Report) -> dict:
    return {
        "unit": {"code": report.unit.code, "name": report.unit.name, "level": report.unit.level},
        "period": {"from": report.period.start.isoformat(), "to": report.period.end.isoformat()},
        "indicators": [
            {
                "key": key,
                "label": label(key, value),
                "value": number(value.value),
                "breakdowns": {
                    dim: {member: number(v) for member, v in members.items()}
                    for dim, members in value.breakdowns.items()
                },
            }
            for key, value in report.values.items()
        ],
        "findings": [
            {"rule": f.rule, "message": f.message, "figures": {k: number(v) for k, v in f.figures.items()}}
            for f in report.findings
        ],
        "notes": report.notes,
        "narrative": report.narrative,
        **(
            {
                "comparison": {
                    "from": report.comparison.start.isoformat(),
                    "to": report.comparison.end.isoformat(),
                    "values": {key: number(v.value) for key, v in report.previous.items()},
                }
            }
            if report.comparison
            else {}
        ),
    }
