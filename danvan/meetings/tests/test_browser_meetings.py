import datetime

import pytest

from danvan.conftest import DOCS_IMG, browser_login
from danvan.meetings import services
from danvan.meetings.models import Meeting
from danvan.meetings.tests.factories import meeting_type
from danvan.petitions.choices import Status
from danvan.petitions.models import Petition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OPINIONS = [
    ("Giá lúa bấp bênh, đề nghị hỗ trợ tiêu thụ", "spot", "Xã kết nối hợp tác xã bao tiêu lúa vụ tới."),
    ("Tuyến đường liên ấp bị sạt lở", "spot", "Xã đã đưa vào kế hoạch sửa chữa năm nay."),
    ("Cống thoát nước bị tắc gây ngập", "spot", "Tổ công tác sẽ nạo vét trong tuần."),
    ("Tranh chấp ranh giới đất giữa hai hộ", "forward", "Thuộc thẩm quyền cấp tỉnh."),
    ("Trại heo xả thải gây mùi hôi", "forward", ""),
]


def test_it_records_a_conference_and_its_opinions_with_the_keyboard_only(page, personas):
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    services.plan_create(
        actor=personas.province_board,
        unit=personas.tree.province,
        number="158-KH/TU",
        issued_on=datetime.date(2025, 11, 28),
        title="Hội nghị tại chi bộ ấp hằng tháng",
        valid_from=datetime.date(2025, 12, 1),
        requirements=[
            {"meeting_type": meeting_type(), "target_level": "commune", "times": 1, "frequency": "month"}
        ],
    )
    browser_login(page, "xa.a")
    page.goto(f"{page.base_url}/hoi-nghi/ghi-nhan/")
    page.get_by_label("Loại hội nghị").select_option(index=1)
    page.get_by_label("Đơn vị tổ chức").select_option(label="Xã An Bình")
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT08:00")
    page.get_by_label("Thời gian").fill(yesterday)
    page.get_by_label("Số người dự").press_sequentially("40")
    page.get_by_label("Người chủ trì").first.press_sequentially("Nguyễn Văn Bí")
    page.get_by_label("Chức vụ").first.select_option("party_secretary")
    page.get_by_label("Số người dự").press("Enter")
    page.get_by_role("heading", name="Thêm ý kiến").wait_for()
    meeting = Meeting.objects.get()

    for number, (text, outcome, answer) in enumerate(OPINIONS, start=1):
        box = page.get_by_label("Ý kiến", exact=True)
        box.wait_for()
        # After each save the form comes back empty with the cursor in the opinion box.
        page.wait_for_function("document.activeElement && document.activeElement.name === 'op-text'")
        page.keyboard.type(text)
        page.keyboard.press("Tab")  # topic (suggested)
        page.keyboard.press("Tab")  # kind
        page.keyboard.press("Tab")  # outcome radios: the checked one has focus
        if outcome == "forward":
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")  # answer
        page.keyboard.type(answer)
        page.keyboard.press("Enter")
        page.locator("#opinion-count").filter(has_text=str(number)).wait_for()
    page.screenshot(path=str(DOCS_IMG / "meetings-opinions.png"), full_page=True)

    assert meeting.opinions.count() == 5
    assert meeting.opinions.get(position=1).topic.name == "Giá nông sản, tiêu thụ sản phẩm"
    assert (
        sorted(meeting.opinions.values_list("outcome", flat=True))
        == ["answered_on_spot"] * 3 + ["forwarded"] * 2
    )
    forwarded = Petition.objects.filter(status=Status.FORWARDED)
    assert forwarded.count() == 2 and {p.handling_unit for p in forwarded} == {personas.tree.province}

    page.context.clear_cookies()
    browser_login(page, "tinh.board")
    month_start = (datetime.date.today() - datetime.timedelta(days=1)).replace(day=1)
    page.goto(
        f"{page.base_url}/hoi-nghi/tuan-thu/?don_vi=90&tu={month_start:%Y-%m-%d}&den={datetime.date.today():%Y-%m-%d}"
    )
    assert page.locator(".compliance-figure").first.inner_text().startswith("1/2")
    page.screenshot(path=str(DOCS_IMG / "meetings-compliance.png"), full_page=True)
    page.goto(f"{page.base_url}/y-kien/?status=forwarded")
    for petition in forwarded:
        assert page.get_by_role("link", name=petition.tracking_code).is_visible()
