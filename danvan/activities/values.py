"""Reading one figure as people type it, shared by the entry form and the file import.

Vietnamese writes thousands with dots and decimals with a comma ("25.723", "99,08 %"),
spreadsheets hand over plain numbers, and people also type "25 723" or "25,723".
An integer accepts any of these groupings; a decimal number treats a single separator
as the decimal mark and, when both appear, the last one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .choices import ValueType

MAX_ABS = Decimal("1e14")
_GROUPED = re.compile(r"^\d{1,3}([.,  ]\d{3})+$")
YES = {"co", "x", "1", "yes", "true", "dung", "c"}
NO = {"khong", "0", "no", "false", "sai", "k"}


class FigureError(ValueError):
    """A figure that cannot be read; the message is in Vietnamese."""


@dataclass(frozen=True)
class Figure:
    """A parsed cell: a number, or the code of an option (``text``) for option elements."""

    number: Decimal | None = None
    text: str = ""


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", str(text).strip().lower()).replace("đ", "d")
    return "".join(c for c in text if not unicodedata.combining(c))


def _to_decimal(raw: str, *, integer: bool) -> Decimal:
    text = raw.replace("\u00a0", " ").strip()
    text = text.removesuffix("%").strip()
    negative = text.startswith("-")
    body = text.lstrip("-").strip()
    if not body or not re.fullmatch(r"[\d., ]+", body):
        raise FigureError(_("“%(value)s” không phải là số.") % {"value": raw})
    if integer:
        if _GROUPED.match(body):
            body = re.sub(r"[., ]", "", body)
        elif re.fullmatch(r"\d+", body):
            pass
        elif re.fullmatch(r"\d+[.,]0+", body):
            body = re.split(r"[.,]", body)[0]
        else:
            raise FigureError(_("“%(value)s” phải là số nguyên.") % {"value": raw})
    else:
        body = body.replace(" ", "")
        dots, commas = body.count("."), body.count(",")
        if dots and commas:
            decimal_mark = "." if body.rfind(".") > body.rfind(",") else ","
            thousands = "," if decimal_mark == "." else "."
            body = body.replace(thousands, "").replace(decimal_mark, ".")
        elif dots > 1 or commas > 1:
            if not _GROUPED.match(body):
                raise FigureError(_("“%(value)s” không phải là số.") % {"value": raw})
            body = re.sub(r"[.,]", "", body)
        else:
            body = body.replace(",", ".")
    try:
        number = Decimal(body)
    except InvalidOperation as error:
        raise FigureError(_("“%(value)s” không phải là số.") % {"value": raw}) from error
    return -number if negative else number


def parse_figure(element, raw) -> Figure | None:
    """The figure in ``raw`` for ``element`` (a DataElement), or None for an empty cell.

    Raises FigureError with a Vietnamese message for anything that is not a valid value.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raw = "1" if raw else "0"
    if isinstance(raw, str) and not raw.strip():
        return None
    value_type = element.value_type
    if value_type == ValueType.OPTION:
        return Figure(text=_option_code(element, raw))
    if value_type == ValueType.BOOLEAN:
        key = fold(raw)
        if key in YES:
            return Figure(number=Decimal(1))
        if key in NO:
            return Figure(number=Decimal(0))
        raise FigureError(_("Chỉ nhập “có” hoặc “không”."))
    integer = value_type == ValueType.INTEGER
    if isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(repr(raw))
        if integer and number != number.to_integral_value():
            raise FigureError(_("“%(value)s” phải là số nguyên.") % {"value": raw})
    elif isinstance(raw, Decimal):
        number = raw
    else:
        number = _to_decimal(str(raw), integer=integer)
    if integer:
        number = number.to_integral_value()
    if abs(number) >= MAX_ABS:
        raise FigureError(_("Số quá lớn."))
    minimum = element.min_value if element.min_value is not None else Decimal(0)
    if value_type == ValueType.PERCENT:
        maximum = Decimal(100) if element.max_value is None else element.max_value
    else:
        maximum = element.max_value
    if number < minimum:
        if minimum == 0:
            raise FigureError(_("Không được là số âm."))
        raise FigureError(_("Không được nhỏ hơn %(min)s.") % {"min": format_number(minimum)})
    if maximum is not None and number > maximum:
        raise FigureError(_("Không được lớn hơn %(max)s.") % {"max": format_number(maximum)})
    return Figure(number=number.normalize() if not integer else number)


def _option_code(element, raw) -> str:
    key = fold(raw)
    for code, name in element.option_list:
        if key in (fold(code), fold(name)):
            return code
    choices = ", ".join(name for _code, name in element.option_list)
    raise FigureError(
        _("“%(value)s” không có trong danh mục (%(choices)s).") % {"value": raw, "choices": choices}
    )


def format_number(number: Decimal | int | None, *, grouping: bool = True) -> str:
    """Vietnamese style: 25.723 and 99,08."""
    if number is None:
        return ""
    number = Decimal(number)
    if number == number.to_integral_value():
        text = f"{int(number):,}" if grouping else str(int(number))
        return text.replace(",", ".")
    integral, _sep, fraction = f"{number.normalize():f}".partition(".")
    head = f"{int(integral):,}".replace(",", ".") if grouping else integral
    if integral.startswith("-") and head[0] != "-":  # pragma: no cover - "-0.5"
        head = "-" + head
    return f"{head},{fraction}"


def input_text(number: Decimal | None, text: str = "") -> str:
    """What the entry form shows in a cell: plain digits, decimal comma."""
    if text:
        return text
    if number is None:
        return ""
    return format_number(number, grouping=False)
