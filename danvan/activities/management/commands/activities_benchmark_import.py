"""Time the import of a generated file: ``manage.py activities_benchmark_import --rows 10000``.

Builds a throwaway province with one commune per row (wide layout) or one per five
rows (long layout), writes the file, imports it as a superuser and reports the time.
Everything is rolled back unless ``--keep`` is given. Run it on a scratch database.
"""

from __future__ import annotations

import csv
import datetime
import io
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from openpyxl import Workbook

from danvan.activities import catalogue, imports
from danvan.activities.models import DataSet, DataValue
from danvan.activities.periods import Period
from danvan.units.choices import Level, Tree
from danvan.units.models import Unit

ELEMENTS = ["received", "settled_on_time", "settled_late", "in_progress", "returned"]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the import of a generated file of periodic figures (rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument("--layout", choices=["wide", "long"], default="wide")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--submit", action="store_true", help="also submit the forms that pass the rules")
        parser.add_argument("--keep", action="store_true", help="keep the generated units and figures")

    def handle(self, *args, rows: int, layout: str, format: str, submit: bool, keep: bool, **options):
        catalogue.install()
        try:
            with transaction.atomic():
                self._run(rows, layout, format, submit)
                if not keep:
                    raise Rollback
                committing = time.monotonic()
            self.stdout.write(
                f"committed in {time.monotonic() - committing:.2f} s (deferred key checks included)"
            )
        except Rollback:
            self.stdout.write("rolled back")

    def _run(self, rows: int, layout: str, file_format: str, submit: bool) -> None:
        units_needed = rows if layout == "wide" else -(-rows // len(ELEMENTS))
        started = time.monotonic()
        communes = self._tree(units_needed)
        period = Period("quarter", 2025, 4)
        content = self._file(communes, period, layout, file_format, rows)
        prepared = time.monotonic() - started
        actor = get_user_model().objects.create(username=f"benchmark-{time.time_ns()}", is_superuser=True)
        data_set = DataSet.objects.get(code="ho-so-thu-tuc-hanh-chinh")
        started = time.monotonic()
        result = imports.import_file(
            actor=actor,
            data_set=data_set,
            file_name=f"benchmark.{file_format}",
            content=content,
            submit=submit,
        )
        seconds = time.monotonic() - started
        if not result.ok:
            for error in result.errors[:10]:
                self.stderr.write(f"{error.row} {error.column} {error.reason}")
            raise SystemExit(1)
        again = time.monotonic()
        duplicate = imports.import_file(
            actor=actor, data_set=data_set, file_name="again", content=content, submit=submit
        )
        again = time.monotonic() - again
        assert duplicate.duplicate_of is not None
        self.stdout.write(
            f"{connection.vendor}: {layout} {file_format}, {result.rows} rows, "
            f"{result.values_written} values, "
            f"{result.submissions} forms ({result.submitted} submitted): import {seconds:.2f} s "
            f"(setup {prepared:.1f} s; same file again {again:.2f} s); "
            f"values in table: {DataValue.objects.filter(batch=result.batch).count()}"
        )

    def _tree(self, count: int) -> list[Unit]:
        stamp = f"{time.time_ns() % 10**6:06d}"
        day = datetime.date(2025, 7, 1)
        province = Unit(
            tree=Tree.SINCE_2025,
            level=Level.PROVINCE,
            code=f"B{stamp}",
            name=f"Tỉnh Đo {stamp}",
            valid_from=day,
            search_key="",
            path="",
        )
        province.save()
        province.path = f"/{province.pk}/"
        province.save(update_fields=["path"])
        communes = Unit.objects.bulk_create(
            [
                Unit(
                    tree=Tree.SINCE_2025,
                    level=Level.COMMUNE,
                    code=f"B{stamp}{n:06d}",
                    name=f"Xã Đo {n}",
                    parent=province,
                    valid_from=day,
                    search_key="",
                    path="",
                )
                for n in range(count)
            ],
            batch_size=2000,
        )
        if communes and communes[0].pk is None:  # databases that do not return keys
            communes = list(Unit.objects.filter(parent=province).order_by("pk"))
        for commune in communes:
            commune.path = f"{province.path}{commune.pk}/"
        Unit.objects.bulk_update(communes, ["path"], batch_size=2000)
        return communes

    def _file(self, communes, period: Period, layout: str, file_format: str, rows: int) -> bytes:
        if layout == "wide":
            table = [["ma_don_vi", "ky", *ELEMENTS]]
            table += [
                [c.code, period.key, 100 + i % 50, 80, 5, 10, 5 + i % 50] for i, c in enumerate(communes)
            ]
        else:
            table = [["ma_don_vi", "ky", "chi_tieu", "gia_tri"]]
            values = dict(zip(ELEMENTS, [100, 80, 5, 10, 5], strict=True))
            table += [[c.code, period.key, e, values[e]] for c in communes for e in ELEMENTS][:rows]
        if file_format == "csv":
            buffer = io.StringIO()
            csv.writer(buffer).writerows(table)
            return buffer.getvalue().encode("utf-8")
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        for row in table:
            sheet.append(row)
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()
