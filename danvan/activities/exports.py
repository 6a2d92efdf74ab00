"""The import template of a data set for a unit and period, as XLSX or CSV, prefilled with saved figures."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from danvan.units.models import Unit

from .choices import OPERATOR_SYMBOL, ValueType
from .imports import NAME, PERIOD, UNIT
from .models import DataSet, DataValue
from .periods import Period
from .validation import Schema

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_columns(schema: Schema) -> list[tuple[str, str]]:
    """(header, key): "Vietnamese label [code]", which the import reads back."""
    fixed = [
        (f"{_('Mã đơn vị')} [{UNIT}]", UNIT),
        (f"{_('Tên đơn vị')} [{NAME}]", NAME),
        (f"{_('Kỳ báo cáo')} [{PERIOD}]", PERIOD),
    ]
    return fixed + [(f"{cell.label} [{cell.key}]", cell.key) for cell in schema.cells]


def template_rows(*, schema: Schema, units: list[Unit], period: Period) -> list[list]:
    saved: dict[tuple[int, str], object] = {}
    rows = DataValue.objects.filter(
        submission__data_set=schema.data_set, period=period.key, unit__in=[u.pk for u in units]
    ).values_list("unit_id", "data_element__code", "option_code", "value", "text_value")
    for unit_id, code, option, value, text in rows:
        key = f"{code}.{option}" if option else code
        element = schema.by_code.get(code)
        if text and element is not None and element.value_type == ValueType.OPTION:
            text = dict(element.option_list).get(text, text)
        saved[(unit_id, key)] = text or (int(value) if value == value.to_integral_value() else float(value))
    result = []
    for unit in units:
        row = [unit.code, unit.name, period.key]
        row += [saved.get((unit.pk, cell.key)) for cell in schema.cells]
        result.append(row)
    return result


def template_xlsx(*, data_set: DataSet, units: list[Unit], period: Period) -> bytes:
    schema = Schema(data_set)
    columns = template_columns(schema)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    sheet.append([header for header, _key in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.fill = PatternFill("solid", fgColor="F3F4F6")
    for row in template_rows(schema=schema, units=units, period=period):
        sheet.append(row)
    last_row = max(len(units) + 1, 2) + 200
    for index, (_header, key) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 14 if index > 3 else (12, 32, 10)[index - 1]
        if key in (UNIT, PERIOD):
            for (cell,) in sheet.iter_rows(min_row=2, max_row=len(units) + 1, min_col=index, max_col=index):
                cell.number_format = "@"
        if key not in schema.by_key:
            continue
        element = schema.by_key[key].element
        rule = _validation_for(element)
        if rule is not None:
            sheet.add_data_validation(rule)
            rule.add(f"{letter}2:{letter}{last_row}")
    sheet.row_dimensions[1].height = 60
    sheet.freeze_panes = "D2"
    _guide(workbook.create_sheet("Hướng dẫn"), schema, period, columns)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _validation_for(element) -> DataValidation | None:
    message = _("Giá trị không hợp lệ cho “%(name)s”.") % {"name": element.name}
    if element.value_type == ValueType.INTEGER:
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    elif element.value_type in (ValueType.NUMBER, ValueType.PERCENT):
        high = (
            element.max_value
            if element.max_value is not None
            else (100 if element.value_type == "percent" else None)
        )
        low = element.min_value if element.min_value is not None else 0
        if high is None:
            rule = DataValidation(
                type="decimal", operator="greaterThanOrEqual", formula1=str(low), allow_blank=True
            )
        else:
            rule = DataValidation(
                type="decimal", operator="between", formula1=str(low), formula2=str(high), allow_blank=True
            )
    elif element.value_type == ValueType.OPTION and element.option_list:
        names = ",".join(name.replace(",", " ") for _code, name in element.option_list)
        rule = DataValidation(type="list", formula1=f'"{names}"', allow_blank=True)
    elif element.value_type == ValueType.BOOLEAN:
        rule = DataValidation(type="list", formula1='"có,không"', allow_blank=True)
    else:  # pragma: no cover - every value type is handled above
        return None
    rule.error, rule.errorTitle, rule.showErrorMessage = message, _("Số liệu không hợp lệ"), True
    return rule


def _guide(sheet, schema: Schema, period: Period, columns) -> None:
    bold = Font(bold=True)
    sheet.append([schema.data_set.name])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Kỳ báo cáo: %(period)s (mã %(key)s)") % {"period": period.label, "key": period.key}])
    sheet.append([])
    for line in (
        _("Mỗi dòng là một đơn vị trong một kỳ; mỗi cột là một ô số liệu. Giữ nguyên dòng tiêu đề."),
        _("Ô để trống thì không ghi; số đã nhập trước đó được giữ nguyên."),
        _("Nhập lại cùng một tệp không làm số liệu bị tính hai lần."),
        _("Chỉ cần một dòng sai là cả tệp không được nhập; hệ thống báo dòng, cột và lý do."),
        _("Có thể nhập nhiều kỳ trong một tệp: ghi mã kỳ ở cột Kỳ báo cáo (ví dụ %(key)s).")
        % {"key": period.key},
    ):
        sheet.append([line])
    sheet.append([])
    sheet.append([_("Cột"), _("Mã"), _("Kiểu giá trị"), _("Bắt buộc"), _("Hướng dẫn")])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for index, (header, key) in enumerate(columns, start=1):
        cell = schema.by_key.get(key)
        if cell is None:
            sheet.append([get_column_letter(index), key, _("Văn bản"), _("có"), header])
            continue
        sheet.append(
            [
                get_column_letter(index),
                key,
                cell.element.get_value_type_display(),
                _("có") if cell.element.is_required else "",
                cell.element.help_text or cell.label,
            ]
        )
    if schema.rules:
        sheet.append([])
        sheet.append([_("Quy tắc kiểm tra")])
        sheet[sheet.max_row][0].font = bold
        for parsed in schema.rules:
            rule = parsed.rule
            sheet.append(
                [
                    rule.get_importance_display(),
                    f"{rule.left} {OPERATOR_SYMBOL[rule.operator]} {rule.right}",
                    rule.message,
                ]
            )
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 30
    sheet.column_dimensions["E"].width = 60


def template_csv(*, data_set: DataSet, units: list[Unit], period: Period) -> bytes:
    schema = Schema(data_set)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([header for header, _key in template_columns(schema)])
    for row in template_rows(schema=schema, units=units, period=period):
        writer.writerow(["" if value is None else value for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
