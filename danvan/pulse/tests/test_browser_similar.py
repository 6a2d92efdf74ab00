"""As-you-type similar opinions in the real browser: the portal, the conference form, a petition's page."""

import pytest

from danvan.conftest import DOCS_IMG, browser_login
from danvan.meetings.tests.factories import held
from danvan.petitions.choices import Channel
from danvan.pulse.models import ConcernMember

from .helpers import ROAD, ROAD_AGAIN, answer_publicly, receive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _classifier_trained():
    # The live server runs in this process: train the topic model (seconds on a busy machine) before
    # the page's first keystroke, as a running server has done long before its first visitor.
    from danvan.textproc.classifier import shipped_model

    shipped_model()


@pytest.mark.parametrize("width", [1280, 390])
def test_it_shows_a_citizen_the_answer_already_given_before_sending(page, personas, width):
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    answer_publicly(personas, receive(personas, ROAD, channel=Channel.CONFERENCE, citizen_name="Lê Văn Kín"))
    page.goto(f"{page.base_url}/cong-dan/gui-y-kien/")
    page.get_by_label("Tỉnh, thành phố").select_option(label="Tỉnh Thử")
    page.locator("#id_commune option", has_text="Xã An Bình").wait_for(state="attached")
    page.get_by_label("Xã, phường, đặc khu").select_option(label="Xã An Bình")
    page.get_by_label("Nội dung chi tiết").press_sequentially(ROAD_AGAIN, delay=5)
    box = page.get_by_role("heading", name="Đã có ý kiến tương tự")
    box.wait_for(timeout=30_000)
    assert "tưới nước chống bụi" in page.locator("#similar-box").inner_text()
    assert "Kín" not in page.content()
    # The topic was suggested as the citizen typed.
    assert page.get_by_label("Lĩnh vực").evaluate("s => s.options[s.selectedIndex].text") != ""
    page.locator("#similar-box").scroll_into_view_if_needed()
    page.screenshot(path=str(DOCS_IMG / f"similar-portal-{width}.png"), full_page=width == 390)
    page.get_by_role("link", name="Xem và theo dõi câu trả lời này").click()
    page.get_by_role("heading", name="Câu trả lời").wait_for()
    assert "tưới nước chống bụi" in page.content()


def test_it_shows_an_official_recording_a_conference_opinion_what_was_raised_before(page, personas):
    road = receive(personas, ROAD)
    meeting = held(personas)
    browser_login(page, "xa.a")
    page.goto(f"{page.base_url}/hoi-nghi/{meeting.pk}/")
    page.get_by_label("Ý kiến", exact=True).press_sequentially(ROAD_AGAIN, delay=5)
    page.get_by_role("heading", name="Có thể trùng với").wait_for(timeout=30_000)
    box = page.locator("#similar-box")
    assert road.tracking_code in box.inner_text() and box.locator("mark").count() >= 1
    # The box sits inside the opinion form, which it must never replace.
    assert page.get_by_role("button", name="Lưu ý kiến").is_visible()
    # The topic select was filled from the text as well.
    assert page.get_by_label("Lĩnh vực").evaluate("s => s.options[s.selectedIndex].text").strip()
    box.scroll_into_view_if_needed()
    page.screenshot(path=str(DOCS_IMG / "similar-conference.png"))


def test_it_lets_an_official_link_two_records_as_one_concern(page, personas):
    first = receive(personas, ROAD)
    second = receive(personas, (ROAD[0], ROAD_AGAIN), channel=Channel.PHONE)
    browser_login(page, "xa.a")
    page.goto(f"{page.base_url}/y-kien/{second.pk}/")
    page.get_by_role("heading", name="Ý kiến tương tự, vấn đề chung").wait_for()
    section = page.locator("#petition-similar")
    assert first.tracking_code in section.inner_text()
    section.get_by_role("button", name="Liên kết là cùng vấn đề").first.click()
    page.get_by_text("Đã liên kết là cùng một vấn đề.").wait_for()
    assert ConcernMember.objects.count() == 2
    page.locator("#petition-similar").scroll_into_view_if_needed()
    page.screenshot(path=str(DOCS_IMG / "similar-concern.png"))
