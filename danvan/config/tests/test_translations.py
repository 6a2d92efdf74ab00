import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"


def entries(po: str) -> list[str]:
    return [block for block in po.split("\n\n") if "msgid" in block][1:]  # the first is the header


def test_it_translates_every_message_into_english():
    po = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    fuzzy = [e for e in entries(po) if "#, fuzzy" in e]
    empty = [e for e in entries(po) if re.search(r'msgstr(\[\d\])? ""\Z', e.strip())]
    assert not fuzzy and not empty, (fuzzy + empty)[:3]


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext's msgfmt is not installed")
def test_it_ships_the_catalogue_compiled_from_its_source(tmp_path):
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(tmp_path / "django.mo"), str(CATALOGUE / "django.po")],
        check=True,
    )
    assert (tmp_path / "django.mo").read_bytes() == (CATALOGUE / "django.mo").read_bytes()


@pytest.mark.django_db
def test_it_renders_the_landing_page_in_english():
    client = Client(headers={"Accept-Language": "en"})
    client.cookies["django_language"] = "en"
    page = client.get("/").content.decode()
    assert 'lang="en"' in page
    assert "Sign in for officials" in page and "Submit an opinion or petition" in page
