import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from danvan.reports.builder import previous_period, report_build, report_json, same_period_in
from danvan.units.selectors import unit_by_code


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Ngày không hợp lệ: {value} (dạng YYYY-MM-DD).") from error


class Command(BaseCommand):
    help = "Lập báo cáo cho một đơn vị và một kỳ: JSON, Word (DOCX) hoặc Excel (XLSX)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--unit", required=True, help="Mã đơn vị hành chính (đơn vị có hiệu lực vào ngày --to)."
        )
        parser.add_argument("--from", dest="start", required=True, help="Từ ngày, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", required=True, help="Đến ngày, YYYY-MM-DD.")
        parser.add_argument("--format", choices=["json", "docx", "xlsx"], default="json")
        parser.add_argument("--out", help="Tệp kết quả (mặc định: in ra màn hình với JSON).")
        parser.add_argument(
            "--compare", help="So sánh với kỳ liền trước (previous) hoặc cùng kỳ một năm (YYYY)."
        )

    def handle(self, *args, unit, start, end, format, out, compare=None, **options):
        start, end = _date(start), _date(end)
        if end < start:
            raise CommandError("Ngày kết thúc phải sau ngày bắt đầu.")
        found = unit_by_code(code=unit, day=end)
        if found is None:
            raise CommandError(f"Không tìm thấy đơn vị có mã “{unit}”.")
        against = None
        if compare == "previous":
            against = previous_period(start, end)
        elif compare:
            if not compare.isdigit():
                raise CommandError("--compare nhận “previous” hoặc một năm, ví dụ 2019.")
            against = same_period_in(int(compare), start, end)
        report = report_build(unit=found, start=start, end=end, compare=against)
        if format == "json":
            text = json.dumps(report_json(report), ensure_ascii=False, indent=2)
            if out:
                with open(out, "w", encoding="utf-8") as handle:
                    handle.write(text)
            else:
                self.stdout.write(text)
            return
        from danvan.reports import exports

        content = exports.report_docx(report) if format == "docx" else exports.report_xlsx(report)
        if not out:
            raise CommandError("Hãy chỉ định --out cho tệp Word hoặc Excel.")
        with open(out, "wb") as handle:
            handle.write(content)
        self.stdout.write(f"Đã ghi {out}")
