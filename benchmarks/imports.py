"""Importing 100,000 rows of periodic figures from XLSX, in both layouts, as one national upload each.

The rows are the pre-2025 communes' quarterly dossier figures (10 quarters × 10,035 communes
covers 100,000 rows), so every row names a real unit valid in its period. Each import commits,
as a real one does (deferred foreign-key checks run then), and what it wrote is deleted after
the clock stops, so the benchmark can run again on the same database.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass

from django.db import transaction
from openpyxl import Workbook

CODE = "ho-so-thu-tuc-hanh-chinh"
ELEMENTS = ["received", "settled_on_time", "settled_late", "in_progress"]
QUARTERS = [f"{year}Q{quarter}" for year in (2023, 2024) for quarter in (1, 2, 3, 4)] + ["2025Q1", "2025Q2"]


@dataclass
class ImportTiming:
    layout: str
    rows: int
    values: int
    seconds: float
    ok: bool


def _workbook(rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Số liệu")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _pairs(count: int) -> list[tuple[str, str]]:
    from danvan.units.choices import Level, Tree
    from danvan.units.models import Unit

    codes = list(
        Unit.objects.filter(tree=Tree.BEFORE_2025, level=Level.COMMUNE)
        .order_by("code")
        .values_list("code", flat=True)
    )
    pairs = [(code, quarter) for quarter in QUARTERS for code in codes]
    return pairs[:count]


def workbook_template(rows: int) -> bytes:
    header = ["Mã đơn vị [ma_don_vi]", "Kỳ báo cáo [ky]", *(f"[{element}]" for element in ELEMENTS)]
    return _workbook([header, *([code, quarter, 10, 5, 1, 1] for code, quarter in _pairs(rows))])


def workbook_list(rows: int) -> bytes:
    values = dict(zip(ELEMENTS, (10, 5, 1, 1), strict=True))
    pairs = _pairs((rows + len(ELEMENTS) - 1) // len(ELEMENTS))
    lines = [[code, quarter, element, "", values[element]] for code, quarter in pairs for element in ELEMENTS]
    return _workbook([["ma_don_vi", "ky", "chi_tieu", "phan_to", "gia_tri"], *lines[:rows]])


@transaction.atomic
def _forget(batch) -> None:
    """Delete what one import wrote: its figures, the forms it created, their events, the batch."""
    from django.db import connection

    from danvan.activities.choices import EventKind
    from danvan.activities.models import DataValue, ImportBatch, Submission, SubmissionEvent

    quote = connection.ops.quote_name
    values, events, forms, batches = (
        quote(m._meta.db_table) for m in (DataValue, SubmissionEvent, Submission, ImportBatch)
    )
    created = f"SELECT submission_id FROM {events} WHERE batch_id = %s AND kind = %s"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {values} WHERE batch_id = %s", [batch.pk])
        cursor.execute(f"CREATE TEMPORARY TABLE bench_forms AS {created}", [batch.pk, EventKind.CREATED])
        cursor.execute(f"DELETE FROM {events} WHERE submission_id IN (SELECT submission_id FROM bench_forms)")
        cursor.execute(f"DELETE FROM {events} WHERE batch_id = %s", [batch.pk])
        cursor.execute(f"DELETE FROM {forms} WHERE id IN (SELECT submission_id FROM bench_forms)")
        cursor.execute("DROP TABLE bench_forms")
        cursor.execute(f"DELETE FROM {batches} WHERE id = %s", [batch.pk])


def imports_benchmark(*, actor, rows: int) -> list[ImportTiming]:
    from danvan.activities.imports import import_file
    from danvan.activities.models import DataSet

    data_set = DataSet.objects.get(code=CODE)
    timings = []
    for layout, build in (("template", workbook_template), ("list", workbook_list)):
        content = build(rows)
        started = time.perf_counter()
        result = import_file(
            actor=actor, data_set=data_set, file_name=f"{layout}.xlsx", content=content, submit=True
        )
        seconds = time.perf_counter() - started
        if result.ok:
            _forget(result.batch)
        if not result.ok:
            first = "; ".join(f"row {e.row}: {e.reason}" for e in result.errors[:3])
            raise RuntimeError(f"the {layout} import failed ({result.error_total} errors): {first}")
        timings.append(ImportTiming(layout, result.rows, result.values_written, seconds, result.ok))
    return timings
