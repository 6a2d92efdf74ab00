"""Write the REST API's OpenAPI document to docs/openapi.json, or check that the copy is current."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.api.v1 import OPENAPI_COPY, openapi_text


class Command(BaseCommand):
    help = "Ghi tài liệu OpenAPI của API v1 vào docs/openapi.json (--check: chỉ kiểm tra bản đã lưu)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=str(OPENAPI_COPY), help="Tệp đích (mặc định docs/openapi.json)."
        )
        parser.add_argument(
            "--check", action="store_true", help="Không ghi; báo lỗi nếu tệp đã lưu khác tài liệu hiện tại."
        )

    def handle(self, *args, output, check, **options):
        path = Path(output)
        text = openapi_text()
        if check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                raise CommandError(
                    f"{path} đã cũ so với API: chạy `python manage.py export_openapi` rồi commit tệp này."
                )
            self.stdout.write(f"{path} khớp với API hiện tại.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Đã ghi {path}.")
