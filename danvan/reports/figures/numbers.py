"""Tokenising and parsing the numbers of Vietnamese report text.

Vietnamese writes 25.723 for twenty-five thousand and 99,08 for a decimal, so
nothing here may rely on Python's or the OS locale's number parsing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from fractions import Fraction

# Figures that can take part in arithmetic checks; the other kinds are only
# recognised so that they are *not* mistaken for counts (dates, codes, years).
FIGURE_KINDS = frozenset({"quantity", "percent", "fraction"})

SCALES = {"nghìn": 1000, "ngàn": 1000, "vạn": 10_000, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}

# Single-syllable nouns that classify what follows ("cuộc hội nghị", "lượt cán bộ"):
# two counts agree on their unit as soon as the classifier agrees.
CLASSIFIERS = frozenset(
    "cuộc lượt người hộ xã con chiếc cái lần buổi đợt vụ tin bài em cháu cặp căn ngôi km m m2 m3 ha kg g "  # noqa: SIM905
    "tấn tạ lít đồng usd ngày tháng năm giờ phút huyện tỉnh thôn ấp khóm phường lớp suất".split()
)

# Words that end a unit: what follows them is no longer the counted noun.
STOP_WORDS = frozenset(
    "của và với cho tại ở là được đã đang sẽ trong trên dưới thuộc so tăng giảm đạt chiếm có từ đến tới "  # noqa: SIM905
    "bằng theo về vào khi nếu thì mà như do bởi nhưng hoặc hay cùng để các những này đó ấy nào trở hơn "
    "gần khoảng còn gồm bao tương ứng nên vì trước sau".split()
)

# Approximation words, longest first so that "trên dưới" wins over "trên".
_QUALIFIERS = (
    ("trên dưới", "about"),
    ("ước tính", "about"),
    ("ước đạt", "about"),
    ("ước khoảng", "about"),
    ("xấp xỉ", "about"),
    ("khoảng", "about"),
    ("chừng", "about"),
    ("ước", "about"),
    ("tầm", "about"),
    ("chưa đến", "less"),
    ("chưa tới", "less"),
    ("không quá", "less"),
    ("tối đa", "less"),
    ("không dưới", "more"),
    ("gần", "less"),
    ("ngót", "less"),
    ("dưới", "less"),
    ("tối thiểu", "more"),
    ("ít nhất", "more"),
    ("hơn", "more"),
    ("trên", "more"),
    ("vượt", "more"),
)

_QUALIFIER_BEFORE = re.compile(r"(?<!\w)(" + "|".join(phrase for phrase, _kind in _QUALIFIERS) + r")\s+$")

# A number right after these words names something (Quyết định số 217, Khóm 4, lần thứ 5).
_IDENT_BEFORE = re.compile(
    r"(?<!\w)(?:(?<!tổng )(?<!với )(?<!trong )số|khóm|khoá|khóa|phường|ấp|tổ|đội|khu|điều|khoản|mục|"
    r"chương|thứ|lớp|"
    r"quyết định|nghị quyết|chỉ thị|kế hoạch|công văn|thông tư|nghị định|luật|quy định|quy chế|"
    r"hướng dẫn|kết luận|thông báo|pháp lệnh|tờ trình|báo cáo|quốc lộ|tỉnh lộ)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
_DATE_BEFORE = re.compile(r"(?:ngày|tháng|hôm|sáng|chiều|tối|đêm|lúc|từ ngày|đến ngày)\s*$", re.IGNORECASE)
_YEAR_BEFORE = re.compile(
    r"(?:năm|giai đoạn|nhiệm kỳ|niên độ|niên khóa|khóa|cuối|đầu|từ|đến|tới|trước|sau|vụ|mùa)\s*$",
    re.IGNORECASE,
)

_TOKEN = re.compile(
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
    r"|(?P<date>\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?![\d/]))"
    r"|(?P<code>\d+(?:[-/.]\d+)*[-/][^\W\d_][\w./-]*)"
    r"|(?P<frac>\d+(?:,\d+)?/\d+(?![\d/]|\.\d))"
    r"|(?P<range>\d+(?:[.,]\d+)*\s?[-–]\s?\d+(?:[.,]\d+)*(?!\d))"
    r"|(?P<num>\d+(?:[.,]\d+)*)"
)
_VN_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_VN_DECIMAL = re.compile(r"\d+(?:,\d+)?")
_EN_DECIMAL = re.compile(r"\d{1,3}\.\d{1,2}")
_EN_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?")
_WORD = re.compile(r"[^\W\d_][\w]*")
_PERCENT_AFTER = re.compile(r"\s?(?:%|phần trăm)", re.IGNORECASE)
_POINTS_AFTER = re.compile(r"\s?điểm\s?(?:%|phần trăm)", re.IGNORECASE)
_SCALE_AFTER = re.compile(r"\s(nghìn|ngàn|vạn|triệu|tỷ|tỉ)(?!\s+lệ)(?!\w)", re.IGNORECASE)
_CHAINED_SCALE = re.compile(r"\s(\d{1,3})\s(nghìn|ngàn|triệu)(?!\w)", re.IGNORECASE)
_FROM_TO = re.compile(r"\s*(?:đến|tới)\s+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?<!\w)từ\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Interval:
    """A closed range of possible true values; None is an open end."""

    lo: Fraction | None
    hi: Fraction | None

    def __add__(self, other: Interval) -> Interval:
        lo = None if self.lo is None or other.lo is None else self.lo + other.lo
        hi = None if self.hi is None or other.hi is None else self.hi + other.hi
        return Interval(lo, hi)

    def __sub__(self, other: Interval) -> Interval:
        lo = None if self.lo is None or other.hi is None else self.lo - other.hi
        hi = None if self.hi is None or other.lo is None else self.hi - other.lo
        return Interval(lo, hi)

    def overlaps(self, other: Interval) -> bool:
        if self.hi is not None and other.lo is not None and self.hi < other.lo:
            return False
        return not (other.hi is not None and self.lo is not None and other.hi < self.lo)

    @staticmethod
    def total(intervals: Iterable[Interval]) -> Interval:
        return sum(intervals, Interval(Fraction(0), Fraction(0)))

    def relative_change(self, old: Interval, rising: bool) -> Interval:
        """100 * (self - old) / old, or its opposite for a fall, for positive figures."""

        def ratio(a: Fraction | None, b: Fraction | None) -> Fraction | None:
            return None if a is None or not b or b <= 0 else a * 100 / b

        low, high = ratio(self.lo, old.hi), ratio(self.hi, old.lo)
        if rising:
            return Interval(None if low is None else low - 100, None if high is None else high - 100)
        return Interval(None if high is None else 100 - high, None if low is None else 100 - low)

    def ratio_percent(self, base: Interval) -> Interval:
        """100 * self / base for non-negative figures."""
        lo = Fraction(0) if base.hi in (None, 0) else max(self.lo or 0, 0) * 100 / base.hi
        hi = None if self.hi is None or not base.lo or base.lo <= 0 else self.hi * 100 / base.lo
        return Interval(lo, hi)


@dataclass(frozen=True)
class Quantity:
    """One number found in the text, with what the text says about it."""

    value: Fraction
    text: str
    start: int
    end: int
    kind: str
    decimals: int = 0
    qualifier: str = ""
    qual_start: int = -1
    upper: Fraction | None = None
    denominator: Fraction | None = None
    unit: tuple[str, ...] = ()
    unit_end: int = -1
    scale: int = 1
    points: bool = False
    source: str = ""  # the figure as printed, scale word included

    @property
    def is_figure(self) -> bool:
        return self.kind in FIGURE_KINDS

    @property
    def scale_word(self) -> str:
        """'tỷ' in '2,5 tỷ đồng', so that computed amounts can be shown the same way."""
        return self.source[len(self.text) :].strip() if self.scale > 1 else ""

    @property
    def approximate(self) -> bool:
        return bool(self.qualifier) or self.upper is not None

    def interval(self) -> Interval:
        """The true values compatible with the printed figure and its approximation word."""
        step = Fraction(self.scale, 10**self.decimals)
        below = above = Fraction(0)
        if self.kind == "percent":
            below, above = step / 2, step  # rates are printed rounded half-up or truncated: accept both
        elif self.decimals > 0 or self.scale > 1:
            below = above = step / 2
        lo, hi = self.value - below, (self.upper if self.upper is not None else self.value) + above
        if self.qualifier == "more":
            return Interval(lo, None)
        if self.qualifier == "less":
            return Interval(Fraction(0), hi)
        if self.qualifier == "about":
            one = Fraction(self.scale, 10**self.decimals)  # "khoảng 2" may well be 1 or 3
            return Interval(max(lo * Fraction(3, 4) - one, Fraction(0)), hi * Fraction(5, 4) + one)
        return Interval(lo, hi)


def parse_number(text: str) -> tuple[Fraction, int] | None:
    """Parse one printed Vietnamese number; return (value, printed decimals) or None.

    >>> parse_number("25.723")
    (Fraction(25723, 1), 0)
    >>> parse_number("99,08")
    (Fraction(2477, 25), 2)
    """
    text = text.strip()
    if _VN_THOUSANDS.fullmatch(text) or _VN_DECIMAL.fullmatch(text):
        whole, _sep, frac = text.replace(".", "").partition(",")
        return Fraction(int(whole) * 10 ** len(frac) + int(frac or 0), 10 ** len(frac)), len(frac)
    if _EN_DECIMAL.fullmatch(text):
        whole, _sep, frac = text.partition(".")
        return Fraction(int(whole) * 10 ** len(frac) + int(frac), 10 ** len(frac)), len(frac)
    if _EN_THOUSANDS.fullmatch(text):
        return parse_number(text.replace(",", "").replace(".", ","))
    return None


def syllables(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def units_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two counted nouns are the same (hội nghị ≠ hội viên; cuộc hội nghị = cuộc họp)."""
    if not a or not b or a[0] != b[0]:
        return False
    return a[0] in CLASSIFIERS or len(a) < 2 or len(b) < 2 or a[1] == b[1]


def _read_unit(text: str, pos: int) -> tuple[tuple[str, ...], int]:
    """The counted noun after a number: the classifier alone, else up to two syllables."""
    words: list[str] = []
    end = pos
    for match in _WORD.finditer(text, pos):
        gap = text[end : match.start()]
        if gap.strip() or (not words and match.start() - pos > 1) or "\n" in gap:
            break
        word = match.group().lower()
        if word in STOP_WORDS:
            break
        words.append(word)
        end = match.end()
        if words[0] in CLASSIFIERS or len(words) == 2:
            break
    return tuple(words), end


def _qualifier_before(text: str, pos: int) -> tuple[str, int]:
    head = text[max(0, pos - 24) : pos].lower()
    match = _QUALIFIER_BEFORE.search(head)
    if match is None:
        return "", pos
    return dict(_QUALIFIERS)[match.group(1)], pos - (len(head) - match.start())


def _looks_like_year(value: Fraction, printed: str, before: str, unit: tuple[str, ...]) -> bool:
    if not (printed.isdigit() and len(printed) == 4 and 1900 <= value <= 2100):
        return False
    # "có 2000 hộ" is a count written without a separator; "năm 2020 hộ nghèo giảm" is a year.
    return not unit or bool(_YEAR_BEFORE.search(before)) or before.rstrip().endswith(("(", ","))


def _scale_after(text: str, pos: int, value: Fraction) -> tuple[Fraction, int, int]:
    match = _SCALE_AFTER.match(text, pos)
    if not match:
        return value, pos, 1
    scale = SCALES[match.group(1).lower()]
    value, pos = value * scale, match.end()
    # "1 tỷ 200 triệu đồng": smaller scales keep adding up.
    while (chained := _CHAINED_SCALE.match(text, pos)) and SCALES[chained.group(2).lower()] < scale:
        value += int(chained.group(1)) * SCALES[chained.group(2).lower()]
        pos = chained.end()
    return value, pos, scale


def _preceded_by_code(text: str, start: int) -> bool:
    if start == 0:
        return False
    before = text[start - 1]
    if before.isalnum() or before == "_":
        return True
    return before in "-/." and start >= 2 and text[start - 2].isalnum()


def find_quantities(text: str) -> list[Quantity]:
    """Every number in the text, classified; figures carry their unit and approximation."""
    found: list[Quantity] = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if _preceded_by_code(text, start) or (found and start < found[-1].end):
            continue  # part of a code, or "200" already read inside "1 tỷ 200 triệu"
        kind = match.lastgroup or "num"
        if kind in ("time", "date", "code"):
            found.append(Quantity(Fraction(0), match.group(), start, end, kind))
            continue
        quantity = _figure(text, match, kind)
        if quantity is not None:
            found.append(quantity)
    return _merge_from_to(text, found)


def _figure(text: str, match: re.Match[str], kind: str) -> Quantity | None:
    start, end = match.span()
    printed = match.group()
    before = text[max(0, start - 40) : start]
    if kind == "frac":
        return _fraction(text, match, before)
    upper = None
    if kind == "range":
        low_text, high_text = re.split(r"\s?[-–]\s?", printed, maxsplit=1)
        low, high = parse_number(low_text), parse_number(high_text)
        if low is None or high is None:
            return Quantity(Fraction(0), printed, start, end, "code")
        if all(t.isdigit() and len(t) == 4 and 1900 <= int(t) <= 2100 for t in (low_text, high_text)):
            return Quantity(low[0], printed, start, end, "year", upper=high[0])
        if high[0] < low[0]:
            return Quantity(Fraction(0), printed, start, end, "code")
        parsed, upper = (low[0], max(low[1], high[1])), high[0]
    else:
        parsed = parse_number(printed)
        if parsed is None:
            return Quantity(Fraction(0), printed, start, end, "code")
    value, decimals = parsed
    if end < len(text) and text[end].isalpha() and text[end].isupper():
        return Quantity(value, printed, start, end, "code")  # 4G, 3D, 5S
    value, end, scale = _scale_after(text, end, value)
    if upper is not None:
        upper *= scale
    qualifier, qual_start = _qualifier_before(text, start)
    shape = {"decimals": decimals, "qual_start": qual_start, "upper": upper, "source": text[start:end]}
    if (points := _POINTS_AFTER.match(text, end)) or (percent := _PERCENT_AFTER.match(text, end)):
        end = (points or percent).end()
        return Quantity(
            value,
            printed,
            start,
            end,
            "percent",
            **shape,
            qualifier=qualifier,
            unit=("%",),
            unit_end=end,
            points=bool(points),
        )
    unit, unit_end = _read_unit(text, end)
    if re.match(r"\s+trở lên(?!\w)", text[unit_end:]):
        qualifier = "more"
    if _IDENT_BEFORE.search(before) and not qualifier:
        return Quantity(value, printed, start, end, "ident")
    if _DATE_BEFORE.search(before) and not unit and value <= 31:
        return Quantity(value, printed, start, end, "date")
    if _looks_like_year(value, printed, before, unit) and upper is None:
        return Quantity(value, printed, start, end, "year")
    return Quantity(
        value,
        printed,
        start,
        end,
        "quantity",
        **shape,
        qualifier=qualifier,
        unit=unit,
        unit_end=unit_end,
        scale=scale,
    )


def _fraction(text: str, match: re.Match[str], before: str) -> Quantity:
    start, end = match.span()
    num_text, den_text = match.group().split("/")
    numerator, denominator = parse_number(num_text), parse_number(den_text)
    if numerator is None or denominator is None or denominator[0] == 0:
        return Quantity(Fraction(0), match.group(), start, end, "code")
    unit, unit_end = _read_unit(text, end)
    month_year = len(den_text) == 4 and 1900 <= denominator[0] <= 2100
    day_month = numerator[0] <= 31 and denominator[0] <= 12 and not unit
    if _DATE_BEFORE.search(before) or month_year or day_month:
        return Quantity(Fraction(0), match.group(), start, end, "date")
    if _IDENT_BEFORE.search(before):
        return Quantity(Fraction(0), match.group(), start, end, "ident")  # house numbers: số 25/3
    qualifier, qual_start = _qualifier_before(text, start)
    return Quantity(
        numerator[0],
        match.group(),
        start,
        end,
        "fraction",
        numerator[1],
        qualifier,
        qual_start,
        denominator=denominator[0],
        unit=unit,
        unit_end=unit_end,
    )


def _merge_from_to(text: str, found: list[Quantity]) -> list[Quantity]:
    """'từ 30 đến 40 người' is one range, not two counts."""
    merged: list[Quantity] = []
    for quantity in found:
        previous = merged[-1] if merged else None
        if previous is None or previous.kind != quantity.kind or quantity.kind not in ("quantity", "percent"):
            merged.append(quantity)
            continue
        since = _FROM_BEFORE.search(text, max(0, previous.start - 6), previous.start)
        if (
            since is not None
            and previous.upper is None
            and _FROM_TO.fullmatch(text[previous.unit_end : quantity.start])
            and (not previous.unit or units_match(previous.unit, quantity.unit))
            and quantity.value >= previous.value
        ):
            merged[-1] = replace(
                quantity,
                value=previous.value,
                start=previous.start,
                qual_start=previous.qual_start if previous.qualifier else since.start(),
                qualifier=previous.qualifier,
                upper=quantity.value,
                text=text[previous.start : quantity.end],
                decimals=max(previous.decimals, quantity.decimals),
            )
        else:
            merged.append(quantity)
    return merged


def format_number(value: Fraction | float | int, decimals: int | None = None) -> str:
    """Format the Vietnamese way: 25.723 and 0,08.

    >>> format_number(25723), format_number(Fraction(2, 25), 2)
    ('25.723', '0,08')
    """
    value = Fraction(value)
    if decimals is None and value.denominator == 1:
        # A whole number (most counts) needs no rounding: the search below costs 100 µs a number.
        return f"{value.numerator:,}".replace(",", ".")
    if decimals is None:
        decimals = 3
        while decimals and (round_half_up(value, decimals - 1) == round_half_up(value, decimals)):
            decimals -= 1
    sign = "-" if value < 0 else ""
    scaled = round_half_up(abs(value), decimals)
    whole, frac = divmod(int(scaled * 10**decimals), 10**decimals)
    text = f"{whole:,}".replace(",", ".")
    if decimals:
        digits = str(frac).rjust(decimals, "0")
        if value.denominator != 1 or digits.strip("0"):
            text += "," + digits
    return sign + text


def format_percent(value: Fraction | float | int, decimals: int = 2) -> str:
    return format_number(value, decimals) + "%"


def round_half_up(value: Fraction, decimals: int) -> Fraction:
    if value < 0:
        return -round_half_up(-value, decimals)
    step = Fraction(1, 10**decimals)
    return int(value / step + Fraction(1, 2)) * step


def normalise(text: str) -> str:
    """NFC (composed and decomposed diacritics compare equal), plain spaces and newlines, and lines
    broken inside a sentence (PDF or e-mail copies) joined back: the next line starts lowercase or
    with a figure."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"(?<=[^\s.!?:;…\"”])[ \t]*\n[ \t]*(?=[a-zđà-ỹ0-9])", " ", text)
    return text.replace("\u00a0", " ").replace("\u202f", " ")
