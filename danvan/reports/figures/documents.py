"""Plain text out of the files officials upload: .txt and Word .docx."""

from __future__ import annotations

import codecs
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext

SUPPORTED_EXTENSIONS = (".txt", ".docx")
# A Word file is a zip: a small upload may inflate to gigabytes ("zip bomb"). Reports are far smaller.
MAX_DOCX_UNPACKED = 64 * 1024 * 1024


def _(message: str) -> str:
    # Usable from scripts without configured Django settings, like the checker itself.
    try:
        return gettext(message)
    except ImproperlyConfigured:
        return message


def extract_text(source: str | Path | bytes | BinaryIO, filename: str | None = None) -> str:
    """Return the text of a .txt or .docx file given as a path, bytes or an open binary file.

    ``filename`` names the upload when ``source`` is bytes or a file object, so that
    its extension can be read. Raises ValueError with a Vietnamese message when the
    file cannot be read or its format is not supported.
    """
    if isinstance(source, str | Path):
        path = Path(source)
        filename = filename or path.name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise ValueError(_("Không tìm thấy tệp %(name)s.") % {"name": str(path)}) from None
        except OSError:
            message = _("Không đọc được tệp %(name)s: không có quyền đọc, hoặc đó không phải là một tệp.")
            raise ValueError(message % {"name": str(path)}) from None
    elif isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        data = source.read()
        filename = filename or getattr(source, "name", None)
    extension = Path(filename or "").suffix.lower()
    if extension == ".txt":
        return decode_text(data)
    if extension == ".docx":
        return docx_text(data)
    raise ValueError(
        _("Định dạng tệp “%(extension)s” chưa được hỗ trợ; hãy tải lên tệp .txt hoặc .docx.")
        % {"extension": extension or filename or "?"}
    )


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 (with BOM, or detectable from its zero bytes)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _decode(data, encoding)
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 10 >= len(sample):
        # UTF-16 without BOM: the ASCII letters and spaces of Vietnamese text leave zero bytes.
        zeros_even = sample[0::2].count(0)
        return _decode(data, "utf-16-be" if zeros_even > sample[1::2].count(0) else "utf-16-le")
    return _decode(data, "utf-8")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ValueError(
            _("Tệp văn bản không đúng mã UTF-8 hoặc UTF-16; hãy lưu lại tệp với mã UTF-8 rồi tải lên lại.")
        ) from None


def docx_text(data: bytes) -> str:
    """The paragraphs and table cells of a Word document, in reading order, one per line."""
    import docx  # python-docx is heavy; only uploads of Word files need it.

    broken = _("Không đọc được tệp Word: tệp bị hỏng hoặc không phải định dạng .docx.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(member.file_size for member in package.infolist())
    except zipfile.BadZipFile:
        raise ValueError(broken) from None
    if unpacked > MAX_DOCX_UNPACKED:
        raise ValueError(_("Tệp Word quá lớn để kiểm tra số liệu."))
    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(line for line in _blocks(document.element.body, document) if line.strip())
    except Exception:  # python-docx fails on a damaged package with whatever error it meets first
        raise ValueError(broken) from None


def _blocks(container: object, parent: object) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():  # type: ignore[attr-defined]
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, parent).text
        elif tag == "tbl":
            yield from _table(Table(child, parent))
        elif tag == "sdt":
            content = child.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdtContent")
            if content is not None:
                yield from _blocks(content, parent)


def _table(table: object) -> Iterator[str]:
    seen: set[object] = set()
    for row in table.rows:  # type: ignore[attr-defined]
        for cell in row.cells:
            # Merged cells come back once per grid column they span.
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            yield from _blocks(cell._tc, cell)
