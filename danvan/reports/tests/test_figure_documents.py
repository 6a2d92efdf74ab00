"""Plain text out of uploaded .txt and .docx files."""

import codecs
import io
import zipfile

import docx
import pytest

from danvan.reports.figures import check_text, documents, extract_text

TEXT = "Tổ chức 241 hội nghị (3 hội nghị cấp tỉnh; 22 hội nghị cấp huyện; 215 hội nghị cấp xã)."


def test_it_reads_utf8_text(tmp_path):
    path = tmp_path / "bao-cao.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert extract_text(path) == TEXT
    assert extract_text(str(path)) == TEXT


def test_it_reads_utf8_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "bao-cao.txt"
    path.write_bytes(codecs.BOM_UTF8 + TEXT.encode())
    assert extract_text(path) == TEXT


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_it_reads_utf16_with_or_without_a_byte_order_mark(tmp_path, encoding):
    path = tmp_path / "bao-cao.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert extract_text(path) == TEXT


def test_it_reads_bytes_and_file_objects_named_by_the_upload():
    assert extract_text(TEXT.encode(), filename="Báo cáo.TXT") == TEXT
    upload = io.BytesIO(TEXT.encode())
    assert extract_text(upload, filename="bao-cao.txt") == TEXT


def test_it_refuses_text_in_a_legacy_encoding(tmp_path):
    path = tmp_path / "bao-cao.txt"
    path.write_bytes("Tổng số hồ sơ".encode("cp1258", errors="replace") + b"\xff\xfe\x00")
    with pytest.raises(ValueError, match="UTF-8"):
        extract_text(path)


def test_it_refuses_unsupported_formats(tmp_path):
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(ValueError, match=r"chưa được hỗ trợ.*\.txt hoặc \.docx"):
        extract_text(path)
    with pytest.raises(ValueError, match="chưa được hỗ trợ"):
        extract_text(b"data")


def test_it_reports_a_missing_file_in_vietnamese(tmp_path):
    with pytest.raises(ValueError, match="Không tìm thấy tệp"):
        extract_text(tmp_path / "khong-co.txt")


def test_it_reports_a_directory_in_vietnamese(tmp_path):
    folder = tmp_path / "bao-cao.txt"
    folder.mkdir()
    with pytest.raises(ValueError, match="Không đọc được tệp"):
        extract_text(folder)


def test_it_refuses_a_broken_word_file(tmp_path):
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(b"PK\x03\x04 this is not a real docx")
    with pytest.raises(ValueError, match="Không đọc được tệp Word"):
        extract_text(path)


def test_it_refuses_a_zip_that_is_not_a_word_file(tmp_path):
    path = tmp_path / "bao-cao.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ValueError, match="Không đọc được tệp Word"):
        extract_text(path)


def test_it_refuses_a_word_file_that_unpacks_to_too_much(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_DOCX_UNPACKED", 1000)
    with pytest.raises(ValueError, match="quá lớn"):
        extract_text(_word_file(tmp_path))


def _word_file(tmp_path):
    document = docx.Document()
    document.add_heading("Báo cáo sơ kết công tác dân vận", level=1)
    document.add_paragraph(
        "Toàn huyện đã tiếp nhận 1.250 hồ sơ, đã giải quyết 1.200 hồ sơ, đang giải quyết 80 hồ sơ."
    )
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "Đơn vị"
    table.cell(0, 1).text = "Số mô hình"
    table.cell(0, 2).text = "Ghi chú"
    table.cell(1, 0).text = "Xã An Bình"
    table.cell(1, 1).text = "12"
    table.cell(1, 2).text = "Có 12 mô hình (5 mô hình cấp huyện; 8 mô hình cấp xã)."
    merged = table.cell(2, 0).merge(table.cell(2, 2))
    merged.text = "Tổng cộng toàn huyện"
    document.add_paragraph("Phần kết luận sau bảng.")
    path = tmp_path / "bao-cao.docx"
    document.save(path)
    return path


def test_it_reads_paragraphs_and_table_cells_of_a_word_file_in_order(tmp_path):
    text = extract_text(_word_file(tmp_path))
    lines = text.splitlines()
    assert lines[0] == "Báo cáo sơ kết công tác dân vận"
    assert "Xã An Bình" in lines and "12" in lines
    assert lines.index("Số mô hình") < lines.index("Xã An Bình") < lines.index("Phần kết luận sau bảng.")
    assert lines.count("Tổng cộng toàn huyện") == 1  # a merged cell is read once
    assert lines[-1] == "Phần kết luận sau bảng."


def test_it_checks_figures_found_in_paragraphs_and_table_cells(tmp_path):
    findings = check_text(extract_text(_word_file(tmp_path))).findings
    assert sorted(f.kind for f in findings) == ["sum", "sum"]
    assert {f.stated for f in findings} == {1250, 12}
