"""Figure checker (kiểm tra số liệu): finds the numbers of a Vietnamese report that do not add up.

>>> result = check_text("Có 241 hội nghị (3 hội nghị cấp tỉnh; 22 hội nghị cấp huyện; 215 hội nghị cấp xã).")
>>> [(finding.kind, finding.expected, finding.stated) for finding in result.findings]
[('sum', Fraction(240, 1), Fraction(241, 1))]
"""

from .checker import KINDS, Check, CheckResult, check_text
from .documents import SUPPORTED_EXTENSIONS, decode_text, docx_text, extract_text
from .numbers import Interval, Quantity, find_quantities, format_number, format_percent, parse_number

__all__ = [
    "KINDS",
    "SUPPORTED_EXTENSIONS",
    "Check",
    "CheckResult",
    "Interval",
    "Quantity",
    "check_text",
    "decode_text",
    "docx_text",
    "extract_text",
    "find_quantities",
    "format_number",
    "format_percent",
    "parse_number",
]
