"""Annual reports for the nation, a province and a commune against a single hand-written SQL.

The lower bound reads the same rows the report reads (the monthly pre-aggregates of the
report's subtrees and months) in one GROUP BY that yields every total and every breakdown at
once; no report can read those rows faster. Each side is timed warm, as the median of runs.
"""

from __future__ import annotations

import datetime
import statistics
import time
from dataclasses import dataclass

REPEATS = 5


@dataclass
class ReportTiming:
    scope: str
    unit: str
    report_ms: float
    lower_bound_ms: float
    cells_read: int

    @property
    def ratio(self) -> float:
        return self.report_ms / self.lower_bound_ms if self.lower_bound_ms else 0.0


def _median_ms(function, repeats: int = REPEATS) -> float:
    function()  # warm: caches, prepared plans, the page cache
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def lower_bound_sql(*, parts: list[tuple[str, object]], first: int, last: int) -> tuple[str, list]:
    """One statement over the pre-aggregates for every measure and dimension of the scope."""
    from django.db import connection

    from danvan.facts.models import MonthlyCount
    from danvan.units.models import Unit

    cells = connection.ops.quote_name(MonthlyCount._meta.db_table)
    units = connection.ops.quote_name(Unit._meta.db_table)
    if connection.vendor == "postgresql":
        under, patterns = "u.path LIKE %s", [path + "%" for path, _share in parts]
    else:
        under, patterns = "u.path GLOB %s", [path + "*" for path, _share in parts]
    where = " OR ".join([under] * len(patterns))
    sql = (
        f"SELECT c.measure, c.dim_a, c.dim_b, c.dim_c, SUM(c.value) FROM {cells} c "
        f"JOIN {units} u ON u.id = c.unit_id "
        f"WHERE c.yyyymm BETWEEN %s AND %s AND ({where}) "
        "GROUP BY c.measure, c.dim_a, c.dim_b, c.dim_c"
    )
    return sql, [first, last, *patterns]


def reports_benchmark(*, units: dict[str, object], year: int) -> list[ReportTiming]:
    from django.db import connection

    from danvan.reports.builder import report_build
    from danvan.reports.scope import report_scope

    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    timings = []
    for scope_name, unit in units.items():
        scope = report_scope(unit=unit)
        sql, params = lower_bound_sql(parts=scope.parts, first=year * 100 + 1, last=year * 100 + 12)

        def lower_bound(sql=sql, params=params):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        cells_read = len(lower_bound())
        timings.append(
            ReportTiming(
                scope=scope_name,
                unit=unit.name,
                report_ms=_median_ms(lambda unit=unit: report_build(unit=unit, start=start, end=end)),
                lower_bound_ms=_median_ms(lower_bound),
                cells_read=cells_read,
            )
        )
    return timings
