from django.core.management.base import BaseCommand, CommandError

from danvan.demo.seeds import SCENARIOS, load


class Command(BaseCommand):
    help = "Nạp các kịch bản dữ liệu mẫu tái hiện số liệu của các báo cáo gốc (chạy lại không nạp trùng)."

    def add_arguments(self, parser):
        parser.add_argument("scenarios", nargs="*", help="Tên kịch bản; mặc định tất cả.")

    def handle(self, *args, scenarios, **options):
        unknown = [s for s in scenarios if s not in SCENARIOS]
        if unknown:
            raise CommandError(f"Không có kịch bản: {', '.join(unknown)}. Có: {', '.join(SCENARIOS)}.")
        try:
            loaded = load(scenarios or None, stdout=self.stdout)
        except RuntimeError as error:
            raise CommandError("Hãy chạy `manage.py setup_demo` trước để có tài khoản quản trị.") from error
        if not loaded:
            self.stdout.write("Các kịch bản mẫu đã được nạp từ trước.")
