"""Word documents in the layout of Nghị định 30/2020/NĐ-CP (state) and Hướng dẫn 36-HD/VPTW (Party).

A small builder over python-docx::

    doc = Decree30Document(kind=PARTY)
    doc.header(issuer=Issuer(name="HUYỆN ỦY TÂN LẠC", parent="ĐẢNG BỘ TỈNH HÒA BÌNH", kind=PARTY),
               number="125-QĐ/HU", place="Tân Lạc", day=datetime.date(2024, 12, 15))
    doc.title("QUYẾT ĐỊNH", "về việc công nhận mô hình “Dân vận khéo” năm 2024")
    doc.paragraph("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;")
    doc.article("Điều 1.", "Công nhận …")
    doc.signature(on_behalf="T/M BAN THƯỜNG VỤ", position="BÍ THƯ", name="Nguyễn Văn A",
                  recipients=["Như Điều 3,", "Lưu Văn phòng Huyện ủy."])
    doc.page_break()
    doc.table(["STT", "Tên mô hình"], [["1", "…"]], widths_mm=[15, 150])
    content = doc.to_bytes()

What the layout fixes: A4 portrait; margins top and bottom 20–25 mm, left 30–35, right
15–20; Times New Roman 13–14 throughout (East Asian and complex-script slots too, so
Vietnamese never falls back to another font); for state documents the quốc hiệu in bold
capitals 12–13 and the tiêu ngữ in bold 13–14, underlined; for Party documents
"ĐẢNG CỘNG SẢN VIỆT NAM" in bold capitals 15, underlined; the issuing body's name in
bold capitals with a short rule under it; "Số: 15/QĐ-UBND" (state) or "Số 125-QĐ/HU"
(Party); place and date in italics, with a leading zero for days below 10 and for
January and February; the page number centred at the top from page 2 on.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

STATE = "state"
PARTY = "party"
FONT = "Times New Roman"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"

A4_WIDTH_MM, A4_HEIGHT_MM = 210, 297
# The ranges the decree allows, and the values used when none is given.
MARGIN_RANGES_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
FONT_SIZES = (13, 14)

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# Children of w:pPr that must come after w:pBdr (ECMA-376 order), so Word accepts the file.
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


@dataclass(frozen=True)
class Issuer:
    """Who issues the document.

    ``parent`` is the governing body (cơ quan chủ quản, or for Party documents the Party
    organisation one level up, e.g. "ĐẢNG BỘ TỈNH HÒA BÌNH"); ``name`` the issuing body itself.
    """

    name: str
    parent: str = ""
    kind: str = STATE


@dataclass(frozen=True)
class Margins:
    top: float = 20
    bottom: float = 20
    left: float = 30
    right: float = 15

    def __post_init__(self) -> None:
        for side, (low, high) in MARGIN_RANGES_MM.items():
            if not low <= getattr(self, side) <= high:
                raise ValueError(f"{side} margin must be {low}–{high} mm under Decree 30/2020")


def _margin(mm: float, low: float, high: float) -> Twips:
    """Word stores margins in twips; round so that 15 mm does not come back as 14.99 mm."""
    twips = round(mm * 1440 / 25.4)
    if twips * 25.4 / 1440 < low:
        twips += 1
    elif twips * 25.4 / 1440 > high:
        twips -= 1
    return Twips(twips)


def two_digits_if_needed(day: datetime.date) -> tuple[str, str]:
    """Day and month as Decree 30 writes them: a leading zero for days 1–9 and months 1–2."""
    return f"{day.day:02d}", f"{day.month:02d}" if day.month < 3 else str(day.month)


def place_and_date(place: str, day: datetime.date) -> str:
    """Place and date as the header prints them: "Tân Lạc, ngày 05 tháng 02 năm 2024"."""
    dd, mm = two_digits_if_needed(day)
    prefix = f"{place}, " if place else ""
    return f"{prefix}ngày {dd} tháng {mm} năm {day.year}"


def number_line(number: str, kind: str = STATE) -> str:
    """The number line: "Số: 15/QĐ-UBND" (state) or "Số 125-QĐ/HU" (Party); blank keeps the gap."""
    number = (number or "").strip() or "    /    "
    return f"Số {number}" if kind == PARTY else f"Số: {number}"


def short_date(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


class Decree30Document:
    """One Word document, written top to bottom."""

    def __init__(
        self,
        *,
        kind: str = STATE,
        font_size: int = 14,
        margins: Margins | None = None,
        title: str = "",
        landscape: bool = False,
    ) -> None:
        if kind not in (STATE, PARTY):
            raise ValueError("kind must be 'state' or 'party'")
        if font_size not in FONT_SIZES:
            raise ValueError("Decree 30/2020 uses Times New Roman 13 or 14")
        self.kind = kind
        self.size = font_size
        self.margins = margins or Margins()
        self.document = Document()
        self._setup_styles()
        self._setup_section(landscape=landscape)
        self.document.core_properties.title = title
        self.document.core_properties.language = "vi-VN"

    # --- set-up -------------------------------------------------------------------------------

    def _setup_styles(self) -> None:
        for style_name in ("Normal", "Table Grid"):
            style = self.document.styles[style_name]
            style.font.name = FONT
            style.font.size = Pt(self.size)
            fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
            for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(slot), FONT)
            lang = OxmlElement("w:lang")
            lang.set(qn("w:val"), "vi-VN")
            style.element.get_or_add_rPr().insert_element_before(
                lang, "w:eastAsianLayout", "w:specVanish", "w:oMath"
            )
        normal = self.document.styles["Normal"].paragraph_format
        normal.space_before = Pt(0)
        normal.space_after = Pt(6)
        normal.line_spacing_rule = WD_LINE_SPACING.SINGLE

    def _setup_section(self, *, landscape: bool) -> None:
        section = self.document.sections[0]
        width, height = Mm(A4_WIDTH_MM), Mm(A4_HEIGHT_MM)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            width, height = height, width
        section.page_width, section.page_height = width, height
        for side in MARGIN_RANGES_MM:
            setattr(section, f"{side}_margin", _margin(getattr(self.margins, side), *MARGIN_RANGES_MM[side]))
        section.header_distance = Mm(10)
        # Page numbers centred at the top, from the second page on.
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._page_field(paragraph)
        self.text_width_mm = (width - section.left_margin - section.right_margin) / Mm(1)

    @staticmethod
    def _page_field(paragraph) -> None:
        run = paragraph.add_run()
        for tag, attrs, text in (
            ("w:fldChar", {"w:fldCharType": "begin"}, None),
            ("w:instrText", {"xml:space": "preserve"}, "PAGE"),
            ("w:fldChar", {"w:fldCharType": "end"}, None),
        ):
            element = OxmlElement(tag)
            for key, value in attrs.items():
                element.set(qn(key), value)
            if text:
                element.text = text
            run._r.append(element)

    # --- low-level helpers ----------------------------------------------------------------------

    def _new_paragraph(self, container=None):
        return (container if container is not None else self.document).add_paragraph()

    def _run(
        self, paragraph, text: str, *, size: float | None = None, bold=False, italic=False, underline=False
    ):
        run = paragraph.add_run(text)
        run.font.name = FONT
        run.font.size = Pt(size or self.size)
        run.bold, run.italic = bold or None, italic or None
        if underline:
            run.underline = True
        return run

    def _line(
        self,
        container,
        text: str,
        *,
        size: float | None = None,
        bold=False,
        italic=False,
        underline=False,
        align="center",
        after: float = 0,
    ):
        paragraph = self._new_paragraph(container)
        paragraph.alignment = _ALIGN[align]
        paragraph.paragraph_format.space_after = Pt(after)
        paragraph.paragraph_format.first_line_indent = None
        if text:
            self._run(paragraph, text, size=size, bold=bold, italic=italic, underline=underline)
        return paragraph

    @staticmethod
    def _rule(paragraph, *, container_mm: float, fraction: float = 1 / 3) -> None:
        """A short centred horizontal line: an empty paragraph with a bottom border and side indents."""
        side = max(0.0, container_mm * (1 - fraction) / 2)
        paragraph.paragraph_format.left_indent = Mm(side)
        paragraph.paragraph_format.right_indent = Mm(side)
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph_properties = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        paragraph_properties.insert_element_before(borders, *_AFTER_PBDR)
        for run in paragraph.runs:
            run.font.size = Pt(4)

    @staticmethod
    def _borderless(table) -> None:
        properties = table._tbl.tblPr
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:val"), "nil")
            borders.append(element)
        properties.insert_element_before(
            borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"
        )

    def _grid(self, rows: int, widths_mm: Sequence[float], *, borders: bool):
        table = self.document.add_table(rows=rows, cols=len(widths_mm))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if borders:
            table.style = self.document.styles["Table Grid"]
        else:
            self._borderless(table)
        for index, width in enumerate(widths_mm):
            table.columns[index].width = Mm(width)
            for cell in table.columns[index].cells:
                cell.width = Mm(width)
        return table

    @staticmethod
    def _cell(cell):
        """The cell's first paragraph, emptied, to write into with ``container=cell`` afterwards."""
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        return paragraph

    # --- the parts of a document ----------------------------------------------------------------

    def header(self, *, issuer: Issuer, number: str | None, place: str, day: datetime.date | None) -> None:
        """The two-column header: issuer and number on the left; title, motto, place and date on the right.

        ``number=None`` leaves the number line out (certificates carry theirs at the bottom);
        ``day=None`` leaves the date blank for the signer to fill in.
        """
        left_mm = 75 if self.kind == PARTY else 70
        right_mm = self.text_width_mm - left_mm
        table = self._grid(2, [left_mm, right_mm], borders=False)
        top_left, top_right = table.rows[0].cells
        bottom_left, bottom_right = table.rows[1].cells

        issuer_size = 14 if self.kind == PARTY else 13
        first = self._cell(top_left)
        if issuer.parent:
            self._run(first, issuer.parent.upper(), size=issuer_size)
            first.alignment = _ALIGN["center"]
            self._line(top_left, issuer.name.upper(), size=issuer_size, bold=True)
        else:
            self._run(first, issuer.name.upper(), size=issuer_size, bold=True)
            first.alignment = _ALIGN["center"]
        if self.kind == PARTY:
            self._line(top_left, "*", size=issuer_size)
        else:
            self._rule(self._line(top_left, ""), container_mm=left_mm, fraction=0.4)

        right = self._cell(top_right)
        right.alignment = _ALIGN["center"]
        if self.kind == PARTY:
            self._run(right, PARTY_TITLE, size=15, bold=True, underline=True)
        else:
            self._run(right, NATIONAL_TITLE, size=13, bold=True)
            self._line(top_right, NATIONAL_MOTTO, size=self.size, bold=True, underline=True)

        number_paragraph = self._cell(bottom_left)
        number_paragraph.alignment = _ALIGN["center"]
        if number is not None:
            self._run(number_paragraph, number_line(number, self.kind), size=issuer_size)
        date_paragraph = self._cell(bottom_right)
        date_paragraph.alignment = _ALIGN["center"]
        self._run(
            date_paragraph,
            place_and_date(place, day) if day else f"{place}, ngày      tháng      năm      ",
            italic=True,
        )
        self._line(None, "", after=6)

    def title(self, kind_title: str, summary: str = "", *, size: int | None = None) -> None:
        """The kind ("QUYẾT ĐỊNH") in bold capitals, the summary (trích yếu) in bold, then a short rule."""
        self._line(
            None, kind_title.upper(), size=size or (15 if self.kind == PARTY else self.size), bold=True
        )
        if summary:
            self._line(None, summary, bold=True)
        self._rule(self._line(None, ""), container_mm=self.text_width_mm, fraction=0.25)
        self._line(None, "", after=0)

    def heading(self, text: str, *, size: float | None = None, bold: bool = True, after: float = 6) -> None:
        """A centred line, such as the issuing authority before the preamble or "QUYẾT ĐỊNH:"."""
        self._line(None, text, size=size, bold=bold, after=after)

    def paragraph(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        align: str = "justify",
        indent: bool = True,
        size: float | None = None,
        lead: str = "",
    ):
        """A body paragraph: justified, first line indented 1.27 cm, 6 pt after; ``lead`` is a bold prefix."""
        paragraph = self._new_paragraph()
        paragraph.alignment = _ALIGN[align]
        paragraph.paragraph_format.first_line_indent = Mm(12.7) if indent else None
        paragraph.paragraph_format.space_after = Pt(6)
        if lead:
            self._run(paragraph, lead + " ", size=size, bold=True)
        if text:
            self._run(paragraph, text, size=size, bold=bold, italic=italic)
        return paragraph

    def article(self, label: str, text: str) -> None:
        """An article ("Điều 1. …"): the label in bold, the text after it."""
        self.paragraph(text, lead=label)

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[object]],
        *,
        widths_mm: Sequence[float] | None = None,
        align: Sequence[str] | None = None,
        size: float = 13,
    ):
        """A bordered table whose header row repeats on every page."""
        widths = list(widths_mm or [self.text_width_mm / len(headers)] * len(headers))
        align = list(align or ["left"] * len(headers))
        table = self._grid(1 + len(rows), widths, borders=True)
        header_row = table.rows[0]
        marker = OxmlElement("w:tblHeader")
        marker.set(qn("w:val"), "true")
        header_row._tr.get_or_add_trPr().append(marker)
        for cell, text in zip(header_row.cells, headers, strict=True):
            paragraph = self._cell(cell)
            paragraph.alignment = _ALIGN["center"]
            self._run(paragraph, str(text), size=size, bold=True)
        for row, values in zip(table.rows[1:], rows, strict=True):
            for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                paragraph = self._cell(cell)
                paragraph.alignment = _ALIGN[align[index]]
                self._run(paragraph, "" if value is None else str(value), size=size)
        self._line(None, "", after=0)
        return table

    def signature(
        self,
        *,
        on_behalf: str = "",
        position: str = "",
        name: str = "",
        recipients: Sequence[str] = (),
        blank_lines: int = 4,
    ) -> None:
        """Recipients (Nơi nhận) on the left; on the right the signer's authority, position, room, name."""
        left_mm = 70
        table = self._grid(1, [left_mm, self.text_width_mm - left_mm], borders=False)
        left, right = table.rows[0].cells
        first = self._cell(left)
        if recipients:
            if self.kind == PARTY:
                self._run(first, "Nơi nhận:", size=14, underline=True)
            else:
                self._run(first, "Nơi nhận:", size=12, bold=True, italic=True)
            for recipient in recipients:
                self._line(left, f"- {recipient}", size=12 if self.kind == PARTY else 11, align="left")
        signer = self._cell(right)
        signer.alignment = _ALIGN["center"]
        if on_behalf:
            self._run(signer, on_behalf.upper(), bold=True)
            if position:
                self._line(right, position.upper(), bold=True)
        elif position:
            self._run(signer, position.upper(), bold=True)
        for _line in range(blank_lines):
            self._line(right, "")
        if name:
            self._line(right, name, bold=True)

    def page_break(self) -> None:
        paragraph = self._new_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run().add_break(WD_BREAK.PAGE)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
