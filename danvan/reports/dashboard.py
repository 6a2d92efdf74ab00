"""The unit dashboard: headline figures, overdue petitions, compliance gaps and a 12-month trend."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from danvan.facts.selectors import counts
from danvan.meetings.selectors import compliance
from danvan.petitions.selectors import overdue_q, petitions_visible_to
from danvan.units.models import Unit

from .builder import number
from .indicators import ReportPeriod
from .measures import measure_total
from .scope import report_scope


@dataclass
class Dashboard:
    unit: object
    headline: list[tuple[str, object]]
    overdue: list
    overdue_count: int
    gaps: list
    trend: dict


def _months_back(today: datetime.date, count: int) -> list[int]:
    keys, year, month = [], today.year, today.month
    for _ in range(count):
        keys.append(year * 100 + month)
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(keys))


def unit_dashboard(*, user, unit, today: datetime.date | None = None) -> Dashboard:
    from django.utils.translation import gettext as _

    today = today or timezone.localdate()
    scope = report_scope(unit=unit)
    year = ReportPeriod(today.replace(month=1, day=1), today)
    headline = [
        (
            _("Ý kiến, kiến nghị tiếp nhận từ đầu năm"),
            number(measure_total(measure="petition.received", scope=scope, period=year)),
        ),
        (
            _("Đã trả lời (tại chỗ và sau thụ lý)"),
            number(
                measure_total(measure="petition.answered_on_spot", scope=scope, period=year)
                + measure_total(measure="petition.answered", scope=scope, period=year)
            ),
        ),
        (
            _("Hội nghị, đối thoại đã tổ chức"),
            number(measure_total(measure="meeting.held", scope=scope, period=year)),
        ),
        (
            _("Ý kiến nêu tại hội nghị"),
            number(measure_total(measure="meeting.opinion", scope=scope, period=year)),
        ),
    ]
    handled_here = Unit.objects.filter(path__under=unit.path).values("pk")
    overdue_qs = petitions_visible_to(user=user).filter(overdue_q(today), handling_unit_id__in=handled_here)
    overdue = list(
        overdue_qs.select_related("handling_unit", "handling_organisation").order_by("due_date")[:10]
    )
    gaps = [r for r in compliance(unit=unit, start=year.start, end=today).requirements if r.missing]
    months = _months_back(today, 12)
    monthly = counts(
        measure="petition.received", parts=scope.parts, first=months[0], last=months[-1], by=["yyyymm"]
    )
    trend = {
        "labels": [f"{m % 100:02d}/{m // 100}" for m in months],
        "values": [number(monthly.get((m,), 0)) for m in months],
    }
    return Dashboard(
        unit=unit,
        headline=headline,
        overdue=overdue,
        overdue_count=overdue_qs.count(),
        gaps=gaps,
        trend=trend,
    )
