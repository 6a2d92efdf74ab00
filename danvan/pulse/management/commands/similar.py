"""Print the records the product would show as similar to a text, within a unit's subtree."""

import json

from django.core.management.base import BaseCommand, CommandError

from danvan.pulse.selectors import MAX_LIMIT, similar_records
from danvan.units.selectors import unit_by_code


class Command(BaseCommand):
    help = "Similar records (above the product's threshold, best first) for a text in a unit's subtree."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="unit code; its whole subtree is searched")
        parser.add_argument("--text", required=True)
        parser.add_argument("--limit", type=int, default=5)
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, unit: str, text: str, limit: int, format: str, **options):
        found = unit_by_code(code=unit)
        if found is None:
            raise CommandError(f"Không tìm thấy đơn vị có mã “{unit}”.")
        if not text.strip():
            raise CommandError("Hãy nhập nội dung cần so (--text).")
        if not 1 <= limit <= MAX_LIMIT:
            raise CommandError(f"--limit phải từ 1 đến {MAX_LIMIT}.")
        records = similar_records(text=text, unit=found, trusted=True, limit=limit)
        rows = [
            {
                "id": r.petition.pk,
                "record": r.record,
                "tracking_code": r.petition.tracking_code,
                "score": r.score,
                "title": r.petition.title,
                "unit": r.petition.unit.code,
                "shared": r.shared_as_written,
            }
            for r in records
        ]
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        if not rows:
            self.stdout.write("Không có ý kiến tương tự.")
        for row in rows:
            self.stdout.write(
                f"{row['score']:.3f}  {row['tracking_code']}  {row['record']:8}  {row['title']}"
            )
            self.stdout.write(f"       trùng: {', '.join(row['shared'])}")
