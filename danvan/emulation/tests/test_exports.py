import datetime
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from danvan.emulation import exports, selectors, services
from danvan.emulation.choices import Field, Kind
from danvan.emulation.models import EmulationModel
from danvan.emulation.statistics import recognition_stats

pytestmark = pytest.mark.django_db


def texts(document: Document) -> list[str]:
    cells = [c for t in document.tables for r in t.rows for c in r.cells]
    return [p.text for p in document.paragraphs] + [p.text for c in cells for p in c.paragraphs]


@pytest.fixture
def decision(emu):
    road = emu.appraised()
    person = emu.appraised(
        name="Nữ chi hội trưởng gần dân",
        kind=Kind.INDIVIDUAL,
        field=Field.CULTURE_SOCIETY,
        owner_name="Nguyễn Thị Hoa",
        owner_position="Chi hội trưởng Phụ nữ ấp Mỹ Cẩm A",
    )
    decision = services.models_decide(
        actor=emu.personas.province_board,
        models=[road, person],
        recognised=True,
        level="province",
        decision_number="125-QĐ/TU",
        decision_date=datetime.date(2026, 3, 5),
        award="bang_khen",
        document={"signer_name": "Nguyễn Văn Tỉnh"},
    )
    return decision


def test_it_writes_the_decision_with_its_list_of_models(decision):
    models = list(selectors.decision_models(decision=decision))
    document = Document(io.BytesIO(exports.decision_docx(decision, models)))
    lines = texts(document)
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "TỈNH ỦY THỬ",
        "Số 125-QĐ/TU",
        "Thử, ngày 05 tháng 3 năm 2026",
        "QUYẾT ĐỊNH",
        "về việc công nhận mô hình, điển hình “Dân vận khéo” cấp tỉnh năm 2026",
        "BAN THƯỜNG VỤ TỈNH ỦY THỬ",
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        "T/M BAN THƯỜNG VỤ",
        "Nguyễn Văn Tỉnh",
        "(Kèm theo Quyết định số 125-QĐ/TU ngày 05/03/2026 của Ban Thường vụ Tỉnh ủy Thử)",
    ):
        assert expected in lines, expected
    assert any(
        line.startswith(
            "Điều 1. Công nhận 2 mô hình, điển hình “Dân vận khéo” cấp tỉnh năm 2026 (1 tập thể, 1 cá nhân)"
        )
        for line in lines
    )
    assert any(line.startswith("Điều 2. Tặng Bằng khen của Ban Thường vụ Tỉnh ủy Thử") for line in lines)
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Tên mô hình, điển hình",
        "Tập thể, cá nhân",
        "Đơn vị",
        "Lĩnh vực",
    ]
    assert [c.text for c in table.rows[1].cells] == [
        "1",
        "Dân vận khéo trong xây dựng đường giao thông nông thôn",
        "Chi hội Nông dân ấp Mỹ Cẩm A",
        "Xã An Bình",
        "Kinh tế",
    ]
    assert table.rows[2].cells[2].text == "Nguyễn Thị Hoa, Chi hội trưởng Phụ nữ ấp Mỹ Cẩm A"
    assert document.core_properties.title == "Quyết định 125-QĐ/TU"


def test_it_writes_a_state_decision_when_the_peoples_committee_issues_it(emu):
    model = emu.appraised()
    decision = emu.recognise(model, document={"issuer_kind": "state"}, decision_number="12/QĐ-UBND")
    document = Document(io.BytesIO(exports.decision_docx(decision, [model])))
    lines = texts(document)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines and "Độc lập - Tự do - Hạnh phúc" in lines
    assert "Số: 12/QĐ-UBND" in lines and "ỦY BAN NHÂN DÂN TỈNH THỬ" in lines
    assert "TM. ỦY BAN NHÂN DÂN" in lines and "QUYẾT ĐỊNH:" in lines


def test_it_writes_one_certificate_page_per_model(decision):
    models = list(decision.models.select_related("unit", "decision").order_by("pk"))
    document = Document(io.BytesIO(exports.certificates_docx(models)))
    lines = texts(document)
    assert lines.count("BẰNG KHEN") == 2 and lines.count("TẶNG") == 2
    assert "Nguyễn Thị Hoa" in lines and "Chi hội Nông dân ấp Mỹ Cẩm A" in lines
    assert any("mô hình “Nữ chi hội trưởng gần dân” (lĩnh vực văn hóa – xã hội)" in line for line in lines)
    assert sum(1 for p in document.paragraphs if 'w:br w:type="page"' in p._p.xml) == 1


def test_it_exports_the_statistics_to_excel(emu, decision):
    stats = recognition_stats(
        base=EmulationModel.objects.all(), year_from=2026, year_to=2026, compare_year=2025
    )
    workbook = load_workbook(io.BytesIO(exports.stats_xlsx(stats)))
    summary = workbook["Tổng hợp"]
    rows = list(summary.iter_rows(values_only=True))
    assert rows[0][0] == "Mô hình, điển hình “Dân vận khéo” được công nhận — Năm 2026"
    assert rows[1][0] == stats.narrative
    header = next(r for r in rows if r[0] == "Lĩnh vực")
    assert header[1:] == (
        "Cấp tỉnh",
        "Cấp huyện (trước 01/7/2025)",
        "Cấp xã",
        "Tổng",
        "Năm 2025",
        "Tăng, giảm",
    )
    assert next(r for r in rows if r[0] == "Kinh tế")[1:7] == (1, 0, 0, 1, 0, 1)
    assert next(r for r in rows if r[0] == "Cộng")[1:7] == (2, 0, 0, 2, 0, 2)
    assert list(workbook["Theo năm"].iter_rows(values_only=True))[1] == (2026, 1, 1, 0, 0, 2)
