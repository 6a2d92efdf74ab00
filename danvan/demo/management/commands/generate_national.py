from django.core.management.base import BaseCommand, CommandError

from danvan.demo.national import national_generate


class Command(BaseCommand):
    help = (
        "Sinh bộ dữ liệu tổng hợp toàn quốc (thôn, hội nghị hằng tháng, ý kiến và diễn biến, mô hình "
        "“Dân vận khéo”, báo cáo số liệu định kỳ) để đo hiệu năng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--petitions", type=int, default=10_000, help="Số ý kiến, kiến nghị.")
        parser.add_argument("--years", type=int, default=1, help="Số năm dữ liệu.")
        parser.add_argument(
            "--seed", type=int, default=1, help="Hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu)."
        )
        parser.add_argument(
            "--start-year",
            type=int,
            default=None,
            help="Năm bắt đầu; mặc định tính lùi từ năm trọn vẹn gần nhất.",
        )
        parser.add_argument("--append", action="store_true", help="Sinh thêm dù đã có dữ liệu sinh tự động.")
        parser.add_argument("--no-aggregates", action="store_true", help="Không tính lại số liệu tổng hợp.")
        parser.add_argument("--no-emulation", action="store_true", help="Không sinh mô hình “Dân vận khéo”.")
        parser.add_argument("--no-figures", action="store_true", help="Không sinh báo cáo số liệu định kỳ.")
        parser.add_argument(
            "--hotspot-cases",
            action="store_true",
            help="Cài các trường hợp điểm nóng (tăng đột biến, lặp lại, vượt cấp, đông người) vào cuối kỳ.",
        )

    def handle(
        self,
        *args,
        petitions,
        years,
        seed,
        start_year,
        append,
        no_aggregates,
        no_emulation,
        no_figures,
        hotspot_cases=False,
        **options,
    ):
        try:
            summary = national_generate(
                petitions=petitions,
                years=years,
                seed=seed,
                start_year=start_year,
                append=append,
                rebuild=not no_aggregates,
                emulation=not no_emulation,
                figures=not no_figures,
                hotspot_cases=hotspot_cases,
                log=self.stdout.write,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        timings = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in summary.seconds.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sinh {summary.petitions:,} ý kiến "
                f"({summary.petitions_per_second:,.0f} ý kiến/s), {summary.models:,} mô hình “Dân vận khéo”, "
                f"{summary.submissions:,} báo cáo số liệu với {summary.figures:,} ô số liệu; {timings}."
            )
        )
