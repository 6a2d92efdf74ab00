"""manage.py check_figures PATH [--format text|json]."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

SEEDS = Path(__file__).parent / "data" / "seeds"
TAN_LAC = next(SEEDS.glob("004_*.txt"))
HA_NAM = next(SEEDS.glob("001_*.txt"))


def run(*args):
    out = StringIO()
    try:
        call_command("check_figures", *map(str, args), stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def test_it_prints_each_finding_in_vietnamese_and_exits_1():
    code, out = run(TAN_LAC)
    assert code == 1
    assert out.startswith("Phát hiện 4 chỗ số liệu không khớp (trong 7 quan hệ đã kiểm tra):")
    assert "1. [Tổng và các phần] Số đã giải quyết và đang giải quyết cộng lại 25.813 (25.487 + 326)" in out
    assert "[Tỷ lệ phần trăm] 20 hồ sơ trên 25.723 hồ sơ là 0,08%, không phải 0,01%." in out
    assert "Tính được: 0,08% — ghi trong văn bản: 0,01%" in out
    assert "Câu: “Sau một năm triển khai" in out


def test_it_prints_the_findings_as_json():
    code, out = run(TAN_LAC, "--format", "json")
    assert code == 1
    findings = json.loads(out)
    assert [f["kind"] for f in findings] == ["sum", "percent", "sum", "percent"]
    assert findings[1] | {"sentence": "", "message": ""} == {
        "sentence": "",
        "kind": "percent",
        "figures": [20, 25723, 0.01],
        "expected": 0.08,
        "stated": 0.01,
        "message": "",
    }
    assert "hồ sơ" in out  # not escaped to \\u1ed3


def test_it_says_so_and_exits_0_when_everything_adds_up():
    code, out = run(HA_NAM)
    assert code == 0
    assert out.strip() == "Không phát hiện số liệu nào không khớp (đã kiểm tra 3 quan hệ giữa các con số)."
    assert run(HA_NAM, "--format", "json") == (0, "[]\n")


def test_it_reads_word_files(tmp_path):
    document = docx.Document()
    document.add_paragraph(
        "Tổ chức 241 hội nghị (3 hội nghị cấp tỉnh; 22 hội nghị cấp huyện; 215 hội nghị cấp xã)."
    )
    path = tmp_path / "bao-cao.docx"
    document.save(path)
    code, out = run(path, "--format", "json")
    assert code == 1
    assert [(f["expected"], f["stated"]) for f in json.loads(out)] == [(240, 241)]


def test_it_fails_clearly_on_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp") as error:
        run(tmp_path / "khong-co.txt")
    assert error.value.returncode == 2


def test_it_fails_clearly_on_an_unsupported_file(tmp_path):
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError, match="chưa được hỗ trợ"):
        run(path)


def test_it_fails_clearly_on_an_unreadable_text_file(tmp_path):
    path = tmp_path / "bao-cao.txt"
    path.write_bytes(b"T\xf4ng s\xf4 h\xf4 s\xf4")
    with pytest.raises(CommandError, match="UTF-8"):
        run(path)


def test_it_exits_with_the_documented_codes_from_the_shell(tmp_path):
    manage = Path(settings.BASE_DIR) / "manage.py"

    def exit_code(*args):
        return subprocess.run(
            [sys.executable, manage, "check_figures", *map(str, args)], capture_output=True, check=False
        ).returncode

    assert exit_code(TAN_LAC) == 1
    assert exit_code(HA_NAM) == 0
    assert exit_code(tmp_path / "khong-co.txt") == 2
