"""The inbox as an Excel workbook."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from . import permissions

EXPORT_MAX_ROWS = 100_000


def petitions_xlsx(*, petitions, user) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = _("Ý kiến, kiến nghị")
    headers = [
        _("Mã tra cứu"),
        _("Ngày tiếp nhận"),
        _("Loại"),
        _("Kênh"),
        _("Lĩnh vực"),
        _("Nơi phát sinh"),
        _("Đơn vị có thẩm quyền"),
        _("Tổ chức xử lý"),
        _("Trạng thái"),
        _("Hạn giải quyết"),
        _("Tóm tắt"),
        _("Trả lời"),
        _("Người gửi"),
        _("Điện thoại"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for petition in petitions[:EXPORT_MAX_ROWS]:
        identity = permissions.may_see_identity(user, petition)
        sheet.append(
            [
                petition.tracking_code,
                timezone.localtime(petition.received_at).replace(tzinfo=None),
                petition.get_kind_display(),
                petition.get_channel_display(),
                str(petition.topic) if petition.topic else "",
                petition.unit.name,
                petition.handling_unit.name,
                petition.handling_organisation.name if petition.handling_organisation else "",
                petition.get_status_display(),
                petition.due_date,
                petition.title,
                petition.public_answer,
                petition.citizen_name if identity else "",
                petition.citizen_phone if identity else "",
            ]
        )
    for index, width in enumerate([12, 18, 12, 18, 30, 25, 25, 30, 22, 14, 50, 50, 22, 14], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
