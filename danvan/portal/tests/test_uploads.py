import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from danvan import uploads
from danvan.uploads import DOCX, JPEG, PDF, PNG, TEXT, XLSX, check_upload, sniff_content_type

from .helpers import DOCX_BYTES, EXE_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES, XLSX_BYTES, ooxml, upload


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (PDF_BYTES, "don.pdf", PDF),
        (PNG_BYTES, "anh.png", PNG),
        (JPEG_BYTES, "IMG_0001.JPG", JPEG),
        (DOCX_BYTES, "don.docx", DOCX),
        (XLSX_BYTES, "bang-ke.xlsx", XLSX),
        ("Kính gửi Ủy ban nhân dân xã.\r\nTôi xin phản ánh…".encode(), "ghi-chu.txt", TEXT),
        (b"\xef\xbb\xbfC\xc3\xb3 BOM", "a.TXT", TEXT),
    ],
)
def test_it_sniffs_each_accepted_type_from_its_first_bytes(head, name, expected):
    assert sniff_content_type(head, name) == expected


def test_it_trusts_the_bytes_not_the_name():
    assert sniff_content_type(PDF_BYTES, "anh.jpg") == PDF
    assert sniff_content_type(EXE_BYTES, "don.pdf") is None
    assert sniff_content_type(b"<html><script>alert(1)</script>", "trang.html") is None
    # Text has no signature: only a .txt name makes UTF-8 bytes acceptable text.
    assert sniff_content_type(b"plain words", "script.sh") is None


def test_it_refuses_a_zip_that_is_not_a_word_or_excel_document_and_any_macro():
    assert sniff_content_type(ooxml("content.xml"), "tai-lieu.docx") is None
    assert sniff_content_type(ooxml("word/document.xml", extra=("word/vbaProject.bin",)), "don.docx") is None


def test_it_refuses_text_that_is_not_utf8_or_holds_control_characters():
    assert sniff_content_type("Xin chào".encode("utf-16"), "a.txt") is None
    assert sniff_content_type("Xin chào".encode("cp1258"), "a.txt") is None
    assert sniff_content_type(b"abc\x00def", "a.txt") is None
    assert sniff_content_type(b"", "a.txt") is None


def test_it_accepts_a_text_head_cut_in_the_middle_of_a_character():
    head = "Kính gửi xã Đ".encode()[:-1]  # "Đ" is two bytes; the head ends after the first
    assert sniff_content_type(head, "a.txt") == TEXT


@given(st.binary(max_size=512), st.sampled_from(["a.txt", "a.pdf", "a", "a.docx"]))
def test_it_never_fails_on_arbitrary_bytes(head, name):
    assert sniff_content_type(head, name) in {None, PDF, PNG, JPEG, DOCX, XLSX, TEXT}


def test_it_checks_the_whole_package_of_an_office_file():
    # A head that names word/document.xml but a file that is no valid ZIP is refused.
    fake = b"PK\x03\x04" + b"\x00" * 22 + (17).to_bytes(2, "little") + b"\x00\x00" + b"word/document.xml"
    with pytest.raises(ValidationError):
        check_upload(upload("gia.docx", fake))
    assert check_upload(upload("don.docx", DOCX_BYTES)) == DOCX


def test_it_limits_the_size_from_settings_with_a_vietnamese_message(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        check_upload(upload("to.pdf", PDF_BYTES + b" " * 1024))
    assert "quá lớn" in error.value.message_dict["attachment"][0]
    assert check_upload(upload("nho.pdf", PDF_BYTES)) == PDF


def test_it_refuses_a_wrong_type_with_a_vietnamese_message():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("virus.pdf", EXE_BYTES, "application/pdf"))
    assert error.value.message_dict["attachment"] == [
        "Chỉ nhận tệp PDF, ảnh PNG hoặc JPEG, văn bản Word (.docx), bảng tính Excel (.xlsx) "
        "hoặc văn bản thuần (.txt)."
    ]


def test_it_stores_under_a_safe_ascii_name_with_the_sniffed_extension():
    assert uploads.storage_name("Đơn kiến nghị đường ấp 3.PDF", PDF) == "don-kien-nghi-duong-ap-3.pdf"
    assert uploads.storage_name("../../etc/passwd.jpg", PNG) == "passwd.png"
    assert uploads.storage_name("....", TEXT) == "tep-dinh-kem.txt"
