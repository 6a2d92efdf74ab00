from django.core.management.base import BaseCommand

from danvan.facts.services import aggregates_rebuild, sources


class Command(BaseCommand):
    help = "Tính lại số liệu tổng hợp theo tháng từ hồ sơ gốc (ý kiến, hội nghị, mô hình…)."

    def add_arguments(self, parser):
        parser.add_argument("prefixes", nargs="*", help=f"Nguồn cần tính lại: {', '.join(sources()) or '—'}.")

    def handle(self, *args, prefixes, **options):
        for prefix, rows in aggregates_rebuild(prefixes=prefixes or None).items():
            self.stdout.write(f"{prefix}: {rows} ô số liệu")
