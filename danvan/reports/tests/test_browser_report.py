import datetime
import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from danvan.conftest import DOCS_IMG, browser_login
from danvan.meetings.tests.factories import held

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_it_opens_a_report_changes_the_period_and_exports_word_and_excel(page, personas):
    year = datetime.date.today().year
    held(personas, day=datetime.date(year, 1, 10), code="doi-thoai-bi-thu")
    browser_login(page, "tinh.board")
    page.get_by_role("link", name="Báo cáo", exact=True).click()
    page.get_by_label("Mã đơn vị").fill("90")
    page.get_by_label("Kỳ báo cáo").select_option("quarter")
    page.get_by_label("Kỳ chứa ngày").fill(f"{year}-02-01")
    page.get_by_role("button", name="Lập báo cáo").click()
    page.get_by_role("heading", name=f"Tỉnh Thử · 01/01/{year} – 31/03/{year}").wait_for()
    assert (
        page.locator("#indicators")
        .get_by_text("Hội nghị đối thoại do người đứng đầu cấp ủy chủ trì")
        .is_visible()
    )
    page.screenshot(path=str(DOCS_IMG / "reports-page.png"), full_page=True)

    page.get_by_label("Dự thảo nội dung báo cáo").fill("Nội dung đã chỉnh sửa trước khi xuất.")
    with page.expect_download() as word:
        page.get_by_role("button", name="Xuất Word").click()
    document = Document(io.BytesIO(Path(word.value.path()).read_bytes()))
    assert "Nội dung đã chỉnh sửa trước khi xuất." in [p.text for p in document.paragraphs]
    with page.expect_download() as excel:
        page.get_by_role("button", name="Xuất Excel").click()
    workbook = load_workbook(io.BytesIO(Path(excel.value.path()).read_bytes()))
    assert workbook["Chỉ tiêu"]["B1"].value == "Tỉnh Thử"
