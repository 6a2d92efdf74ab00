"""The movement end to end in Chromium: register, self-assess, appraise twice, decide, count, export."""

import re

import pytest
from docx import Document

from danvan.conftest import DOCS_IMG, browser_login
from danvan.emulation.choices import Status
from danvan.emulation.demo import demo_emulation
from danvan.emulation.models import CriteriaSet, EmulationModel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NAME = "Thắp sáng đường quê"


def login_as(page, username: str) -> None:
    page.context.clear_cookies()
    browser_login(page, username)


def fill_scores(page, value) -> None:
    inputs = page.locator("input[name^='points_']")
    # count() does not wait: right after a click it may still see the previous page and fill nothing.
    inputs.first.wait_for()
    for index in range(inputs.count()):
        field = inputs.nth(index)
        field.fill(str(value(index, float(field.get_attribute("max")))))


def province_economy_cell(page) -> int:
    page.goto(f"{page.base_url}/dan-van-kheo/thong-ke/")
    row = page.locator("#field-level tr", has=page.get_by_role("rowheader", name="Kinh tế"))
    return int(row.locator("td").first.inner_text())


def test_it_takes_a_model_from_registration_to_recognition_in_the_browser(page, emu, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    personas = emu.personas
    demo_emulation(
        province=emu.tree.province,
        communes=[emu.tree.commune_a, emu.tree.commune_b],
        board_user=personas.province_board,
        officer_user=personas.officer_a,
    )

    # The commune registers its model and scores itself.
    browser_login(page, "xa.a")
    page.goto(f"{page.base_url}/dan-van-kheo/")
    page.get_by_role("link", name="Đăng ký mô hình").click()
    page.get_by_label("Đơn vị có mô hình").select_option(label="Xã An Bình — Tỉnh Thử")
    page.get_by_label("Tên mô hình, điển hình").fill(NAME)
    page.get_by_label("Tập thể", exact=True).check()
    page.get_by_label("Lĩnh vực").select_option(label="Kinh tế")
    page.get_by_label("Chủ thể (tập thể hoặc họ tên cá nhân)").fill("Chi đoàn ấp Mỹ Cẩm A")
    page.get_by_label("Nội dung, cách làm").fill(
        "Đoàn viên vận động mỗi hộ góp một bóng đèn, chi đoàn kéo dây, lắp 2,5 km đường điện chiếu sáng."
    )
    page.get_by_label("Kết quả đạt được").fill("2,5 km đường có đèn; 180 hộ tham gia; giảm tai nạn ban đêm.")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    page.get_by_text("Đã đăng ký mô hình “Thắp sáng đường quê”").wait_for()
    model = EmulationModel.objects.get(name=NAME)
    page.get_by_role("link", name="Tự chấm điểm").click()
    fill_scores(page, lambda index, maximum: maximum)
    page.get_by_text("Tổng điểm: 100").wait_for()
    # The viewport, with the running total stuck to its bottom (a full-page capture would unstick it).
    page.screenshot(path=str(DOCS_IMG / "emulation-self-assessment.png"))
    page.get_by_role("button", name="Lưu phiếu tự chấm").click()
    page.get_by_text("Đã lưu phiếu tự chấm điểm").wait_for()
    assert EmulationModel.objects.get(pk=model.pk).status == Status.SELF_ASSESSED

    # Two appraisers score every criterion; they disagree on one.
    login_as(page, "tinh.board")
    page.goto(f"{page.base_url}/dan-van-kheo/{model.pk}/")
    page.get_by_role("link", name="Thẩm định", exact=True).click()
    fill_scores(page, lambda index, maximum: maximum - 1)
    page.get_by_label("Thay mặt").fill("Ban Dân vận")
    page.get_by_role("button", name="Lưu phiếu thẩm định").click()
    page.get_by_text("Đã lưu phiếu thẩm định").wait_for()
    login_as(page, "mttq.tinh")
    page.goto(f"{page.base_url}/dan-van-kheo/")
    page.locator(f"a[href='/dan-van-kheo/{model.pk}/tham-dinh/']").click()  # waiting for me to appraise
    fill_scores(page, lambda index, maximum: 5 if index == 6 else maximum - 0.5)
    page.get_by_label("Thay mặt").fill("Ủy ban MTTQ tỉnh")
    page.get_by_role("button", name="Lưu phiếu thẩm định").click()
    page.get_by_text("Đã lưu phiếu thẩm định").wait_for()

    # The board reads the disagreement and decides in one step; the statistics count it.
    login_as(page, "tinh.board")
    before = province_economy_cell(page)
    page.goto(f"{page.base_url}/dan-van-kheo/")
    page.screenshot(path=str(DOCS_IMG / "emulation-list.png"), full_page=True)
    page.locator(f"a[href='/dan-van-kheo/{model.pk}/quyet-dinh/']").click()  # waiting for the board
    page.get_by_text("Người thẩm định chấm chênh lệch ở 1 tiêu chí").wait_for()
    page.get_by_label("Cấp công nhận").select_option(label="Cấp tỉnh")
    page.get_by_label("Số, ký hiệu quyết định").fill("210-QĐ/TU")
    page.get_by_label("Hình thức khen thưởng").select_option(label="Bằng khen")
    page.get_by_label("Điển hình tiêu biểu").check()
    page.screenshot(path=str(DOCS_IMG / "emulation-appraisal.png"), full_page=True)
    page.get_by_role("button", name="Ghi quyết định").click()
    page.get_by_text("Đã công nhận mô hình theo Quyết định số 210-QĐ/TU").wait_for()
    model.refresh_from_db()
    assert (
        model.status == Status.RECOGNISED and model.recognition_level == "province" and model.is_outstanding
    )
    page.screenshot(path=str(DOCS_IMG / "emulation-decision.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải quyết định (.docx)").click()
    document = Document(download.value.path())
    paragraphs = [p.text for p in document.paragraphs]
    assert "QUYẾT ĐỊNH" in paragraphs
    assert any(
        re.match(r"về việc công nhận mô hình, điển hình “Dân vận khéo” cấp tỉnh năm \d{4}", p)
        for p in paragraphs
    )
    table = document.tables[-1]
    assert table.rows[0].cells[1].text == "Tên mô hình, điển hình"
    assert [row.cells[1].text for row in table.rows[1:]] == [NAME]

    page.goto(f"{page.base_url}/dan-van-kheo/{model.pk}/")
    page.screenshot(path=str(DOCS_IMG / "emulation-detail.png"), full_page=True)
    assert province_economy_cell(page) == before + 1
    page.get_by_label("Từ năm").fill("2025")
    page.get_by_role("button", name="Xem").click()
    page.locator("#narrative").wait_for()
    page.screenshot(path=str(DOCS_IMG / "emulation-statistics.png"), full_page=True)

    # Anyone sees the recognised model on the public showcase, without logging in.
    page.context.clear_cookies()
    page.goto(f"{page.base_url}/dan-van-kheo/tieu-bieu/")
    page.get_by_role("link", name="Tỉnh Thử").click()
    page.get_by_role("link", name=NAME).wait_for()
    page.screenshot(path=str(DOCS_IMG / "emulation-showcase.png"), full_page=True)


def test_it_lets_the_board_issue_a_new_version_of_a_frozen_set(page, emu):
    emu.self_assess(emu.register())  # freezes the default set
    browser_login(page, "tinh.board")
    page.goto(f"{page.base_url}/dan-van-kheo/bo-tieu-chi/")
    page.get_by_role("link", name="Ban hành bộ tiêu chí").click()
    page.get_by_label("Đối tượng").select_option(label="Mô hình tập thể")
    page.get_by_role("button", name="Tạo bản nháp").click()
    page.get_by_text("Đã tạo bản nháp").wait_for()
    page.locator("input[name='rows-1-max_points']").fill("4")
    page.locator("input[name='rows-2-max_points']").fill("6")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(DOCS_IMG / "emulation-criteria.png"))
    page.get_by_role("button", name="Lưu bộ tiêu chí").click()
    page.get_by_text("Đã lưu bộ tiêu chí").wait_for()
    page.get_by_role("button", name="Áp dụng").click()
    page.get_by_text("Đã áp dụng phiên bản 1").wait_for()
    own = CriteriaSet.objects.get(unit=emu.tree.province)
    assert own.status == "published" and own.max_total == 100
    assert emu.register(name="Mô hình mới").criteria_set == own


def test_it_refuses_the_officer_of_another_commune(page, emu):
    model = emu.register()
    browser_login(page, "xa.b")
    assert page.goto(f"{page.base_url}/dan-van-kheo/{model.pk}/").status == 404
    page.goto(f"{page.base_url}/dan-van-kheo/")
    assert page.get_by_text(model.name).count() == 0
