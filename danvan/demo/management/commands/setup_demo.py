from django.core.management.base import BaseCommand, CommandError

from danvan.demo.services import demo_password, demo_setup
from danvan.units.models import Unit


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị và dữ liệu trình diễn (chạy lại không tạo trùng)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="Địa chỉ in ra cho người dùng.")

    def handle(self, *args, url: str, **options):
        try:
            logins = demo_setup()
        except Unit.DoesNotExist as error:
            raise CommandError(
                "Chưa có cây đơn vị hành chính; hãy chạy `manage.py load_units` trước."
            ) from error
        password = demo_password()
        self.stdout.write(self.style.SUCCESS(f"danvan sẵn sàng tại {url}/"))
        self.stdout.write(f"Đăng nhập tại {url}/tai-khoan/dang-nhap/ — mật khẩu chung: {password}")
        for login in logins:
            self.stdout.write(f"  {login.username:<15} {login.description}")
