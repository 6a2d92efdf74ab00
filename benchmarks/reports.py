"""Annual reports for the nation, a province and a commune against a single hand-written SQL.

The lower bound reads the same rows the report reads (the roll-ups of a nation's or province's
subtree, the monthly cells of deeper subtrees, for the report's months; the periodic figures and
recognised models of the subtrees) in one GROUP BY that
yields every total and every breakdown at once; no report can read those rows faster. Each side
is timed warm, as the median of runs.
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
    groups: int

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


def lower_bound_sql(
    *, parts: list[tuple[str, object]], first: int, last: int, start=None, end=None
) -> tuple[str, list]:
    """One statement over the rows the report reads: the roll-ups of nation and province subtrees,
    the monthly cells of deeper ones, grouped by every dimension a breakdown can ask for; and, as
    the report also reads them, the periodic figures of forms inside the period (summed per data
    element and option) and the models recognised in it (counted per field, level and kind)."""
    from django.db import connection

    from danvan.activities.models import DataValue
    from danvan.emulation.choices import Status
    from danvan.emulation.models import EmulationModel
    from danvan.facts.models import MonthlyCount, RollupCount
    from danvan.facts.services import ROLLUP_DEPTH
    from danvan.units.models import Unit

    quote = connection.ops.quote_name
    cells, rollups, units = (quote(m._meta.db_table) for m in (MonthlyCount, RollupCount, Unit))
    values, models = quote(DataValue._meta.db_table), quote(EmulationModel._meta.db_table)
    under = "u.path LIKE %s" if connection.vendor == "postgresql" else "u.path GLOB %s"
    wildcard = "%" if connection.vendor == "postgresql" else "*"
    every = [path + wildcard for path, _share in parts]
    in_scope = f"({' OR '.join([under] * len(every))})"
    roots = [int(p.strip("/").split("/")[-1]) for p, _share in parts if p.count("/") - 1 <= ROLLUP_DEPTH]
    deep = [p for p, _share in parts if p.count("/") - 1 > ROLLUP_DEPTH]
    selects, params = [], []
    if roots:
        selects.append(
            f"SELECT measure, dim_a, dim_b, dim_c, level, value FROM {rollups} "
            f"WHERE yyyymm BETWEEN %s AND %s AND root_id IN ({', '.join(['%s'] * len(roots))})"
        )
        params += [first, last, *roots]
    if deep:
        selects.append(
            f"SELECT c.measure, c.dim_a, c.dim_b, c.dim_c, u.level, c.value FROM {cells} c "
            f"JOIN {units} u ON u.id = c.unit_id WHERE c.yyyymm BETWEEN %s AND %s "
            f"AND ({' OR '.join([under] * len(deep))})"
        )
        params += [first, last, *(path + wildcard for path in deep)]
    selects.append(
        f"SELECT 'figure', CAST(v.data_element_id AS VARCHAR(20)), v.option_code, '', '', v.value "
        f"FROM {values} v JOIN {units} u ON u.id = v.unit_id "
        f"WHERE v.yyyymm >= %s AND v.yyyymm_end <= %s AND v.value IS NOT NULL AND {in_scope}"
    )
    params += [first, last, *every]
    if start is not None:
        recognised = list(Status.recognised_values())
        selects.append(
            f"SELECT 'model', m.field, m.recognition_level, m.kind, '', 1 FROM {models} m "
            f"JOIN {units} u ON u.id = m.unit_id WHERE m.decision_date BETWEEN %s AND %s "
            f"AND m.status IN ({', '.join(['%s'] * len(recognised))}) AND {in_scope}"
        )
        params += [start, end, *recognised, *every]
    union = " UNION ALL ".join(selects)
    sql = (
        f"SELECT measure, dim_a, dim_b, dim_c, level, SUM(value) FROM ({union}) rows_read "
        "GROUP BY measure, dim_a, dim_b, dim_c, level"
    )
    return sql, params


def reports_benchmark(*, units: dict[str, object], year: int) -> list[ReportTiming]:
    from django.db import connection

    from danvan.reports.builder import report_build
    from danvan.reports.scope import report_scope

    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    timings = []
    for scope_name, unit in units.items():
        scope = report_scope(unit=unit)
        sql, params = lower_bound_sql(
            parts=scope.parts, first=year * 100 + 1, last=year * 100 + 12, start=start, end=end
        )

        def lower_bound(sql=sql, params=params):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        groups = len(lower_bound())
        timings.append(
            ReportTiming(
                scope=scope_name,
                unit=unit.name,
                report_ms=_median_ms(lambda unit=unit: report_build(unit=unit, start=start, end=end)),
                lower_bound_ms=_median_ms(lower_bound),
                groups=groups,
            )
        )
    return timings
