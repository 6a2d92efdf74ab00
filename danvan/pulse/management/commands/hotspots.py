"""Print the hot spots open on a day (today by default), judged from the records received up to it."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from danvan.pulse.hotspot_selectors import open_on
from danvan.pulse.hotspot_services import record_findings
from danvan.units.selectors import unit_by_code


class Command(BaseCommand):
    help = (
        "Hot spots open on a day as JSON objects with rule, unit (code), topic (code or null), severity and "
        "records (petition ids). --save also writes them as hot spots (as the daily scan does)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="unit code; only hot spots in its subtree")
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD: judge as if that day were today")
        parser.add_argument("--format", choices=["json", "text"], default="json")
        parser.add_argument("--save", action="store_true", help="write or update the hot spots found")

    def handle(self, *args, unit=None, as_of=None, format="json", save=False, **options):
        try:
            day = datetime.date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--as-of phải có dạng YYYY-MM-DD, không phải “{as_of}”.") from error
        within = None
        if unit:
            within = unit_by_code(code=unit, day=day)
            if within is None:
                raise CommandError(f"Không tìm thấy đơn vị có mã “{unit}”.")
        rows, findings = open_on(as_of=day, within=within)
        if save and findings:
            record_findings(findings=findings, as_of=day)
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(
                f"{row['rule']:<14} {row['unit']:<10} {row['topic'] or '-':<24} {row['severity']:<7} "
                f"{len(row['records'])} ý kiến: {row['title']}"
            )
        self.stdout.write(f"{len(rows)} điểm nóng đang mở ngày {day:%d/%m/%Y}.")
