"""Small files of each kind, and the POST a citizen's browser sends."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF_BYTES = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40 + b"\xff\xd9"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60


def ooxml(main_part: str, *, extra: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        package.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        package.writestr(main_part, '<?xml version="1.0"?><document/>')
        for name in extra:
            package.writestr(name, b"\x00" * 10)
    return buffer.getvalue()


DOCX_BYTES = ooxml("word/document.xml")
XLSX_BYTES = ooxml("xl/workbook.xml")


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    # The browser's content type is deliberately ignored by the portal; pass a wrong one to prove it.
    return SimpleUploadedFile(name, content, content_type=content_type)


def submission(personas, **overrides) -> dict:
    data = {
        "province": str(personas.tree.province.pk),
        "commune": str(personas.tree.commune_a.pk),
        "hamlet": "",
        "kind": "petition",
        "topic": "",
        "title": "Đèn đường ấp 3 hỏng",
        "text": "Đèn đường tuyến ấp 3 hỏng hơn một tháng, đề nghị xã sửa.",
        "citizen_name": "Nguyễn Văn Dân",
        "citizen_phone": "0909 123 456",
        "citizen_email": "dan@example.invalid",
        "citizen_address": "Số 5, ấp 3",
        "website": "",
    }
    data.update(overrides)
    return data
