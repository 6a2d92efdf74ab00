"""What the hot-spot rules stand on: days and Tết, the Poisson tail, and who counts as the same sender.

Pure functions (no database), so each can be tested and reasoned about alone.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import math
import re
from collections import defaultdict

import holidays
from django.utils import timezone

from danvan.textproc.folding import fold

TET_BEFORE, TET_AFTER = 7, 21  # days around the lunar new year whose volumes are not ordinary


# --- time ----------------------------------------------------------------------------------------


def day_end(day: datetime.date) -> datetime.datetime:
    """The first moment after ``day``, local time: records "up to the day" are those before it."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


@functools.cache
def tet_days(year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the lunar new year holiday in Việt Nam that year."""
    days = sorted(d for d, name in holidays.Vietnam(years=year).items() if "Lunar New Year" in name)
    return (days[0], days[-1]) if days else (datetime.date(year, 2, 1), datetime.date(year, 2, 1))


def tet_period(year: int) -> tuple[datetime.date, datetime.date]:
    first, last = tet_days(year)
    return first - datetime.timedelta(days=TET_BEFORE), last + datetime.timedelta(days=TET_AFTER)


def touches_tet(start: datetime.date, end: datetime.date) -> bool:
    """Whether the days ``start``…``end`` (inclusive) overlap a Tết period."""
    for year in {start.year, end.year}:
        low, high = tet_period(year)
        if start <= high and low <= end:
            return True
    return False


def poisson_tail(count: int, expected: float) -> float:
    """P(X ≥ count) for X ~ Poisson(expected), summed in log space (no underflow for big counts)."""
    expected = max(expected, 1e-9)
    if count <= expected:
        return 1.0
    total, k = 0.0, count
    log_lambda = math.log(expected)
    while True:
        term = math.exp(-expected + k * log_lambda - math.lgamma(k + 1))
        total += term
        if term < total * 1e-12 or k > count + 10_000:
            return min(1.0, total)
        k += 1


# --- who is the same sender ----------------------------------------------------------------------


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    return "0" + digits[2:] if digits.startswith("84") and len(digits) >= 11 else digits


def contact_tokens(*, phone: str, email: str, address: str) -> set[str]:
    tokens = set()
    if len(digits := _digits(phone)) >= 8:
        tokens.add(f"t:{digits}")
    if email and "@" in email:
        tokens.add(f"e:{email.strip().lower()}")
    if len(folded := " ".join(fold(address or "").split())) >= 6:
        tokens.add(f"a:{folded}")
    return tokens


def sender_key(name: str, token: str) -> str:
    return hashlib.sha1(f"{name}|{token}".encode()).hexdigest()[:16]


def senders(rows: list[dict]) -> list[list[dict]]:
    """Group petitions by sender: the same folded name and a shared phone, e-mail or address."""
    by_name: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        name = " ".join(fold(row["citizen_name"]).split())
        tokens = contact_tokens(
            phone=row["citizen_phone"], email=row["citizen_email"], address=row["citizen_address"]
        )
        if name and tokens:
            row["_name"], row["_tokens"] = name, tokens
            by_name[name].append(row)
    groups = []
    for name_rows in by_name.values():
        parent = list(range(len(name_rows)))

        def find(i, parent=parent):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        first_seen: dict[str, int] = {}
        for i, row in enumerate(name_rows):
            for token in row["_tokens"]:
                if token in first_seen:
                    parent[find(i)] = find(first_seen[token])
                else:
                    first_seen[token] = i
        components: dict[int, list[dict]] = defaultdict(list)
        for i, row in enumerate(name_rows):
            components[find(i)].append(row)
        groups.extend(c for c in components.values() if len(c) >= 2)
    return groups
