"""Period keys of recurring public-board items: ``2024`` (a year) and ``2024Q1`` (a quarter)."""

from __future__ import annotations

import datetime
import re

_KEY = re.compile(r"^(\d{4})(?:Q([1-4]))?$")


def period_bounds(key: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of the period; ``ValueError`` for a malformed key."""
    match = _KEY.match((key or "").strip().upper())
    if match is None:
        raise ValueError(f"invalid period key {key!r}")
    year = int(match.group(1))
    if match.group(2) is None:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    quarter = int(match.group(2))
    start = datetime.date(year, 3 * quarter - 2, 1)
    next_start = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return start, next_start - datetime.timedelta(days=1)


def period_keys(recurrence: str, start: datetime.date, end: datetime.date) -> list[str]:
    """Keys of the quarters or years that end between ``start`` and ``end`` (both included)."""
    keys = []
    for year in range(start.year, end.year + 1):
        candidates = [f"{year}Q{q}" for q in range(1, 5)] if recurrence == "quarter" else [str(year)]
        for key in candidates:
            if start <= period_bounds(key)[1] <= end:
                keys.append(key)
    return keys


def period_label(key: str) -> str:
    match = _KEY.match(key or "")
    if match is None:
        return key
    if match.group(2):
        return f"Quý {['I', 'II', 'III', 'IV'][int(match.group(2)) - 1]}/{match.group(1)}"
    return f"Năm {match.group(1)}"
