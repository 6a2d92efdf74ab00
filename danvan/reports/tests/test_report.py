import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from danvan.meetings import services as meetings
from danvan.meetings.tests.factories import held
from danvan.petitions.tests.factories import receive
from danvan.reports.builder import report_build, report_json
from danvan.reports.measures import measure_counts
from danvan.reports.scope import report_scope

pytestmark = pytest.mark.django_db
D = datetime.date


def values(report):
    return {i["key"]: i for i in report_json(report)["indicators"]}


def test_it_counts_dialogues_by_chair_and_level(personas):
    t = personas.tree
    held(personas, code="doi-thoai-bi-thu", day=D(2026, 3, 2), chairs=[("A", "party_secretary")])
    held(
        personas,
        code="doi-thoai-bi-thu",
        unit=t.province,
        actor=personas.province_board,
        day=D(2026, 3, 3),
        chairs=[("B", "party_secretary"), ("C", "peoples_committee_chair")],
    )
    report = report_build(unit=t.province, start=D(2026, 1, 1), end=D(2026, 12, 31))
    party = values(report)["dialogues_party_heads"]
    assert party["value"] == 2 and party["breakdowns"]["level"] == {"province": 1, "commune": 1}
    assert values(report)["dialogues_government_heads"]["value"] == 1
    assert "2 hội nghị đối thoại (1 hội nghị cấp tỉnh; 1 hội nghị cấp xã)" in " ".join(report.narrative)


def test_it_counts_partial_months_from_the_facts(personas):
    for day in (D(2026, 3, 10), D(2026, 3, 20), D(2026, 4, 5)):
        held(personas, day=day)
    scope = report_scope(unit=personas.tree.commune_a)
    from danvan.reports.indicators.base import ReportPeriod

    assert measure_counts(
        measure="meeting.held", scope=scope, period=ReportPeriod(D(2026, 3, 15), D(2026, 4, 14))
    ) == {(): Decimal(2)}
    assert measure_counts(
        measure="meeting.held", scope=scope, period=ReportPeriod(D(2026, 3, 1), D(2026, 4, 30))
    ) == {(): Decimal(3)}


def test_it_rolls_predecessors_records_into_the_new_commune_and_says_so(personas):
    t = personas.tree
    old_day = datetime.datetime(2024, 5, 6, 9, tzinfo=datetime.UTC)
    receive(personas, actor=personas.province_board, unit=t.old_commune_1, received_at=old_day)
    receive(personas, actor=personas.province_board, unit=t.old_commune_2, received_at=old_day)
    report = report_build(unit=t.commune_a, start=D(2024, 1, 1), end=D(2024, 12, 31))
    assert values(report)["petitions_received"]["value"] == 1.5
    assert "Thị trấn Cầu Ngang" in report.notes[0] and "50%" in report.notes[0]
    historic = report_build(unit=t.old_district, start=D(2024, 1, 1), end=D(2024, 12, 31))
    assert values(historic)["petitions_received"]["value"] == 2 and not historic.notes


def test_it_reports_n_of_m_communes_and_opinions(personas):
    meeting = held(personas, day=D(2026, 3, 10))
    for outcome in ("answered_on_spot", "answered_on_spot", "forwarded"):
        meetings.opinion_add(
            actor=personas.officer_a,
            meeting=meeting,
            text="Ý kiến",
            outcome=outcome,
            answer="Trả lời",
            forward_to=personas.tree.province,
        )
    report = report_build(unit=personas.tree.province, start=D(2026, 3, 1), end=D(2026, 3, 31))
    v = values(report)
    assert v["communes_with_conference"]["value"] == 1
    assert v["communes_with_conference"]["breakdowns"]["total"] == {"communes": 2}
    assert v["opinions_raised"]["breakdowns"]["outcome"] == {"answered_on_spot": 2, "forwarded": 1}
    assert any("1/2 xã, phường, thị trấn" in line for line in report.narrative)


def test_it_prints_the_cli_json_and_writes_word_and_excel(personas, tmp_path, capsys):
    held(personas, day=D(2026, 3, 10))
    call_command("report", "--unit", "90", "--from", "2026-01-01", "--to", "2026-12-31")
    data = json.loads(capsys.readouterr().out)
    assert data["unit"] == {"code": "90", "name": "Tỉnh Thử", "level": "province"}
    assert data["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
    assert {"key", "label", "value", "breakdowns"} <= set(data["indicators"][0])
    call_command(
        "report",
        "--unit",
        "90",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--format",
        "docx",
        "--out",
        str(tmp_path / "r.docx"),
    )
    document = Document(str(tmp_path / "r.docx"))
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts and document.tables[-2].rows[0].cells[1].text == "Chỉ tiêu"
    call_command(
        "report",
        "--unit",
        "90",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--format",
        "xlsx",
        "--out",
        str(tmp_path / "r.xlsx"),
    )
    assert load_workbook(tmp_path / "r.xlsx")["Chỉ tiêu"]["B1"].value == "Tỉnh Thử"


def test_it_explains_an_unknown_unit_code(personas):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không tìm thấy đơn vị có mã “77777”"):
        call_command("report", "--unit", "77777", "--from", "2026-01-01", "--to", "2026-12-31")


def test_it_shows_the_report_page_only_within_the_users_subtree(personas):
    url = reverse("reports:report")
    assert personas.client().get(url).status_code == 302
    assert personas.client(personas.outsider).get(url).status_code == 403
    assert (
        personas.client(personas.officer_b)
        .get(url, {"don_vi": "90001", "tu": "2026-01-01", "den": "2026-12-31"})
        .status_code
        == 403
    )
    page = personas.client(personas.officer_a).get(
        url, {"don_vi": "90001", "ky": "quarter", "ngay": "2026-03-10", "cat_so_lieu": "on"}
    )
    assert page.status_code == 200
    assert "Xã An Bình · 15/12/2025 – 14/03/2026" in page.content.decode()


def test_it_exports_the_edited_narrative_to_word(personas):
    response = personas.client(personas.officer_a).post(
        reverse("reports:report"),
        {
            "don_vi": "90001",
            "tu": "2026-01-01",
            "den": "2026-12-31",
            "xuat": "docx",
            "narrative": "Đoạn văn đã được sửa tay.",
        },
    )
    document = Document(io.BytesIO(response.content))
    assert "Đoạn văn đã được sửa tay." in [p.text for p in document.paragraphs]


def test_it_builds_the_report_page_in_a_bounded_number_of_queries(personas, django_assert_max_num_queries):
    for day in range(1, 11):
        held(personas, day=D(2026, 3, day))
    client = personas.client(personas.province_board)
    url = reverse("reports:report")
    with django_assert_max_num_queries(80):
        client.get(url, {"don_vi": "90", "tu": "2026-01-01", "den": "2026-12-31"})


def test_it_finds_the_previous_period_and_the_same_dates_in_another_year():
    from danvan.reports.builder import previous_period, same_period_in

    assert previous_period(D(2026, 4, 1), D(2026, 6, 30)) == (D(2026, 1, 1), D(2026, 3, 31))
    assert previous_period(D(2026, 1, 1), D(2026, 12, 31)) == (D(2025, 1, 1), D(2025, 12, 31))
    assert previous_period(D(2026, 3, 15), D(2026, 4, 14)) == (D(2026, 2, 12), D(2026, 3, 14))
    assert same_period_in(2019, D(2024, 2, 29), D(2024, 5, 17)) == (D(2019, 2, 28), D(2019, 5, 17))


def test_it_compares_with_a_chosen_year(personas, capsys):
    held(personas, day=D(2026, 9, 10))
    held(personas, day=D(2025, 9, 10))
    held(personas, day=D(2025, 9, 11))
    call_command("report", "--unit", "90", "--from", "2026-09-01", "--to", "2026-10-31", "--compare", "2025")
    data = json.loads(capsys.readouterr().out)
    assert (
        data["comparison"]["from"] == "2025-09-01" and data["comparison"]["values"]["conferences_held"] == 2
    )
    assert {i["key"]: i["value"] for i in data["indicators"]}["conferences_held"] == 1
    page = personas.client(personas.province_board).get(
        reverse("reports:report"),
        {"don_vi": "90", "tu": "2026-09-01", "den": "2026-10-31", "so_sanh": "truoc"},
    )
    assert "Kỳ so sánh (01/07/2026 – 31/08/2026)" in page.content.decode()
