import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import DOCS_IMG
from danvan.petitions.models import Petition, Topic
from danvan.petitions.services import petition_answer_on_spot
from danvan.units.services import hamlets_create

from .helpers import PNG_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _topic() -> Topic:
    # A transactional test may run after another has flushed the seeded taxonomy.
    group, _ = Topic.objects.get_or_create(code="moi-truong", defaults={"name": "Môi trường"})
    defaults = {"name": "Rác thải, vệ sinh", "parent": group}
    topic, _ = Topic.objects.get_or_create(code="rac-thai", defaults=defaults)
    return topic


def test_it_lets_a_citizen_submit_track_and_rate_an_answer(page, personas):
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    _topic()
    hamlets_create(commune=personas.tree.commune_a, text="Ấp Hai")
    page.goto(f"{page.base_url}/cong-dan/")
    page.get_by_role("link", name="Gửi ý kiến, kiến nghị").click()
    page.get_by_role("heading", name="Gửi ý kiến, kiến nghị", level=1).wait_for()

    # The picker: choosing the province fetches its communes (htmx), then the commune.
    page.get_by_label("Tỉnh, thành phố").select_option(label="Tỉnh Thử")
    page.locator("#id_commune option", has_text="Xã An Bình").wait_for(state="attached")
    page.get_by_label("Xã, phường, đặc khu").select_option(label="Xã An Bình")
    page.locator("#id_hamlet option", has_text="Ấp Hai").wait_for(state="attached")
    page.get_by_label("Phản ánh").check()
    page.get_by_label("Lĩnh vực").select_option(label="Rác thải, vệ sinh")
    page.get_by_label("Tóm tắt nội dung").fill("Rác thải đổ ven kênh ấp 2")
    page.get_by_label("Nội dung chi tiết").fill("Rác đổ ven kênh ấp 2, bốc mùi. Đề nghị xã thu gom.")
    page.get_by_label("Họ và tên").fill("Trần Thị Hoa")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Tệp đính kèm").set_input_files(
        files=[{"name": "hien-truong.png", "mimeType": "image/png", "buffer": PNG_BYTES}]
    )
    # Keyboard only: Tab walks every control up to the button, never into the honeypot, which is out of sight.
    assert page.locator("#id_website").bounding_box()["x"] < 0
    page.get_by_label("Tỉnh, thành phố").focus()
    visited = []
    for _ in range(40):
        page.keyboard.press("Tab")
        visited.append(page.evaluate("(e => e.id || e.textContent.trim())(document.activeElement)"))
        if visited[-1] == "Gửi ý kiến":
            break
    assert visited[-1] == "Gửi ý kiến" and "id_website" not in visited
    assert {"id_commune", "id_hamlet", "id_title", "id_text", "id_attachment"} <= set(visited)
    page.screenshot(path=str(DOCS_IMG / "portal-submit.png"), full_page=True)
    page.get_by_role("button", name="Gửi ý kiến").click()

    page.get_by_role("heading", name="Đã gửi ý kiến của bạn").wait_for()
    code = page.get_by_test_id("tracking-code").inner_text().strip()
    pin = page.get_by_test_id("pin").inner_text().strip()
    assert code.startswith("PA") and len(pin) == 6 and pin.isdigit()
    assert page.get_by_role("button", name="In giấy biên nhận").is_visible()
    assert page.get_by_text("Mã PIN chỉ hiện một lần này").is_visible()
    page.screenshot(path=str(DOCS_IMG / "portal-receipt.png"), full_page=True)
    petition = Petition.objects.get(tracking_code=code)
    assert petition.unit == personas.tree.commune_a and petition.attachments.get().content_type == "image/png"

    # The commune's officer answers (the officials' pages are another issue's).
    petition_answer_on_spot(
        actor=personas.officer_a, petition=petition, answer="Xã đã thu gom rác và đặt thùng rác ở đầu ấp 2."
    )

    # Days later, from the link in the e-mail, on a browser that remembers nothing.
    page.context.clear_cookies()
    page.goto(f"{page.base_url}/cong-dan/tra-cuu/?ma={code}")
    assert page.get_by_label("Mã tra cứu").input_value() == code
    page.get_by_label("Mã PIN").fill(pin)
    page.get_by_role("button", name="Tra cứu").click()
    page.get_by_role("heading", name=f"Ý kiến {code}").wait_for()
    assert page.get_by_test_id("status").inner_text() == "Đã trả lời"
    assert "thùng rác ở đầu ấp 2" in page.get_by_test_id("public-answer").inner_text()
    assert personas.officer_a.username not in page.content()
    page.get_by_label("5 — Rất hài lòng").check()
    page.get_by_label("Nhận xét (không bắt buộc)").fill("Xã xử lý nhanh, cảm ơn.")
    page.screenshot(path=str(DOCS_IMG / "portal-track.png"), full_page=True)
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.get_by_text("Bạn đã đánh giá câu trả lời: 5/5").wait_for()
    petition.refresh_from_db()
    assert petition.rating == 5 and petition.rating_comment == "Xã xử lý nhanh, cảm ơn."

    # The officer of the other commune cannot open it.
    other = Client()
    other.force_login(personas.officer_b)
    assert other.get(reverse("petitions:detail", args=[petition.pk])).status_code in (403, 404)


def test_it_lets_a_citizen_submit_without_javascript(chromium, live_server, personas):
    context = chromium.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{live_server.url}/cong-dan/gui-y-kien/")
        page.get_by_label("Tỉnh, thành phố").select_option(label="Tỉnh Thử")
        page.get_by_label("Tóm tắt nội dung").fill("Cầu khỉ ấp 4 gãy")
        page.get_by_role("button", name="Hiện danh sách xã, phường").click()
        page.get_by_label("Xã, phường, đặc khu").select_option(label="Xã Bình Yên")
        assert page.get_by_label("Tóm tắt nội dung").input_value() == "Cầu khỉ ấp 4 gãy"
        page.get_by_label("Nội dung chi tiết").fill("Cầu khỉ ấp 4 gãy, học sinh phải lội qua kênh.")
        page.get_by_role("button", name="Gửi ý kiến").click()
        page.get_by_role("heading", name="Đã gửi ý kiến của bạn").wait_for()
        assert Petition.objects.get().unit == personas.tree.commune_b
    finally:
        context.close()
