"""What people may attach: the type comes from the file's first bytes, never from its name alone."""

from __future__ import annotations

import codecs
import os
import struct
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from danvan.textproc.folding import fold

HEAD_BYTES = 64 * 1024
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT = "text/plain"

# The extension a stored file gets, whatever the citizen called it.
EXTENSIONS = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg", DOCX: ".docx", XLSX: ".xlsx", TEXT: ".txt"}
TEXT_EXTENSIONS = {".txt"}
# The part that makes an OOXML package a Word document or an Excel workbook.
OOXML_MAIN_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}
_ZIP_LOCAL = b"PK\x03\x04"
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}


def _zip_member_names(head: bytes) -> list[str]:
    """Names of the ZIP members whose local headers lie in ``head`` (the file may be cut short)."""
    names, start = [], 0
    while (offset := head.find(_ZIP_LOCAL, start)) != -1 and offset + 30 <= len(head):
        name_length = struct.unpack_from("<H", head, offset + 26)[0]
        raw = head[offset + 30 : offset + 30 + name_length]
        names.append(raw.decode("utf-8", "replace"))
        start = offset + 4
    return names


def _ooxml_kind(names: list[str]) -> str | None:
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None  # macros: never
    if OOXML_MAIN_PART[DOCX] in names:
        return DOCX
    if OOXML_MAIN_PART[XLSX] in names:
        return XLSX
    return None


def _is_utf8_text(head: bytes) -> bool:
    if not head:
        return False
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    try:
        # final=False: a multi-byte character cut by the end of ``head`` is not an error.
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return not any((ch < " " and ch not in _ALLOWED_CONTROLS) or ch == "\x7f" for ch in text)


def sniff_content_type(head: bytes, name: str) -> str | None:
    """The content type of an accepted attachment from its first bytes, or None when refused.

    PDF, PNG and JPEG by their signatures; DOCX and XLSX as ZIP packages holding
    ``word/document.xml`` or ``xl/workbook.xml`` (and no macros); plain UTF-8 text
    only when the name ends in ``.txt``, since text has no signature.
    """
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(_ZIP_LOCAL):
        return _ooxml_kind(_zip_member_names(head))
    if os.path.splitext(name or "")[1].lower() in TEXT_EXTENSIONS and _is_utf8_text(head):
        return TEXT
    return None


def max_upload_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _read_head(upload) -> bytes:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head


def _ooxml_package_matches(upload, content_type: str) -> bool:
    """The whole package, read through its central directory, is what its head claimed."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and _ooxml_kind(names) == content_type


def check_upload(upload) -> str:
    """The accepted content type of an uploaded file; a ValidationError on ``attachment`` otherwise."""
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {
                "attachment": _("Tệp đính kèm quá lớn: tối đa %(size)s MB.")
                % {"size": f"{limit / (1024 * 1024):g}"}
            },
            code="too_big",
        )
    if not upload.size:
        raise ValidationError({"attachment": _("Tệp đính kèm rỗng.")}, code="empty")
    content_type = sniff_content_type(_read_head(upload), upload.name or "")
    if content_type in OOXML_MAIN_PART and not _ooxml_package_matches(upload, content_type):
        content_type = None
    if content_type is None:
        raise ValidationError(
            {
                "attachment": _(
                    "Chỉ nhận tệp PDF, ảnh PNG hoặc JPEG, văn bản Word (.docx), bảng tính Excel (.xlsx) "
                    "hoặc văn bản thuần (.txt)."
                )
            },
            code="wrong_type",
        )
    return content_type


def check_minutes(upload, *, field: str = "minutes_file") -> str:
    """Signed minutes: checked like every upload, and only a PDF or a Word file; the error is
    keyed by the form's ``field``. Returns the content type."""
    try:
        content_type = check_upload(upload)
    except ValidationError as error:
        raise ValidationError({field: error.message_dict["attachment"]}) from error
    if content_type not in (PDF, DOCX):
        raise ValidationError({field: _("Biên bản phải là tệp PDF hoặc Word (.docx).")})
    return content_type


def storage_name(original_name: str, content_type: str) -> str:
    """A safe ASCII file name with the extension of the sniffed type."""
    stem = slugify(fold(os.path.splitext(os.path.basename(original_name or ""))[0]))[:80] or "tep-dinh-kem"
    return stem + EXTENSIONS[content_type]
