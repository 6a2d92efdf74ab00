"""Find the figures of a Vietnamese report that do not add up.

The engine splits the text into paragraphs and sentences, links each figure to
the words around it (unit, label, the breakdown it belongs to) and evaluates
arithmetic relations between figures. Every figure is an interval of possible
true values (``Quantity.interval``), so approximate wording can only make a
check more lenient: a check fails only when no reading of the printed figures
adds up.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from fractions import Fraction

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext, gettext_noop

from .numbers import (
    STOP_WORDS,
    Interval,
    Quantity,
    find_quantities,
    format_number,
    normalise,
    round_half_up,
    syllables,
    units_match,
)

KINDS = ("sum", "percent", "fraction", "remainder", "change", "other")


def _(message: str) -> str:
    # The engine also runs from plain scripts where Django settings are not configured.
    try:
        return gettext(message)
    except ImproperlyConfigured:
        return message


@dataclass
class Check:
    """One relation between printed figures that the engine evaluated."""

    kind: str
    sentence: str
    figures: list[Fraction]
    expected: Fraction | None
    stated: Fraction | None
    passed: bool
    message: str
    start: int = 0  # offset of the sentence in the (normalised) text, for ordering and highlighting
    decimals: int = 0  # printed decimals of the stated figure
    percent: bool = False  # expected and stated are percentages

    def to_dict(self) -> dict[str, object]:
        return {
            "sentence": self.sentence,
            "kind": self.kind,
            "figures": [_json_number(figure) for figure in self.figures],
            "expected": _json_number(self.expected, self.decimals),
            "stated": _json_number(self.stated, self.decimals),
            "message": self.message,
        }


@dataclass
class CheckResult:
    checks: list[Check]

    @property
    def findings(self) -> list[Check]:
        return [check for check in self.checks if not check.passed]

    def to_json(self) -> list[dict[str, object]]:
        return [finding.to_dict() for finding in self.findings]


def check_text(text: str) -> CheckResult:
    """Evaluate every relation the engine recognises in a report text."""
    return _Document(text).run()


def _json_number(value: Fraction | None, decimals: int = 0) -> int | float | None:
    if value is None:
        return None
    if value.denominator == 1:
        return int(value)
    return float(round_half_up(value, decimals or 6))


# Translated when used; kept here so that every wording of a kind reads side by side.
_MESSAGES = {
    "sum": gettext_noop("Tổng %(total)s khớp với các phần cộng lại %(sum)s (%(parts)s)."),
    "sum~": gettext_noop(
        "Tổng %(total)s và các phần cộng lại %(sum)s (%(parts)s) chênh lệch trong phạm vi làm tròn "
        "hoặc ước lượng."
    ),
    "sum<=": gettext_noop("Các phần cộng lại %(sum)s (%(parts)s) không vượt quá tổng %(total)s."),
    "sum!": gettext_noop("Tổng %(total)s khác tổng các phần %(sum)s (%(parts)s)."),
    "sum>": gettext_noop("Các phần cộng lại %(sum)s (%(parts)s) lớn hơn tổng %(total)s."),
    "rest": gettext_noop("Tổng %(total)s trừ các phần %(parts)s còn lại %(expected)s, khớp với %(stated)s."),
    "rest~": gettext_noop(
        "Tổng %(total)s trừ các phần %(parts)s còn lại %(expected)s; chênh lệch với %(stated)s nằm trong "
        "phạm vi làm tròn hoặc ước lượng."
    ),
    "rest!": gettext_noop(
        "Tổng %(total)s trừ các phần %(parts)s còn lại %(expected)s, không phải %(stated)s."
    ),
    "part": gettext_noop("Phần %(part)s không vượt quá tổng %(total)s."),
    "part!": gettext_noop("Phần %(part)s lớn hơn tổng %(total)s mà nó thuộc về."),
    "fraction": gettext_noop("%(fraction)s: phần %(part)s không vượt quá tổng %(total)s."),
    "fraction!": gettext_noop("%(fraction)s: phần %(part)s lớn hơn tổng %(total)s."),
    "change": gettext_noop("Từ %(before)s đến %(after)s là %(direction)s %(expected)s, khớp với %(stated)s."),
    "change~": gettext_noop(
        "Từ %(before)s đến %(after)s là %(direction)s %(expected)s; chênh lệch với %(stated)s nằm trong "
        "phạm vi làm tròn hoặc ước lượng."
    ),
    "change!": gettext_noop(
        "Từ %(before)s đến %(after)s là %(direction)s %(expected)s, không phải %(stated)s."
    ),
    "percent": gettext_noop("%(part)s trên %(total)s là %(expected)s, khớp với %(stated)s."),
    "percent~": gettext_noop(
        "%(part)s trên %(total)s là %(expected)s; %(stated)s vẫn phù hợp khi làm tròn xuống, ước lượng "
        "hoặc tính trên một tổng khác đã nêu."
    ),
    "percent!": gettext_noop("%(part)s trên %(total)s là %(expected)s, không phải %(stated)s."),
    "dossier": gettext_noop(
        "Số tiếp nhận %(received)s khớp với số đã giải quyết và đang giải quyết %(sum)s (%(parts)s)."
    ),
    "dossier<=": gettext_noop(
        "Số đã giải quyết và đang giải quyết cộng lại %(sum)s (%(parts)s) không vượt quá số tiếp nhận "
        "%(received)s."
    ),
    "dossier!": gettext_noop(
        "Số tiếp nhận %(received)s khác tổng số đã giải quyết, đang giải quyết và trả lại "
        "%(sum)s (%(parts)s)."
    ),
    "dossier>": gettext_noop(
        "Số đã giải quyết và đang giải quyết cộng lại %(sum)s (%(parts)s) lớn hơn số tiếp nhận %(received)s."
    ),
    "borrowed": gettext_noop(
        "(Số liệu %(figures)s được nêu ở đoạn khác trong văn bản, nơi nhắc lại cùng các con số này.)"
    ),
}

_BOUNDARY = re.compile(r"[,;:()\[\]]")
_MARKER = re.compile(
    r"(?<!\w)(trong đó|trong số đó|trong số này|bao gồm|gồm có|gồm|chia ra|"
    r"cụ thể(?:\s+(?:là|như sau))?(?=\s*[:,]))(?!\w)",
    re.IGNORECASE,
)
# After the last numbered part, these leave room for parts without a figure ("… và khách mời").
_OPEN_LIST = re.compile(r"(?<!\w)(và|cùng|khác|tiêu biểu|như|v\.v|vv)(?!\w)|\.\.\.|…|[;,]\s*[^\W\d_]")
_REMAINDER = re.compile(r"(?<!\w)còn lại(?!\w)", re.IGNORECASE)
_DELTA_LABEL = re.compile(r"(?<!\w)(tăng|giảm)(?:\s+(?:thêm|đi|được))?\s*$")
_PER_ITEM = re.compile(r"(?<!\w)(mỗi|bình quân|trung bình)(?!\w)|/\s*$")
_SHARE_LINK = re.compile(
    r"\s*(?:(?:đạt|chiếm|bằng|tương đương|tương ứng|với|là)(?:\s+(?:tỷ lệ|tỉ lệ))?|tỷ lệ|tỉ lệ)?\s*"
)
_SHARE_AFTER = re.compile(r"\s*(?:[.,;)]|$|(?:so với\s+)?(?:tổng\s+)?số\s+(?P<base>\w+(?:\s\w+)?))")
_COMPARE = re.compile(r"(?<!\w)so với(?!\w)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?:\./\.|[.!?…]+)[\"”’)]*(?=\s+[\"“‘(]?[A-ZĐÀ-Ỹ0-9])")
_ABBREVIATIONS = ("tp", "ts", "ths", "pgs", "gs", "bs", "v.v", "đ/c", "th.s", "st")
_DESCRIPTOR_STOP = STOP_WORDS | frozenset("lượng tổng cụ thể lại ước tính xấp xỉ chia ra".split())  # noqa: SIM905
# Vocabularies that partition a count even without a shared word ("ở tỉnh; ở huyện; ở xã").
_PARTITIONS = (
    re.compile(
        r"(?<!\w)(trung ương|tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã(?! hội)|phường|thôn|xóm|"
        r"tổ dân phố|ấp|khóm|cơ sở)(?!\w)"
    ),
    re.compile(r"(?<!\w)(mầm non|tiểu học|trung học cơ sở|thcs|trung học phổ thông|thpt)(?!\w)"),
    re.compile(r"(?<!\w)(nam|nữ)(?!\w)"),
)
_ROLES = (  # checked in this order: "tiếp nhận và giải quyết 25.723 hồ sơ" is what was received
    ("overdue", r"quá hạn|trễ hạn|chậm hạn"),
    ("progress", r"đang (?:xử lý|giải quyết|thụ lý|thẩm định)|chưa (?:xử lý|giải quyết)|chưa đến hạn"),
    ("ontime", r"đúng hạn|trước hạn|đúng hẹn|trước hẹn|trong hạn"),
    ("returned", r"trả lại|hoàn trả|từ chối|rút(?: lại)? hồ sơ"),
    ("received", r"tiếp nhận|nhận được|đã nhận|tổng số hồ sơ"),
    ("settled", r"đã (?:giải quyết|xử lý|trả kết quả)|giải quyết xong|xử lý xong|trả kết quả"),
)


@dataclass(eq=False)
class _Item:
    """A figure in its place: sentence, parenthesis group and the words around it."""

    q: Quantity
    sentence: int
    paragraph: int
    group: int  # 1 + position of the innermost "(" around it; 0 outside parentheses
    label: str = ""  # words before it, back to the previous figure or punctuation
    tail: str = ""  # words after its unit, up to the next figure or punctuation
    delta: bool = False
    per_item: bool = False
    compared: bool = False  # the other side of a comparison: "so với năm 2022 (130 mô hình)"
    share: _Item | None = None  # the rate stated right after it: "15 xã (chiếm 78,95%)"
    role: str = ""
    part_of: _Item | None = None
    record: _Record | None = None

    @property
    def interval(self) -> Interval:
        return self.q.interval()

    @property
    def countable(self) -> bool:
        """A count that can be a total or a part (not a change, a rate or a per-unit figure)."""
        return self.q.kind == "quantity" and not (self.delta or self.per_item or self.compared)


@dataclass(eq=False)
class _Record:
    """Administrative dossiers: received = settled + in progress (+ returned)."""

    unit: tuple[str, ...]
    roles: dict[str, _Item] = field(default_factory=dict)
    percents: dict[str, _Item] = field(default_factory=dict)


class _Document:
    def __init__(self, text: str) -> None:
        self.text = normalise(text)
        self.quantities = find_quantities(self.text)
        self.quantity_starts = [q.start for q in self.quantities]
        self.sentences: list[tuple[int, int, int]] = []  # (start, end, paragraph)
        self.paragraph_starts: list[int] = []
        self.sentence_starts: list[int] = []
        self.groups: dict[int, int] = {}  # position of "(" -> position of its ")"
        self.paragraph_groups: list[dict[int, int]] = []  # the same, per paragraph (they never cross lines)
        self.paren_totals: dict[int, _Item] = {}  # group -> the count the parenthesis details
        self.items: list[_Item] = []
        self.by_sentence: dict[int, list[_Item]] = {}
        self.records: list[_Record] = []
        self.checks: list[Check] = []

    def run(self) -> CheckResult:
        self._split()
        self._place_items()
        paragraphs: dict[int, list[_Item]] = {}
        for item in self.items:
            paragraphs.setdefault(item.paragraph, []).append(item)
        for items in paragraphs.values():
            self._marker_breakdowns(items)  # first, so that a part may be the total of a nested "trong đó"
            self._paren_breakdowns(items)
            self._remainders(items)
            self._fractions(items)
            self._changes(items)
        self._build_records()
        for items in paragraphs.values():
            self._shares(items)
        self._record_checks()
        unique: dict[tuple[object, ...], Check] = {}
        for check in sorted(self.checks, key=lambda c: (c.start, KINDS.index(c.kind))):
            unique.setdefault((check.kind, check.sentence, tuple(check.figures)), check)
        return CheckResult(list(unique.values()))

    # --- structure -------------------------------------------------------------------------------------

    def _split(self) -> None:
        for paragraph, line in enumerate(re.finditer(r"[^\n]+", self.text)):
            self.paragraph_starts.append(line.start())
            self.paragraph_groups.append({})
            stack: list[int] = []
            for pos in range(line.start(), line.end()):
                if self.text[pos] == "(":
                    stack.append(pos)
                elif self.text[pos] == ")" and stack:
                    self.groups[stack[-1]] = self.paragraph_groups[-1][stack.pop()] = pos
            start = line.start()
            for end in _SENTENCE_END.finditer(self.text, line.start(), line.end()):
                word = self.text[max(start, end.start() - 6) : end.start()].split()
                if self._group_of(end.start()) or (word and word[-1].lower().strip("(") in _ABBREVIATIONS):
                    continue
                self.sentences.append((start, end.end(), paragraph))
                start = end.end()
            if self.text[start : line.end()].strip():
                self.sentences.append((start, line.end(), paragraph))
        self.sentence_starts = [sentence[0] for sentence in self.sentences]

    def _group_of(self, pos: int) -> int:
        groups = self.paragraph_groups[bisect.bisect_right(self.paragraph_starts, pos) - 1]
        inner = [open_ for open_, close in groups.items() if open_ < pos < close]
        return max(inner) + 1 if inner else 0

    def _place_items(self) -> None:
        figures = iter(q for q in self.quantities if q.is_figure)
        pending = next(figures, None)
        for number, (start, end, paragraph) in enumerate(self.sentences):
            items: list[_Item] = []
            while pending is not None and pending.start < end:
                if pending.start >= start:
                    items.append(_Item(pending, number, paragraph, self._group_of(pending.start)))
                pending = next(figures, None)
            for position, item in enumerate(items):
                previous = items[position - 1].q.unit_end if position else start
                following = items[position + 1].q.qual_start if position + 1 < len(items) else end
                head = self.text[previous : item.q.qual_start]
                item.label = _after_boundary(head).strip().lower()
                compare = _COMPARE.search(head)
                item.compared = bool(compare) and not re.search(r"[,;]", head[compare.end() :])
                rest = self.text[item.q.unit_end : following]
                item.tail = _BOUNDARY.split(rest, maxsplit=1)[0].strip().lower()
                item.delta = bool(_DELTA_LABEL.search(item.label))
                # "50 triệu đồng/nhà", "8,5%/năm": a rate, not an amount.
                item.per_item = bool(_PER_ITEM.search(item.label)) or rest.startswith("/")
                if item.countable:
                    found = [r for r, p in _ROLES if re.search(p, item.label)]
                    item.role = (found or [r for r, p in _ROLES if re.search(p, item.tail)] or [""])[0]
            self.by_sentence[number] = items
            self.items += items

    def _quantities_between(self, start: int, end: int) -> list[Quantity]:
        low = bisect.bisect_left(self.quantity_starts, start)
        return self.quantities[low : bisect.bisect_left(self.quantity_starts, end, low)]

    def _show(self, item: _Item, unit: bool = True) -> str:
        q = item.q
        shown = self.text[q.qual_start : q.unit_end if q.kind == "fraction" else q.end]
        if unit and q.unit and q.kind == "quantity":
            shown += " " + " ".join(q.unit)
        return " ".join(shown.split())

    def _like(self, value: Fraction, item: _Item) -> str:
        """A computed amount written like a printed one: 400 triệu next to 2,5 tỷ."""
        if item.q.scale > 1:
            return format_number(value / item.q.scale) + " " + item.q.scale_word
        return format_number(value)

    def _add(self, items: list[_Item], check: Check, key: str, args: dict[str, str], note: str = "") -> None:
        first = self.sentences[min(item.sentence for item in items)][0]
        last = self.sentences[max(item.sentence for item in items)][1]
        check.sentence, check.start = " ".join(self.text[first:last].split()), first
        check.message = _(_MESSAGES[key]) % args + note
        self.checks.append(check)

    # --- breakdowns: a total and its parts ---------------------------------------------------------------

    def _paren_breakdowns(self, items: list[_Item]) -> None:
        """'241 hội nghị (3 hội nghị cấp tỉnh; 22 hội nghị cấp huyện; 216 hội nghị cấp xã)'."""
        for open_, close in self.paragraph_groups[items[0].paragraph].items():
            inside = [i for i in items if i.group == open_ + 1]
            if not inside or re.match(r"\(\s*(?:trong|có)(?!\w)", self.text[open_:]):
                continue
            before = [i for i in self.by_sentence[inside[0].sentence] if i.q.end <= open_]
            total = before[-1] if before else None
            if total is None or not total.countable or open_ - total.q.unit_end > 80:
                continue
            if re.search(r"[;:()]", self.text[total.q.unit_end : open_]):
                continue
            self.paren_totals[open_ + 1] = total
            nested = [self._marker_scope(m, open_, close) for m in _MARKER.finditer(self.text, open_, close)]
            parts = [i for i in inside if i.countable and not any(a <= i.q.start < b for a, b in nested)]
            if len(parts) < 2 or not self._parts_fit(total, parts):
                continue
            remainder = _REMAINDER.search(self.text, open_, close)
            if remainder or self._parallel(parts, open_ + 1):
                open_list = bool(_OPEN_LIST.search(self.text[parts[-1].q.unit_end : close].lower()))
                self._sum(total, parts, exact=not open_list, remainder=remainder and remainder.start())

    def _marker_breakdowns(self, items: list[_Item]) -> None:
        """'972 mô hình, trong đó: cấp tỉnh 21 mô hình, cấp huyện 246 mô hình, cấp xã 705 mô hình'."""
        begin, end = self.sentences[items[0].sentence][0], self.sentences[items[-1].sentence][1]
        for match in _MARKER.finditer(self.text, begin, end):
            sentence = bisect.bisect_right(self.sentence_starts, match.start()) - 1
            group = self._group_of(match.start())
            start, close = (group, self.groups[group - 1]) if group else self.sentences[sentence][:2]
            stop = self._marker_scope(match, start, close)[1]
            candidates = [i for i in self.by_sentence[sentence] if match.end() <= i.q.start < stop]
            candidates = [i for i in candidates if i.group == group and i.countable]
            unit = next((i.q.unit for i in candidates if i.q.unit), ())
            parts = [i for i in candidates if units_match(unit, i.q.unit) or not i.q.unit]
            if not parts or any(p.part_of for p in parts):
                continue
            pool = [i for i in self.by_sentence[sentence] if i.q.end <= match.start()]
            lead = self.text[self.sentences[sentence][0] : match.start()].strip(" \"“”'")
            if not lead and sentence > 0 and self.sentences[sentence - 1][2] == self.sentences[sentence][2]:
                pool = self.by_sentence[sentence - 1]  # "…315 mô hình. Trong đó, có 101 mô hình…"
            fitting = [i for i in pool if i.countable and not i.part_of and self._parts_fit(i, parts)]
            fitting = [i for i in fitting if i.group in (0, group) or i.sentence != sentence]
            if not fitting:
                continue
            remainder = _REMAINDER.search(self.text, match.end(), stop)
            exhaustive = not match.group(1).lower().startswith("trong") and not _OPEN_LIST.search(
                self.text[parts[-1].q.unit_end : stop].lower()
            )
            if remainder and len(parts) >= 2:
                self._sum(fitting[-1], parts, exact=True, remainder=remainder.start())
            elif len(parts) >= 2 and self._parallel(parts, match.end()):
                # "trong đó" may list only some categories: then only "parts exceed total" is an error.
                self._sum(fitting[-1], parts, exact=exhaustive)
            else:
                self._subset(fitting[-1], parts[0])
                for part in parts[1:]:  # possibly overlapping categories: each is still within the total
                    part.part_of = fitting[-1]

    def _marker_scope(self, match: re.Match[str], start: int, close: int) -> tuple[int, int]:
        """Where the parts after 'trong đó' end: the next marker, the group's end, or the ';' closing
        the item of an enclosing ';'-list ('cấp huyện 22, trong đó 5 trực tuyến; cấp xã 216')."""
        following = _MARKER.search(self.text, match.end(), close)
        stop = following.start() if following else close
        if ";" in self.text[start : match.start()] and ";" in self.text[match.end() : stop]:
            stop = self.text.index(";", match.end())
        return match.start(), stop

    @staticmethod
    def _parts_fit(total: _Item, parts: list[_Item]) -> bool:
        # A part may leave its unit implicit ("22 ở huyện") but then needs words saying what it is.
        if total in parts or not total.q.unit:
            return False
        return all(
            units_match(total.q.unit, p.q.unit) if p.q.unit else bool(p.label or p.tail) for p in parts
        )

    def _parallel(self, parts: list[_Item], floor: int) -> bool:
        """Parts that differ along one shared dimension (cấp tỉnh / cấp huyện / cấp xã) do not overlap."""
        segments = []
        for position, part in enumerate(parts):
            start = max(floor, parts[position - 1].q.unit_end if position else floor)
            head = re.split(r"[,;()\[\]]", self.text[start : part.q.qual_start])[-1]  # keeps "cấp tỉnh: 3"
            if any(q.kind in ("year", "date") for q in self._quantities_between(start, part.q.start)):
                return False  # "năm 2022: 130; năm 2021: 120" is a series, not a breakdown
            segments.append(head.lower() + " " + part.tail)
        for vocabulary in _PARTITIONS:
            found = [vocabulary.findall(segment) for segment in segments]
            if all(len(words) == 1 for words in found) and len({words[0] for words in found}) == len(found):
                return True
        descriptors = [
            frozenset(w for w in syllables(segment) if w not in part.q.unit and w not in _DESCRIPTOR_STOP)
            for segment, part in zip(segments, parts, strict=True)
        ]
        common = frozenset.intersection(*descriptors)
        rests = [descriptor - common for descriptor in descriptors]
        return bool(common) and all(rests) and len(set(rests)) == len(rests)

    def _sum(self, total: _Item, parts: list[_Item], exact: bool, remainder: int | None = None) -> None:
        """Check total = sum of parts; ``remainder`` is where "còn lại" stands, if it does."""
        for part in parts:
            part.part_of = total
        numbered = next((p for p in parts if remainder is not None and p.q.start > remainder), None)
        exact = exact and (remainder is None or numbered is not None)  # "còn lại là …" with no figure
        summed = Interval.total(p.interval for p in parts)
        passed = (summed if exact else Interval(summed.lo, None)).overlaps(total.interval)
        value = sum((p.q.value for p in parts), Fraction(0))
        figures = [total.q.value, *(p.q.value for p in parts)]
        shown = " + ".join(self._show(p, unit=False) for p in parts if p is not numbered)
        args = {"total": self._show(total), "sum": self._like(value, total), "parts": shown}
        if numbered is not None:
            expected = total.q.value - value + numbered.q.value
            args |= {"expected": self._like(expected, numbered), "stated": self._show(numbered)}
            key = "rest" if expected == numbered.q.value else "rest~" if passed else "rest!"
            check = Check("remainder", "", figures, expected, numbered.q.value, passed, "")
        else:
            if not passed:
                key = "sum!" if exact else "sum>"
            elif value == total.q.value and not total.q.approximate:
                key = "sum"
            else:
                key = "sum~" if exact else "sum<="
            kind = "sum" if remainder is None else "remainder"
            check = Check(kind, "", figures, value, total.q.value, passed, "")
        self._add([total, *parts], check, key, args)

    def _subset(self, total: _Item, part: _Item) -> None:
        part.part_of = total
        passed = Interval(part.interval.lo, None).overlaps(Interval(None, total.interval.hi))
        figures = [total.q.value, part.q.value]
        check = Check("other", "", figures, total.q.value, part.q.value, passed, "")
        args = {"part": self._show(part), "total": self._show(total)}
        self._add([total, part], check, "part" if passed else "part!", args)

    def _remainders(self, items: list[_Item]) -> None:
        """'Tổng số 57 ý kiến, đã trả lời 50 ý kiến, còn lại 7 ý kiến' without a breakdown word."""
        for item in items:
            remainder = _REMAINDER.search(item.label + " " + item.tail)
            if item.part_of or not item.countable or not remainder:
                continue
            earlier = [i for i in self.by_sentence[item.sentence] if i.q.start < item.q.start]
            earlier = [
                i for i in earlier if i.countable and not i.part_of and units_match(i.q.unit, item.q.unit)
            ]
            if not earlier:
                continue
            total = max(earlier, key=lambda i: i.q.value)
            parts = [i for i in earlier if i.q.start > total.q.start]
            if parts:
                self._sum(total, [*parts, item], exact=True, remainder=item.q.qual_start - 1)

    # --- fractions, changes, shares ------------------------------------------------------------------

    def _fractions(self, items: list[_Item]) -> None:
        for item in items:
            q = item.q
            if q.kind != "fraction" or not q.unit or re.search(r"(tỷ|tỉ) lệ\s*$", item.label):
                continue
            denominator = q.denominator or Fraction(0)
            passed = Interval(q.interval().lo, None).overlaps(Interval(None, denominator))
            check = Check("fraction", "", [q.value, denominator], denominator, q.value, passed, "")
            args = {
                "fraction": self._show(item),
                "part": format_number(q.value, q.decimals),
                "total": format_number(denominator),
            }
            self._add([item], check, "fraction" if passed else "fraction!", args)

    def _changes(self, items: list[_Item]) -> None:
        """'150 mô hình, tăng 20 mô hình so với năm 2022 (130 mô hình)' when both sides are stated."""
        for delta in items:
            if not delta.delta or not _COMPARE.search(delta.tail):
                continue
            earlier = [i for i in self.by_sentence[delta.sentence] if i.q.start < delta.q.start]
            earlier = [i for i in earlier if i.q.kind in ("quantity", "percent") and not i.delta]
            earlier = [i for i in earlier if not i.per_item and not i.compared]
            if not earlier or ";" in self.text[earlier[-1].q.end : delta.q.start]:
                continue
            current = earlier[-1]
            if delta.q.kind == "quantity" and not units_match(current.q.unit, delta.q.unit):
                continue
            before = self._compared(items, delta, current)
            if before is not None and before.q.value:
                self._change(delta, current, before)

    def _compared(self, items: list[_Item], delta: _Item, current: _Item) -> _Item | None:
        following = [i for i in self.by_sentence[delta.sentence] if i.q.start > delta.q.start][:1]
        for item in following:  # "so với năm 2022 (130 mô hình)", "so với cùng kỳ là 130 mô hình"
            between = self.text[delta.q.unit_end : item.q.qual_start]
            if _COMPARE.search(between) and not re.search(r"[,;]", between) and item.q.kind == current.q.kind:
                return item if units_match(item.q.unit, current.q.unit) or not item.q.unit else None
        # "…so với năm 2022" where an earlier clause of the paragraph says "Năm 2022 … 130 mô hình".
        end = self.sentences[delta.sentence][1]
        years = [
            q for q in self._quantities_between(delta.q.end, end) if q.kind == "year" and q.upper is None
        ]
        if not years or re.search(r"[,;]", self.text[delta.q.end : years[0].start]):
            return None
        said = self._quantities_between(self.paragraph_starts[current.paragraph], current.q.start)
        for year in reversed(
            [q for q in said if q.kind == "year" and q.value == years[0].value and not q.upper]
        ):
            sentence = bisect.bisect_right(self.sentence_starts, year.start) - 1
            found = [i for i in self.by_sentence[sentence] if year.end < i.q.start < current.q.start]
            found = [
                i for i in found if i.countable and not i.part_of and units_match(i.q.unit, current.q.unit)
            ]
            found = [i for i in found if not re.search(r";|(?<!\w)năm\s+\d", self.text[year.end : i.q.start])]
            if found:  # two counts of the same thing in that year: which one is compared?
                return found[0] if len(found) == 1 else None
        return None

    def _change(self, delta: _Item, current: _Item, before: _Item) -> None:
        rising = _DELTA_LABEL.search(delta.label)[1] == "tăng"  # type: ignore[index]
        new, old = current.interval, before.interval
        relative = delta.q.kind == "percent" and not delta.q.points
        options = [new.relative_change(old, rising)] if relative else []
        if delta.q.kind == "quantity" or current.q.kind == "percent":
            options.append(new - old if rising else old - new)  # counts, or percentage points
        if not options:
            return
        passed = any(option.overlaps(delta.interval) for option in options)
        expected = current.q.value - before.q.value
        if relative and current.q.kind == "quantity":
            expected = expected * 100 / before.q.value
        expected = round_half_up(expected if rising else -expected, delta.q.decimals)
        if delta.q.kind == "percent":
            shown = format_number(expected, delta.q.decimals) + (" điểm %" if delta.q.points else "%")
        else:
            shown = self._like(expected, delta)
        args = {
            "before": self._show(before),
            "after": self._show(current),
            "expected": shown,
            "stated": self._show(delta),
            "direction": _("tăng") if rising else _("giảm"),
        }
        key = "change" if expected == delta.q.value else "change~" if passed else "change!"
        figures = [before.q.value, current.q.value, delta.q.value]
        shape = {"decimals": delta.q.decimals, "percent": delta.q.kind == "percent"}
        check = Check("change", "", figures, expected, delta.q.value, passed, "", **shape)
        self._add([before, current, delta], check, key, args)

    def _shares(self, items: list[_Item]) -> None:
        """'đã xử lý 25.487 hồ sơ, đạt 99,08%': the rate of a figure within its total."""
        linked = [
            (part, percent) for part, percent in itertools.pairwise(items) if self._rate_of(part, percent)
        ]
        for part, percent in linked:
            part.share = percent
        for part, percent in linked:
            if part.record is not None and part.role != "received":
                part.record.percents[part.role] = percent  # judged with the whole record, maybe told twice
            else:
                self._plain_share(part, percent)

    def _plain_share(self, part: _Item, percent: _Item) -> None:
        if part.q.kind == "fraction":
            self._share(part, percent, [Interval(part.q.denominator, part.q.denominator)])
        elif part.part_of is not None:
            self._share(part, percent, [part.part_of])
        elif (total := self.paren_totals.get(part.group)) and units_match(total.q.unit, part.q.unit):
            # "5.678 đảng viên (nữ 2.345 đồng chí, chiếm 41,3%)": the parenthesis details its total.
            self._share(part, percent, [total] if total.q.value >= part.q.value else [])
        elif re.search(r"(?<!\w)(đạt|bằng)(?!\w)", self.text[part.q.unit_end : percent.q.qual_start]):
            # Without a breakdown, only "đạt" names the figure before as the base: in "15 xã tốt
            # (chiếm 78,95%), 4 xã khá (chiếm 21,05%)" the 15 is a sibling, not the total.
            earlier = [i for i in self.by_sentence[part.sentence] if i.q.start < part.q.start and i.countable]
            earlier = [
                i for i in earlier if not i.part_of and not i.share and units_match(i.q.unit, part.q.unit)
            ]
            self._share(part, percent, [i for i in earlier if i.q.value >= part.q.value])

    def _rate_of(self, part: _Item, percent: _Item) -> bool:
        """Whether the percentage right after a figure states that figure's share of a total."""
        q = percent.q
        if q.kind != "percent" or q.points or percent.delta or percent.per_item or q.value > 100:
            return False
        if part.q.kind not in ("quantity", "fraction") or part.delta or part.sentence != percent.sentence:
            return False
        gap = self.text[part.q.unit_end : q.qual_start]
        if (
            ";" in gap
            or len(gap) > 80
            or not _SHARE_LINK.fullmatch(_after_boundary(gap))
            or _MARKER.search(gap)
        ):
            return False
        after = _SHARE_AFTER.match(self.text, q.end)
        # "đạt 105% kế hoạch", "100% tiêu chí": a rate of something the text does not state.
        return after is not None and (
            not after["base"] or units_match(part.q.unit, tuple(syllables(after["base"])))
        )

    def _share(
        self,
        part: _Item,
        percent: _Item,
        bases: list[Interval] | list[_Item],
        note: str = "",
        own: list[_Item] | None = None,
    ) -> None:
        """Pass when any of the totals gives the stated rate; the first one is the total shown."""
        if not bases:
            return
        base = bases[0].lo if isinstance(bases[0], Interval) else bases[0].q.value
        if not base:
            return
        numerator = part.interval if part.q.kind != "fraction" else Interval(part.q.value, part.q.value)
        intervals = [b if isinstance(b, Interval) else b.interval for b in bases]
        passed = any(numerator.ratio_percent(b).overlaps(percent.interval) for b in intervals)
        decimals = percent.q.decimals
        expected = round_half_up(part.q.value * 100 / base, decimals)
        shown_part = (
            format_number(part.q.value, part.q.decimals) if part.q.kind == "fraction" else self._show(part)
        )
        shown_total = format_number(base) if isinstance(bases[0], Interval) else self._show(bases[0])
        args = {
            "part": shown_part,
            "total": shown_total,
            "expected": format_number(expected, decimals) + "%",
            "stated": self._show(percent),
        }
        key = "percent" if expected == percent.q.value else "percent~" if passed else "percent!"
        figures = [part.q.value, base, percent.q.value]
        check = Check(
            "percent", "", figures, expected, percent.q.value, passed, "", decimals=decimals, percent=True
        )
        self._add(own or [part, percent], check, key, args, note)

    # --- administrative dossiers, linked across the whole text --------------------------------------------

    def _build_records(self) -> None:
        # A record may continue on the next line ("Hồ sơ đang xử lý là 326 hồ sơ."), never further away.
        current: dict[tuple[str, ...], _Record] = {}
        last_paragraph = -2
        for item in self.items:
            if not item.role or item.part_of:
                continue
            if item.paragraph > last_paragraph + 1:
                current = {}
            last_paragraph = item.paragraph
            key = next((unit for unit in current if units_match(unit, item.q.unit)), item.q.unit)
            record = current.get(key)
            if record is None or item.role in record.roles:
                record = current[key] = _Record(item.q.unit)
                self.records.append(record)
            record.roles[item.role] = item
            item.record = record

    def _record_checks(self) -> None:
        for record in self.records:
            roles, percents = dict(record.roles), dict(record.percents)
            # The same dossiers told twice (a summary, then the details): each telling gets every figure.
            for other in self.records:
                if other is not record and _same_record(record, other):
                    for role, item in other.roles.items():
                        roles.setdefault(role, item)
                    for role, item in other.percents.items():
                        if roles[role].q.value == other.roles[role].q.value:
                            percents.setdefault(role, item)
            own = list(record.roles.values())
            foreign = {id(i) for i in roles.values() if i.record is not record}
            foreign |= {id(p) for role, p in percents.items() if record.percents.get(role) is not p}
            self._record_sum(roles, own, foreign)
            if "received" not in roles:
                for role, percent in record.percents.items():
                    self._plain_share(record.roles[role], percent)
                continue
            for role, percent in percents.items():
                wider = (
                    ("received", "settled", "progress") if role in ("overdue", "ontime") else ("received",)
                )
                bases = [roles[r] for r in wider if r in roles and r != role]
                note = self._borrowed_note([roles[role], percent, roles["received"]], foreign)
                self._share(roles[role], percent, bases, note, own)

    def _record_sum(self, roles: dict[str, _Item], own: list[_Item], foreign: set[int]) -> None:
        if not {"received", "settled", "progress"} <= roles.keys():
            return
        received = roles["received"]
        parts = [roles[r] for r in ("settled", "progress", "returned") if r in roles]
        summed = Interval.total(p.interval for p in parts)
        exact = "returned" in roles  # without it, the rest may have been returned or withdrawn
        passed = (summed if exact else Interval(summed.lo, None)).overlaps(received.interval)
        value = sum((p.q.value for p in parts), Fraction(0))
        args = {
            "received": self._show(received),
            "sum": format_number(value),
            "parts": " + ".join(self._show(p, unit=False) for p in parts),
        }
        if passed:
            key = "dossier" if value == received.q.value else "dossier<="
        else:
            key = "dossier!" if exact else "dossier>"
        figures = [received.q.value, *(p.q.value for p in parts)]
        check = Check("sum", "", figures, value, received.q.value, passed, "")
        self._add(own, check, key, args, self._borrowed_note([received, *parts], foreign))

    def _borrowed_note(self, used: list[_Item], foreign: set[int]) -> str:
        borrowed = [self._show(item) for item in used if id(item) in foreign]
        return " " + _(_MESSAGES["borrowed"]) % {"figures": ", ".join(borrowed)} if borrowed else ""


def _same_record(record: _Record, other: _Record) -> bool:
    """Two passages state the same dossiers when the received total and another figure coincide."""
    mine, theirs = record.roles, other.roles
    if not units_match(record.unit, other.unit) or "received" not in mine or "received" not in theirs:
        return False
    if mine["received"].q.value != theirs["received"].q.value:
        return False
    shared = (mine.keys() & theirs.keys()) - {"received"}
    return any(mine[role].q.value == theirs[role].q.value for role in shared)


def _after_boundary(text: str) -> str:
    """The last clause of a stretch of text: what follows its last comma, semicolon or bracket."""
    return text[max((m.end() for m in _BOUNDARY.finditer(text)), default=0) :]
