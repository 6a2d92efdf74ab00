"""Counts of recognised models by field, level, kind and year, the change against an earlier year,
the registration funnel, and the sentence a periodic review (sơ kết, tổng kết) prints around them.

"Giai đoạn 2019–2024, có 315 mô hình … (101 mô hình lĩnh vực kinh tế; 184 …), tăng 90 mô
hình so với năm 2019." A model counts in the year of its recognition decision; the funnel
counts models by the year they were registered.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.units.models import Unit

from .choices import Award, Field, Kind, RecognitionLevel, Status
from .issuers import LEVEL_PHRASE, unit_phrase
from .models import EmulationModel
from .selectors import subtree_q

# The order reviews list levels in: from the top down.
LEVEL_ORDER = [RecognitionLevel.PROVINCE, RecognitionLevel.DISTRICT, RecognitionLevel.COMMUNE]


@dataclass
class Breakdown:
    """Recognised models of one period, split every way."""

    cells: dict[tuple[str, str, str], int] = field(default_factory=dict)

    def add(self, field_: str, level: str, kind: str, count: int) -> None:
        key = (field_, level, kind)
        self.cells[key] = self.cells.get(key, 0) + count

    def _sum(self, *, field_: str | None = None, level: str | None = None, kind: str | None = None) -> int:
        return sum(
            n
            for (f, lv, k), n in self.cells.items()
            if (field_ is None or f == field_)
            and (level is None or lv == level)
            and (kind is None or k == kind)
        )

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    @property
    def by_field(self) -> dict[str, int]:
        return {f: self._sum(field_=f) for f in Field.values}

    @property
    def by_level(self) -> dict[str, int]:
        return {lv: self._sum(level=lv) for lv in LEVEL_ORDER}

    @property
    def by_kind(self) -> dict[str, int]:
        return {k: self._sum(kind=k) for k in Kind.values}

    def cell(self, field_: str, level: str) -> int:
        return self._sum(field_=field_, level=level)


@dataclass
class Funnel:
    """From registration to replication, for models registered in the period."""

    registered: int = 0
    self_assessed: int = 0
    appraised: int = 0
    recognised: int = 0
    not_recognised: int = 0
    pending: int = 0
    replicated: int = 0
    outstanding: int = 0
    collective: int = 0
    individual: int = 0
    awards: dict[str, int] = field(default_factory=dict)


@dataclass
class Row:
    key: str
    label: str
    count: int
    compare: int | None

    @property
    def delta(self) -> int | None:
        return None if self.compare is None else self.count - self.compare


@dataclass
class RecognitionStats:
    year_from: int
    year_to: int
    compare_year: int | None
    unit: Unit | None
    current: Breakdown
    compare: Breakdown | None
    per_year: list[tuple[int, Breakdown]]
    funnel: Funnel

    @property
    def period_label(self) -> str:
        if self.year_from == self.year_to:
            return _("Năm %(year)s") % {"year": self.year_from}
        return _("Giai đoạn %(start)s–%(end)s") % {"start": self.year_from, "end": self.year_to}

    @property
    def delta(self) -> int | None:
        return None if self.compare is None else self.current.total - self.compare.total

    def _rows(self, current: dict[str, int], compare: dict[str, int] | None, labels) -> list[Row]:
        return [
            Row(k, str(labels(k)), n, None if compare is None else compare[k]) for k, n in current.items()
        ]

    @property
    def field_rows(self) -> list[Row]:
        compare = self.compare.by_field if self.compare else None
        return self._rows(self.current.by_field, compare, lambda k: Field(k).label)

    @property
    def level_rows(self) -> list[Row]:
        compare = self.compare.by_level if self.compare else None
        return self._rows(self.current.by_level, compare, lambda k: RecognitionLevel(k).label)

    @property
    def kind_rows(self) -> list[Row]:
        compare = self.compare.by_kind if self.compare else None
        return self._rows(self.current.by_kind, compare, lambda k: Kind(k).label)

    @property
    def matrix(self) -> list[tuple[str, list[int], int]]:
        """Rows by field, columns by level (top down), with the row total."""
        return [
            (str(Field(f).label), [self.current.cell(f, lv) for lv in LEVEL_ORDER], self.current.by_field[f])
            for f in Field.values
        ]

    @property
    def narrative(self) -> str:
        return narrative(self)


def _recognised(base: QuerySet[EmulationModel], unit: Unit | None) -> QuerySet[EmulationModel]:
    qs = base.filter(status__in=Status.recognised_values(), decision_date__isnull=False)
    return qs.filter(subtree_q(unit)) if unit is not None else qs


def _between(qs: QuerySet, start: int, end: int) -> QuerySet:
    return qs.filter(
        decision_date__gte=datetime.date(start, 1, 1), decision_date__lte=datetime.date(end, 12, 31)
    )


def _breakdowns(qs: QuerySet[EmulationModel]) -> dict[int, Breakdown]:
    """One GROUP BY: decision date × field × level × kind, folded into years here.

    Grouping on the date column itself keeps SQLite from calling a Python function on
    every row; decisions fall on few dates, so the groups stay few.
    """
    years: dict[int, Breakdown] = defaultdict(Breakdown)
    rows = qs.values("decision_date", "field", "recognition_level", "kind").annotate(n=Count("pk")).order_by()
    for row in rows:
        years[row["decision_date"].year].add(row["field"], row["recognition_level"], row["kind"], row["n"])
    return years


def _funnel(base: QuerySet[EmulationModel], unit: Unit | None, start: int, end: int) -> Funnel:
    qs = base.filter(year__gte=start, year__lte=end)
    if unit is not None:
        qs = qs.filter(subtree_q(unit))
    recognised = Q(status__in=Status.recognised_values())
    awards = {
        f"award_{value}": Count("pk", filter=recognised & Q(award=value)) for value in Award.values if value
    }
    counts = qs.aggregate(
        registered=Count("pk"),
        self_assessed=Count("pk", filter=~Q(status=Status.REGISTERED)),
        appraised=Count("pk", filter=Q(appraisal_score__isnull=False)),
        recognised=Count("pk", filter=recognised),
        not_recognised=Count("pk", filter=Q(status=Status.NOT_RECOGNISED)),
        pending=Count("pk", filter=Q(status__in=Status.open_values())),
        replicated=Count("pk", filter=Q(status=Status.REPLICATED)),
        outstanding=Count("pk", filter=recognised & Q(is_outstanding=True)),
        collective=Count("pk", filter=recognised & Q(kind=Kind.COLLECTIVE)),
        individual=Count("pk", filter=recognised & Q(kind=Kind.INDIVIDUAL)),
        **awards,
    )
    # One query: awards counted beside the rest (a GROUP BY of its own picked a poor plan on SQLite).
    given = {str(Award(key.removeprefix("award_")).label): counts.pop(key) for key in awards}
    return Funnel(**counts, awards={label: n for label, n in given.items() if n})


def recognition_stats(
    *,
    base: QuerySet[EmulationModel],
    year_from: int,
    year_to: int,
    compare_year: int | None = None,
    unit: Unit | None = None,
) -> RecognitionStats:
    """``base`` is already scoped (the user's subtree, or every model for the public showcase)."""
    if year_to < year_from:
        year_from, year_to = year_to, year_from
    recognised = _recognised(base, unit)
    years = _breakdowns(_between(recognised, year_from, year_to))
    current = Breakdown()
    for breakdown in years.values():
        for (f, lv, k), n in breakdown.cells.items():
            current.add(f, lv, k, n)
    compare = None
    if compare_year is not None:
        compare = _breakdowns(_between(recognised, compare_year, compare_year)).get(compare_year, Breakdown())
    per_year = [(y, years.get(y, Breakdown())) for y in range(year_from, year_to + 1)]
    return RecognitionStats(
        year_from=year_from,
        year_to=year_to,
        compare_year=compare_year,
        unit=unit,
        current=current,
        compare=compare,
        per_year=per_year,
        funnel=_funnel(base, unit, year_from, year_to),
    )


def _models(n: int) -> str:
    return ngettext("%(n)s mô hình", "%(n)s mô hình", n) % {"n": f"{n:,}".replace(",", ".")}


def narrative(stats: RecognitionStats) -> str:
    """The review's sentence: total, by field, by level, and the change against the chosen year."""
    current = stats.current
    where = " " + unit_phrase(stats.unit) if stats.unit else ""
    if not current.total:
        return _("%(period)s,%(where)s chưa có mô hình, điển hình “Dân vận khéo” nào được công nhận.") % {
            "period": stats.period_label,
            "where": where,
        }
    fields = "; ".join(
        _("%(models)s lĩnh vực %(field)s") % {"models": _models(n), "field": Field(f).label.lower()}
        for f, n in current.by_field.items()
        if n
    )
    levels = ", ".join(
        _("%(n)s %(level)s") % {"n": n, "level": LEVEL_PHRASE[lv]} for lv, n in current.by_level.items() if n
    )
    sentence = _(
        "%(period)s,%(where)s có %(models)s, điển hình “Dân vận khéo” được công nhận (%(fields)s), "
        "trong đó %(levels)s"
    ) % {
        "period": stats.period_label,
        "where": where,
        "models": _models(current.total),
        "fields": fields,
        "levels": levels,
    }
    delta = stats.delta
    if delta is not None:
        if delta > 0:
            change = _("tăng %(models)s so với năm %(year)s") % {
                "models": _models(delta),
                "year": stats.compare_year,
            }
        elif delta < 0:
            change = _("giảm %(models)s so với năm %(year)s") % {
                "models": _models(-delta),
                "year": stats.compare_year,
            }
        else:
            change = _("bằng năm %(year)s") % {"year": stats.compare_year}
        sentence += "; " + change
    return sentence + "."
