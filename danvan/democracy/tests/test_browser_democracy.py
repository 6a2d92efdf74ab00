"""In Chromium: a citizen reads a commune's board and gives an opinion; an officer records a decision.

The screenshots of docs/democracy.md are taken here, at 1280 px and at 390 px (a phone).
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.conftest import DOCS_IMG, browser_login
from danvan.democracy import services
from danvan.democracy.models import ConsultationOpinion, Decision

from . import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}


def _board(personas):
    actor, unit = personas.officer_a, personas.tree.commune_a
    hamlet = f.hamlet(unit)
    for days_ago, code, title, key in (
        (12, "thuc-hien-ngan-sach-quy", "Tình hình thực hiện dự toán ngân sách xã quý III/2026", "2026Q3"),
        (25, "du-an-dau-tu", "Dự án nâng cấp đường liên ấp Mỹ Cẩm A – Mỹ Cẩm B", ""),
        (5, "chinh-sach-an-sinh", "Danh sách hộ nghèo, cận nghèo năm 2027 (dự kiến)", ""),
    ):
        kwargs = {"period_key": key, "document_date": None} if key else {}
        posting = f.posting(
            actor,
            unit,
            category=f.category(code),
            title=title,
            days_ago=days_ago,
            summary="Chi tiết xem tệp đính kèm; ý kiến gửi Ủy ban nhân dân xã trong thời gian niêm yết.",
            forms=f.forms("niem-yet-tru-so", "niem-yet-nha-van-hoa", "cong-thong-tin"),
            **kwargs,
        )
        services.attachment_add(
            actor=actor, posting=posting, upload=SimpleUploadedFile(f"{code}.pdf", b"%PDF-1.4\n%%EOF\n")
        )
    f.decision(actor, hamlet)
    consultation = f.consultation(actor, unit, title="Dự thảo đề án xây dựng xã nông thôn mới kiểu mẫu")
    services.opinion_submit(consultation=consultation, text="Hộ nghèo nên được miễn đóng góp.")
    services.board_form(
        actor=actor,
        unit=unit,
        kind="inspection_board",
        term_start=f.today() - datetime.timedelta(days=300),
        members=[("Thạch Thị Sa Rây", "head", "Ấp Mỹ Cẩm A"), ("Nguyễn Văn Lợi", "member", "")],
    )
    return consultation


def test_a_citizen_reads_the_board_and_gives_an_opinion(page, personas, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    consultation = _board(personas)
    page.goto(f"{page.base_url}/cong-dan/dan-chu/")
    page.get_by_label("Tỉnh, thành phố").select_option(label="Tỉnh Thử")
    page.get_by_role("link", name="Xã An Bình").first.click()
    page.get_by_role("heading", name="Bảng công khai — Xã An Bình").wait_for()
    now = page.locator("section", has=page.get_by_role("heading", name="Đang niêm yết"))
    assert now.get_by_text("Dự án nâng cấp đường liên ấp Mỹ Cẩm A – Mỹ Cẩm B").is_visible()
    assert now.get_by_role("link", name="du-an-dau-tu.pdf").is_visible()
    assert page.get_by_role("cell", name="151/212").is_visible()
    page.screenshot(path=str(DOCS_IMG / "democracy-citizen-board.png"), full_page=True)
    with page.expect_download() as download:
        now.get_by_role("link", name="du-an-dau-tu.pdf").click()
    assert download.value.suggested_filename == "du-an-dau-tu.pdf"

    page.get_by_role("link", name="Dự thảo đề án xây dựng xã nông thôn mới kiểu mẫu").click()
    page.get_by_label("Ý kiến của bạn").fill("Đề nghị đặt thêm thùng rác công cộng ở chợ.")
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.get_by_text("Cảm ơn bạn đã góp ý").wait_for()
    assert ConsultationOpinion.objects.filter(consultation=consultation).count() == 2

    page.set_viewport_size(PHONE)
    page.goto(f"{page.base_url}/cong-dan/dan-chu/xa/{personas.tree.commune_a.pk}/")
    page.screenshot(path=str(DOCS_IMG / "democracy-citizen-board-phone.png"))
    page.goto(f"{page.base_url}/cong-dan/dan-chu/lay-y-kien/{consultation.pk}/")
    page.screenshot(path=str(DOCS_IMG / "democracy-citizen-opinion-phone.png"), full_page=True)


def test_an_officer_records_a_decision_only_with_its_quorum_figures(page, personas, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    _board(personas)
    f.posting(
        personas.officer_a,
        personas.tree.commune_a,
        title="Phương án bồi thường mở rộng đường ấp",
        posted_on=None,
        document_date=f.today() - datetime.timedelta(days=9),
    )
    browser_login(page, "xa.a")
    page.get_by_role("link", name="Dân chủ ở cơ sở").click()
    page.get_by_role("heading", name="Đến hạn nhưng chưa công khai").wait_for()
    assert page.get_by_role("link", name="Phương án bồi thường mở rộng đường ấp").is_visible()
    page.screenshot(path=str(DOCS_IMG / "democracy-official-index.png"), full_page=True)

    page.get_by_role("link", name="Ghi kết quả dân quyết").click()
    page.get_by_label("Thôn, tổ dân phố hoặc xã").select_option(index=1)
    page.get_by_label("Nội dung (Điều 15, 16)").select_option(
        label="Nội dung hương ước, quy ước của thôn, tổ dân phố"
    )
    page.get_by_label("Tên việc").fill("Hương ước ấp Mỹ Cẩm B (sửa đổi)")
    page.get_by_label("Ngày họp, kiểm phiếu").fill(f.today().isoformat())
    page.get_by_label("Tổng số hộ gia đình").fill("180")
    page.get_by_label("Số hộ tán thành").fill("120")
    page.get_by_label("Số hộ không tán thành").fill("10")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Không ghi nhận kết quả khi thiếu số hộ gia đình").wait_for()
    assert not Decision.objects.filter(title__contains="Mỹ Cẩm B").exists()
    page.get_by_label("Số hộ tham dự, gửi phiếu").fill("100")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("vượt số hộ tham dự").wait_for()
    page.screenshot(path=str(DOCS_IMG / "democracy-decision-error.png"), full_page=True)
    page.get_by_label("Số hộ tham dự, gửi phiếu").fill("141")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã ghi kết quả Nhân dân bàn và quyết định").wait_for()
    assert page.get_by_text("Được thông qua", exact=True).is_visible()
    decision = Decision.objects.get(title="Hương ước ấp Mỹ Cẩm B (sửa đổi)")
    assert (decision.households_present, decision.quorum_met, decision.passed) == (141, True, True)
    page.screenshot(path=str(DOCS_IMG / "democracy-decision.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(DOCS_IMG / "democracy-decision-phone.png"), full_page=True)
