"""A report in Word (the Decree 30/2020 and Hướng dẫn 36 layout) and in Excel."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from danvan.documents.decree30 import PARTY, Decree30Document, Issuer

from .builder import Report, label, number
from .labels import labelled
from .narrative import n

LEVEL_ISSUER = {
    "province": "TỈNH ỦY",
    "district": "HUYỆN ỦY",
    "commune": "ĐẢNG ỦY",
    "nation": "BAN CHẤP HÀNH TRUNG ƯƠNG",
}


def _members(value) -> str:
    return "\n".join(
        f"{dim}: " + "; ".join(f"{member} {n(v)}" for member, v in members)
        for dim, members in labelled(value.breakdowns)
    )


def report_docx(
    report: Report,
    *,
    narrative: Sequence[str] | None = None,
    number_text: str = "",
    day: datetime.date | None = None,
) -> bytes:
    unit = report.unit
    doc = Decree30Document(kind=PARTY, title=_("Báo cáo công tác dân vận"))
    doc.header(
        issuer=Issuer(
            name="BAN DÂN VẬN",
            parent=f"{LEVEL_ISSUER.get(unit.level, 'ĐẢNG ỦY')} {unit.short_name}".upper(),
            kind=PARTY,
        ),
        number=number_text or "   -BC/BDV",
        place=unit.short_name or unit.name,
        day=day or datetime.date.today(),
    )
    doc.title(
        "BÁO CÁO",
        _("Kết quả công tác dân vận từ ngày %(start)s đến ngày %(end)s")
        % {"start": report.period.start.strftime("%d/%m/%Y"), "end": report.period.end.strftime("%d/%m/%Y")},
    )
    for line in narrative if narrative is not None else report.narrative:
        if line.strip():
            doc.paragraph(line.strip())
    for note in report.notes:
        doc.paragraph(note, italic=True)
    doc.paragraph(_("Số liệu chi tiết"), bold=True, indent=False)
    rows = [
        [str(index), label(key, value), n(value.value), _members(value)]
        for index, (key, value) in enumerate(report.values.items(), start=1)
    ]
    doc.table(
        [_("STT"), _("Chỉ tiêu"), _("Số liệu"), _("Chi tiết")],
        rows,
        widths_mm=[12, 70, 25, 58],
        align=["center", "left", "right", "left"],
        size=12,
    )
    if report.findings:
        doc.paragraph(_("Số liệu cần rà soát"), bold=True, indent=False)
        for finding in report.findings:
            doc.paragraph(f"- {finding.message}", indent=False)
    doc.signature(
        on_behalf="T/M BAN DÂN VẬN",
        position="TRƯỞNG BAN",
        recipients=[_("Thường trực cấp ủy (b/c),"), _("Lưu Ban Dân vận.")],
    )
    return doc.to_bytes()


def report_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Chỉ tiêu")
    sheet.append(
        [_("Đơn vị"), report.unit.name, _("Từ ngày"), report.period.start, _("Đến ngày"), report.period.end]
    )
    sheet.append([])
    sheet.append([_("Mã chỉ tiêu"), _("Chỉ tiêu"), _("Số liệu")])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for key, value in report.values.items():
        sheet.append([key, label(key, value), number(value.value)])
    details = workbook.create_sheet(_("Chi tiết"))
    details.append([_("Mã chỉ tiêu"), _("Chỉ tiêu"), _("Phân tổ"), _("Thành phần"), _("Số liệu")])
    for key, value in report.values.items():
        for dim, members in labelled(value.breakdowns):
            for member, v in members:
                details.append([key, label(key, value), dim, member, number(v)])
    findings = workbook.create_sheet(_("Rà soát"))
    findings.append([_("Quy tắc"), _("Nội dung")])
    for finding in report.findings:
        findings.append([finding.rule, finding.message])
    narrative = workbook.create_sheet(_("Nội dung"))
    for line in [*report.narrative, *report.notes]:
        narrative.append([line])
    for ws in (sheet, details):
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 55
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
