"""manage.py check_figures PATH [--format text|json]: the figure checker on one file."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danvan.reports.figures import Check, check_text, extract_text, format_number

KIND_LABELS = {
    "sum": gettext_noop("Tổng và các phần"),
    "percent": gettext_noop("Tỷ lệ phần trăm"),
    "fraction": gettext_noop("Phân số"),
    "remainder": gettext_noop("Phần còn lại"),
    "change": gettext_noop("Tăng, giảm"),
    "other": gettext_noop("Phần và tổng"),
}


class Command(BaseCommand):
    help = "Kiểm tra số liệu trong một báo cáo (.txt hoặc .docx): tìm các con số không khớp nhau."
    requires_system_checks: list[str] = []  # reads one file; a half-configured project must not stop it

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Tệp báo cáo .txt (UTF-8) hoặc .docx")
        parser.add_argument("--format", choices=("text", "json"), default="text", help="Kiểu kết quả in ra")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            text = extract_text(options["path"])
        except ValueError as error:
            # Exit code 2, so that scripts can tell "cannot read" from "found problems" (1).
            raise CommandError(str(error), returncode=2) from None
        result = check_text(text)
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(self._as_text(result.findings, len(result.checks)))
        if result.findings:
            raise SystemExit(1)

    def _as_text(self, findings: list[Check], checked: int) -> str:
        if not findings:
            return _(
                "Không phát hiện số liệu nào không khớp (đã kiểm tra %(checked)s quan hệ giữa các con số)."
            ) % {"checked": checked}
        lines = [
            _("Phát hiện %(count)s chỗ số liệu không khớp (trong %(checked)s quan hệ đã kiểm tra):")
            % {"count": len(findings), "checked": checked},
        ]
        for number, finding in enumerate(findings, start=1):
            figures = "; ".join(format_number(figure) for figure in finding.figures)
            values = {
                "expected": _figure(finding, finding.expected),
                "stated": _figure(finding, finding.stated),
            }
            if finding.kind in ("fraction", "other"):
                compared = _("Không được vượt quá: %(expected)s — ghi trong văn bản: %(stated)s") % values
            else:
                compared = _("Tính được: %(expected)s — ghi trong văn bản: %(stated)s") % values
            lines += [
                "",
                f"{number}. [{_(KIND_LABELS[finding.kind])}] {finding.message}",
                "   " + _("Câu: “%(sentence)s”") % {"sentence": finding.sentence},
                "   " + _("Các con số: %(figures)s") % {"figures": figures},
                "   " + compared,
            ]
        return "\n".join(lines)


def _figure(finding: Check, value: Fraction | None) -> str:
    if value is None:
        return "—"
    if finding.percent:
        return format_number(value, finding.decimals) + "%"
    return format_number(value)
