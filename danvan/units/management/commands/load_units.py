from django.core.management.base import BaseCommand, CommandError

from danvan.units.choices import Level, Tree
from danvan.units.loading import level_counts, units_load


class Command(BaseCommand):
    help = "Nạp cây đơn vị hành chính (trước và sau 01/7/2025) từ gói vietnamadminunits."

    def handle(self, *args, **options):
        try:
            summary = units_load()
        except RuntimeError as error:
            raise CommandError(f"Không nạp được dữ liệu đơn vị hành chính: {error}") from error
        if not summary.changed:
            self.stdout.write("Cây đơn vị đã đúng với dữ liệu nguồn; không có thay đổi.")
        for label, counter in (("Thêm mới", summary.created), ("Cập nhật", summary.updated)):
            for (tree, level), count in sorted(counter.items()):
                self.stdout.write(f"{label}: {count} {Level(level).label} — {Tree(tree).label}")
        self.stdout.write(
            f"Kế thừa 2025: thêm {summary.successions_created}, cập nhật {summary.successions_updated}, "
            f"giữ nguyên {summary.successions_unchanged}."
        )
        for item in summary.missing_from_source:
            self.stderr.write(f"Không còn trong dữ liệu nguồn (giữ lại để không mất lịch sử): {item}")
        counts = level_counts()
        old, new = Tree.BEFORE_2025, Tree.SINCE_2025
        figures = {
            "p_old": counts.get((old, Level.PROVINCE), 0),
            "d_old": counts.get((old, Level.DISTRICT), 0),
            "c_old": counts.get((old, Level.COMMUNE), 0),
            "p_new": counts.get((new, Level.PROVINCE), 0),
            "c_new": counts.get((new, Level.COMMUNE), 0),
        }
        self.stdout.write(
            self.style.SUCCESS(
                "Hiện có: %(p_old)s tỉnh, %(d_old)s huyện, %(c_old)s xã (trước 2025); "
                "%(p_new)s tỉnh, %(c_new)s xã (từ 2025)." % figures
            )
        )
