"""Reporting periods: month, quarter, half-year and year, their keys, dates and Decree 09 cut-offs.

A plain module (no models) so reports can reuse it. A period is identified by a
short key, the same as DHIS2's: ``202507`` (July 2025), ``2025Q3``, ``2025S2``
(second half), ``2025`` (year). Facts carry integer month keys (``yyyymm``);
a period covers the months ``yyyymm_start`` to ``yyyymm_end``.

Nghị định 09/2019/NĐ-CP fixes the data cut-off of periodic reports: a month runs
from the 15th of the previous month to the 14th; a quarter from the 15th of the
month before it to the 14th of its last month; the first half from 15/12 to 14/6;
the year from 15/12 to 14/12. The same rule gives the second half (15/6 to 14/12)
and nine months (15/12 to 14/9).
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

MONTH = "month"
QUARTER = "quarter"
HALF_YEAR = "half_year"
NINE_MONTHS = "nine_months"
YEAR = "year"
TYPES = (MONTH, QUARTER, HALF_YEAR, NINE_MONTHS, YEAR)

# Months per period and how many periods fit in a year.
_LENGTH = {MONTH: 1, QUARTER: 3, HALF_YEAR: 6, NINE_MONTHS: 9, YEAR: 12}
_PER_YEAR = {MONTH: 12, QUARTER: 4, HALF_YEAR: 2, NINE_MONTHS: 1, YEAR: 1}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
CUTOFF_DAY = 15  # Decree 09/2019: a period's data start on the 15th of the month before it


class PeriodError(ValueError):
    """A key or text that names no period; the message is in Vietnamese."""


def yyyymm(day: datetime.date) -> int:
    return day.year * 100 + day.month


def month_start(key: int) -> datetime.date:
    return datetime.date(key // 100, key % 100, 1)


def add_months(key: int, months: int) -> int:
    """``add_months(202511, 3) == 202602``."""
    index = (key // 100) * 12 + (key % 100 - 1) + months
    return (index // 12) * 100 + index % 12 + 1


def months_between(first: int, last: int) -> list[int]:
    """Every month key from ``first`` to ``last``, both included."""
    months, current = [], first
    while current <= last:
        months.append(current)
        current = add_months(current, 1)
    return months


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period; ``index`` is the month, quarter or half within ``year`` (1 for a year)."""

    type: str
    year: int
    index: int = 1

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise PeriodError(_("Loại kỳ báo cáo không hợp lệ: %(type)s.") % {"type": self.type})
        if not 1 <= self.index <= _PER_YEAR[self.type]:
            raise PeriodError(_("Kỳ báo cáo không hợp lệ."))
        if not 1900 <= self.year <= 9999:
            raise PeriodError(_("Năm %(year)s nằm ngoài phạm vi.") % {"year": self.year})

    # --- keys and labels ---------------------------------------------------------------------

    @property
    def key(self) -> str:
        if self.type == MONTH:
            return f"{self.year}{self.index:02d}"
        if self.type == QUARTER:
            return f"{self.year}Q{self.index}"
        if self.type == HALF_YEAR:
            return f"{self.year}S{self.index}"
        if self.type == NINE_MONTHS:
            return f"{self.year}N9"
        return str(self.year)

    def __str__(self) -> str:
        return self.key

    @property
    def label(self) -> str:
        """How Vietnamese reports name the period: "Quý III/2025", "6 tháng đầu năm 2025"."""
        if self.type == MONTH:
            return _("Tháng %(month)s/%(year)s") % {"month": self.index, "year": self.year}
        if self.type == QUARTER:
            return _("Quý %(quarter)s/%(year)s") % {"quarter": ROMAN[self.index], "year": self.year}
        if self.type == HALF_YEAR:
            if self.index == 1:
                return _("6 tháng đầu năm %(year)s") % {"year": self.year}
            return _("6 tháng cuối năm %(year)s") % {"year": self.year}
        if self.type == NINE_MONTHS:
            return _("9 tháng đầu năm %(year)s") % {"year": self.year}
        return _("Năm %(year)s") % {"year": self.year}

    # --- months and dates --------------------------------------------------------------------

    @property
    def first_month(self) -> int:
        return (self.index - 1) * _LENGTH[self.type] + 1 if self.type != NINE_MONTHS else 1

    @property
    def yyyymm_start(self) -> int:
        return self.year * 100 + self.first_month

    @property
    def yyyymm_end(self) -> int:
        return add_months(self.yyyymm_start, _LENGTH[self.type] - 1)

    @property
    def months(self) -> list[int]:
        return months_between(self.yyyymm_start, self.yyyymm_end)

    @property
    def start(self) -> datetime.date:
        return month_start(self.yyyymm_start)

    @property
    def end(self) -> datetime.date:
        last = self.yyyymm_end
        year, month = last // 100, last % 100
        return datetime.date(year, month, calendar.monthrange(year, month)[1])

    @property
    def cutoff_start(self) -> datetime.date:
        """Decree 09/2019: the 15th of the month before the period."""
        return month_start(add_months(self.yyyymm_start, -1)).replace(day=CUTOFF_DAY)

    @property
    def cutoff_end(self) -> datetime.date:
        """Decree 09/2019: the 14th of the period's last month."""
        return month_start(self.yyyymm_end).replace(day=CUTOFF_DAY - 1)

    def dates(self, *, cutoff: bool = False) -> tuple[datetime.date, datetime.date]:
        return (self.cutoff_start, self.cutoff_end) if cutoff else (self.start, self.end)

    def contains(self, day: datetime.date, *, cutoff: bool = False) -> bool:
        first, last = self.dates(cutoff=cutoff)
        return first <= day <= last

    def contains_period(self, other: Period) -> bool:
        return self.yyyymm_start <= other.yyyymm_start and other.yyyymm_end <= self.yyyymm_end

    # --- neighbours --------------------------------------------------------------------------

    def shift(self, steps: int) -> Period:
        if self.type in (YEAR, NINE_MONTHS):
            return Period(self.type, self.year + steps, 1)
        ordinal = self.year * _PER_YEAR[self.type] + self.index - 1 + steps
        return Period(self.type, ordinal // _PER_YEAR[self.type], ordinal % _PER_YEAR[self.type] + 1)

    def next(self) -> Period:
        return self.shift(1)

    def previous(self) -> Period:
        return self.shift(-1)

    def is_future(self, today: datetime.date) -> bool:
        """Not started yet on ``today``: nobody reports on it."""
        return self.start > today

    def is_over(self, today: datetime.date) -> bool:
        return self.end < today

    def due_date(self, days_after_end: int) -> datetime.date:
        return self.end + datetime.timedelta(days=days_after_end)

    # --- construction ------------------------------------------------------------------------

    @classmethod
    def of(cls, period_type: str, day: datetime.date) -> Period:
        """The calendar period of ``period_type`` that contains ``day``."""
        return cls._of_month(period_type, day.year, day.month)

    @classmethod
    def of_cutoff(cls, period_type: str, day: datetime.date) -> Period:
        """The period whose Decree 09 cut-off window contains ``day`` (from the 15th on, the next month)."""
        key = yyyymm(day)
        if day.day >= CUTOFF_DAY:
            key = add_months(key, 1)
        return cls._of_month(period_type, key // 100, key % 100)

    @classmethod
    def _of_month(cls, period_type: str, year: int, month: int) -> Period:
        if period_type in (YEAR, NINE_MONTHS):
            return cls(period_type, year, 1)
        length = _LENGTH.get(period_type)
        if length is None:
            raise PeriodError(_("Loại kỳ báo cáo không hợp lệ: %(type)s.") % {"type": period_type})
        return cls(period_type, year, (month - 1) // length + 1)

    @classmethod
    def parse(cls, text: object, period_type: str | None = None) -> Period:
        """A period from its key or from how people write it.

        Accepts ``202507``, ``2025-07``, ``7/2025``, ``Tháng 7/2025``, ``2025Q3``, ``Q3/2025``,
        ``Quý III/2025``, ``2025S1``, ``6 tháng đầu năm 2025``, ``2025``, ``Năm 2025``. When
        ``period_type`` is given, a period of another type is refused.
        """
        period = _parse(text)
        if period_type and period.type != period_type:
            raise PeriodError(
                _("“%(text)s” không phải kỳ %(expected)s (ví dụ: %(example)s).")
                % {
                    "text": text,
                    "expected": type_label(period_type).lower(),
                    "example": EXAMPLES[period_type],
                }
            )
        return period


EXAMPLES = {MONTH: "202507", QUARTER: "2025Q3", HALF_YEAR: "2025S2", NINE_MONTHS: "2025N9", YEAR: "2025"}


def type_label(period_type: str) -> str:
    """The type's name in the active language."""
    return {
        MONTH: _("Tháng"),
        QUARTER: _("Quý"),
        HALF_YEAR: _("6 tháng"),
        NINE_MONTHS: _("9 tháng"),
        YEAR: _("Năm"),
    }[period_type]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.strip().lower()).replace("đ", "d")
    return "".join(c for c in text if not unicodedata.combining(c))


_ROMAN_INDEX = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^nam (\d{4})$"), "year"),
    (re.compile(r"^(\d{4})(\d{2})$"), "month_ym"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month_ym"),
    (re.compile(r"^(?:thang )?(\d{1,2})[/.-](\d{4})$"), "month_my"),
    (re.compile(r"^(\d{4})q([1-4])$"), "quarter_yq"),
    (re.compile(r"^q([1-4])[/.-](\d{4})$"), "quarter_qy"),
    (re.compile(r"^quy (i{1,3}|iv|[1-4])[/.-](\d{4})$"), "quarter_qy"),
    (re.compile(r"^quy (i{1,3}|iv|[1-4]) nam (\d{4})$"), "quarter_qy"),
    (re.compile(r"^(\d{4})s([12])$"), "half_ys"),
    (re.compile(r"^s([12])[/.-](\d{4})$"), "half_sy"),
    (re.compile(r"^6 thang (dau|cuoi) nam (\d{4})$"), "half_words"),
    (re.compile(r"^(\d{4})n9$"), "nine"),
    (re.compile(r"^9 thang (?:dau )?nam (\d{4})$"), "nine"),
]


def _parse(text: object) -> Period:
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    raw = str(text if text is not None else "").strip()
    folded = re.sub(r"\s+", " ", _fold(raw))
    for pattern, kind in _PATTERNS:
        match = pattern.match(folded)
        if not match:
            continue
        groups = match.groups()
        try:
            if kind == "year":
                return Period(YEAR, int(groups[0]))
            if kind == "month_ym":
                return Period(MONTH, int(groups[0]), int(groups[1]))
            if kind == "month_my":
                return Period(MONTH, int(groups[1]), int(groups[0]))
            if kind == "quarter_yq":
                return Period(QUARTER, int(groups[0]), int(groups[1]))
            if kind == "quarter_qy":
                quarter = groups[0]
                return Period(QUARTER, int(groups[1]), _ROMAN_INDEX.get(quarter) or int(quarter))
            if kind == "half_ys":
                return Period(HALF_YEAR, int(groups[0]), int(groups[1]))
            if kind == "half_sy":
                return Period(HALF_YEAR, int(groups[1]), int(groups[0]))
            if kind == "half_words":
                return Period(HALF_YEAR, int(groups[1]), 1 if groups[0] == "dau" else 2)
            return Period(NINE_MONTHS, int(groups[0]))
        except PeriodError:
            break
    raise PeriodError(
        _("Không hiểu kỳ báo cáo “%(text)s” (ví dụ: 202507, 2025Q3, 2025S2, 2025).") % {"text": raw}
    )


def recent(
    period_type: str, *, today: datetime.date, count: int, include_current: bool = True
) -> list[Period]:
    """The ``count`` latest periods, newest first; the current one (not yet over) first if asked."""
    current = Period.of(period_type, today)
    first = current if include_current else current.previous()
    return [first.shift(-i) for i in range(count)]


def periods_between(period_type: str, first_day: datetime.date, last_day: datetime.date) -> Iterator[Period]:
    """Every period of ``period_type`` that overlaps ``first_day`` … ``last_day``, oldest first."""
    period = Period.of(period_type, first_day)
    while period.start <= last_day:
        yield period
        period = period.next()
