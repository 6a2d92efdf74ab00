"""Legal deadlines in working days: weekends and Vietnamese public holidays (lunar Tết too) are skipped."""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays

from .choices import DayType, Kind

# Defaults seeded into LegalLimit; administrators edit the table, not this.
DEFAULT_LIMITS = {
    Kind.FEEDBACK: {"resolution_days": 15, "legal_basis": "Quy định 11-QĐi/TW; mặc định của đơn vị"},
    Kind.PETITION: {"resolution_days": 15, "legal_basis": "Quy định 11-QĐi/TW; mặc định của đơn vị"},
    Kind.COMPLAINT: {
        "resolution_days": 30,
        "resolution_days_complex": 45,
        "remote_resolution_days": 45,
        "remote_resolution_days_complex": 60,
        "legal_basis": "Luật Khiếu nại 2011, Điều 28",
    },
    Kind.DENUNCIATION: {
        "resolution_days": 30,
        "max_extensions": 2,
        "extension_days": 30,
        "legal_basis": "Luật Tố cáo 2018, Điều 30",
    },
    Kind.SUGGESTION: {"resolution_days": None, "legal_basis": "Góp ý: không bắt buộc trả lời theo hạn"},
}


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("VN", years=year).keys())


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_days(start: datetime.date, days: int, day_type: str = DayType.WORKING) -> datetime.date:
    """The day ``days`` days after ``start``; the start day itself is not counted."""
    if day_type == DayType.CALENDAR:
        return start + datetime.timedelta(days=days)
    day, left = start, days
    while left > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when end is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day)
    return count


def resolution_days(limit, *, is_complex: bool, is_remote: bool) -> int | None:
    if is_remote:
        days = (limit.remote_resolution_days_complex if is_complex else None) or limit.remote_resolution_days
        if days:
            return days
    if is_complex and limit.resolution_days_complex:
        return limit.resolution_days_complex
    return limit.resolution_days
