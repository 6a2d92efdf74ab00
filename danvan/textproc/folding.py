"""Search keys for Vietnamese text: people type with and without diacritics."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lowercase, strip tone and vowel marks, map đ to d and collapse spaces.

    >>> fold("Huyện Cầu  Ngang")
    'huyen cau ngang'
    """
    text = unicodedata.normalize("NFD", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", text).strip().lower()
