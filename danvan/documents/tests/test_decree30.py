import datetime
import io

import pytest
from docx import Document
from docx.shared import Pt

from danvan.documents.decree30 import (
    PARTY,
    STATE,
    Decree30Document,
    Issuer,
    Margins,
    number_line,
    place_and_date,
)


def build(kind: str) -> Document:
    doc = Decree30Document(kind=kind, title="Quyết định thử")
    issuer = (
        Issuer(name="Huyện ủy Tân Lạc", parent="Đảng bộ tỉnh Hòa Bình", kind=PARTY)
        if kind == PARTY
        else Issuer(name="Ủy ban nhân dân xã An Bình", kind=STATE)
    )
    doc.header(
        issuer=issuer,
        number="125-QĐ/HU" if kind == PARTY else "12/QĐ-UBND",
        place="Tân Lạc",
        day=datetime.date(2024, 2, 5),
    )
    doc.title("Quyết định", "Về việc công nhận mô hình “Dân vận khéo” năm 2024")
    doc.paragraph("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;")
    doc.article("Điều 1.", "Công nhận 2 mô hình.")
    doc.signature(
        on_behalf="T/M Ban Thường vụ", position="Bí thư", name="Nguyễn Văn A", recipients=["Như Điều 3,"]
    )
    doc.page_break()
    doc.table(["STT", "Tên mô hình"], [[1, "Đường giao thông"], [2, "Camera an ninh"]], widths_mm=[15, 150])
    return Document(io.BytesIO(doc.to_bytes()))


def runs_with(document: Document, text: str):
    cells = [c for t in document.tables for r in t.rows for c in r.cells]
    paragraphs = list(document.paragraphs) + [p for c in cells for p in c.paragraphs]
    return [r for p in paragraphs for r in p.runs if r.text == text]


def test_it_lays_out_a4_with_the_decrees_margins_and_times_new_roman():
    document = build(STATE)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= section.top_margin.mm <= 25 and 20 <= section.bottom_margin.mm <= 25
    assert 30 <= section.left_margin.mm <= 35 and 15 <= section.right_margin.mm <= 20
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    fonts = normal.element.rPr.rFonts
    assert (
        fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "Times New Roman"
    )
    for run in runs_with(document, "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"):
        assert run.font.name == "Times New Roman" and run.font.size in (Pt(13), Pt(14))


def test_it_writes_the_state_header_number_place_and_date():
    document = build(STATE)
    (title,) = runs_with(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert title.bold and title.font.size in (Pt(12), Pt(13))
    (motto,) = runs_with(document, "Độc lập - Tự do - Hạnh phúc")
    assert motto.bold and motto.underline and motto.font.size in (Pt(13), Pt(14))
    (issuer,) = runs_with(document, "ỦY BAN NHÂN DÂN XÃ AN BÌNH")
    assert issuer.bold
    assert runs_with(document, "Số: 12/QĐ-UBND")
    (day,) = runs_with(document, "Tân Lạc, ngày 05 tháng 02 năm 2024")
    assert day.italic
    (kind,) = runs_with(document, "QUYẾT ĐỊNH")
    assert kind.bold
    assert not runs_with(document, "ĐẢNG CỘNG SẢN VIỆT NAM")


def test_it_writes_the_party_header_of_guidance_36():
    document = build(PARTY)
    (party,) = runs_with(document, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert party.bold and party.underline and party.font.size == Pt(15)
    assert runs_with(document, "ĐẢNG BỘ TỈNH HÒA BÌNH") and runs_with(document, "HUYỆN ỦY TÂN LẠC")[0].bold
    assert runs_with(document, "Số 125-QĐ/HU") and runs_with(document, "*")
    assert not runs_with(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    (received,) = runs_with(document, "Nơi nhận:")
    assert received.underline


def test_it_writes_the_signature_block_and_a_table_whose_header_repeats():
    document = build(STATE)
    assert runs_with(document, "T/M BAN THƯỜNG VỤ")[0].bold and runs_with(document, "BÍ THƯ")[0].bold
    assert runs_with(document, "Nguyễn Văn A")[0].bold
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Tên mô hình"]
    assert [c.text for c in table.rows[2].cells] == ["2", "Camera an ninh"]
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    assert round(table.columns[1].width.mm) == 150


def test_it_numbers_pages_from_the_second_one_at_the_top():
    section = build(STATE).sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
        (datetime.date(2024, 3, 9), "ngày 09 tháng 3 năm 2024"),
        (datetime.date(2024, 12, 25), "ngày 25 tháng 12 năm 2024"),
        (datetime.date(2025, 1, 10), "ngày 10 tháng 01 năm 2025"),
    ],
)
def test_it_writes_dates_with_the_leading_zeros_the_decree_asks_for(day, expected):
    assert place_and_date("", day) == expected
    assert place_and_date("Hà Nội", day) == f"Hà Nội, {expected}"


def test_it_writes_state_and_party_numbers_differently():
    assert number_line("12/QĐ-UBND") == "Số: 12/QĐ-UBND"
    assert number_line("127-QĐ/TW", PARTY) == "Số 127-QĐ/TW"
    assert number_line("", STATE) == "Số:     /    "


def test_it_refuses_margins_and_sizes_outside_the_decree():
    with pytest.raises(ValueError, match="left margin"):
        Margins(left=25)
    with pytest.raises(ValueError, match="top margin"):
        Margins(top=30)
    with pytest.raises(ValueError):
        Decree30Document(font_size=12)
    custom = Decree30Document(margins=Margins(top=25, bottom=25, left=35, right=20), font_size=13)
    section = Document(io.BytesIO(custom.to_bytes())).sections[0]
    assert section.left_margin.mm == pytest.approx(35, abs=0.02) and section.right_margin.mm <= 20
    assert custom.text_width_mm == pytest.approx(155, abs=0.05)
