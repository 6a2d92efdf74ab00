import pytest
from django.test import Client
from django.urls import reverse

from danvan.petitions import services
from danvan.petitions.choices import Channel, EventKind, Status
from danvan.petitions.models import PetitionEvent
from danvan.petitions.tests.factories import organisation, receive

pytestmark = pytest.mark.django_db
URL = "/cong-dan/tra-cuu/"
WRONG = "Mã tra cứu hoặc mã PIN không đúng."


def client(ip: str = "203.0.113.7") -> Client:
    return Client(REMOTE_ADDR=ip)


def portal_receipt(personas, **extra):
    return receive(personas, channel=Channel.PORTAL, citizen_name="Phạm Thị Lan", **extra)


def answered(personas, answer="Xã đã sửa đèn đường ấp 3 ngày 20/11."):
    receipt = portal_receipt(personas)
    services.petition_answer_on_spot(actor=personas.officer_a, petition=receipt.petition, answer=answer)
    return receipt


def logged_in(receipt, ip="203.0.113.7") -> Client:
    browser = client(ip)
    response = browser.post(URL, {"ma": receipt.petition.tracking_code, "pin": receipt.pin})
    assert response.status_code == 302
    return browser


def test_it_keeps_its_url_name_and_prefills_the_code_from_the_email_link(personas):
    assert reverse("portal:track") == URL
    page = client().get(URL, {"ma": "pa7kq 2m9xd"}).content.decode()
    assert 'value="PA7KQ2M9XD"' in page and "Mã PIN" in page


def test_it_shows_the_status_dates_and_timeline_with_the_right_pin(personas):
    receipt = portal_receipt(personas)
    petition = receipt.petition
    browser = client()
    response = browser.post(URL, {"ma": petition.tracking_code.lower(), "pin": receipt.pin})
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?ma={petition.tracking_code}"
    page = browser.get(response["Location"]).content.decode()
    assert "Mới tiếp nhận" in page and petition.title in page
    assert petition.received_at.strftime("%d/%m/%Y") in page
    assert petition.acceptance_due.strftime("%d/%m/%Y") in page
    assert "được xác định khi thụ lý" in page
    assert "Tiếp nhận" in page and "giao Xã An Bình xem xét" in page
    # Rating and reopening wait for an answer.
    assert "Đánh giá câu trả lời" not in page and "Đề nghị xem xét lại" not in page


def test_it_refuses_a_wrong_pin_or_code_with_one_neutral_message(personas):
    receipt = portal_receipt(personas)
    wrong_pin = "000000" if receipt.pin != "000000" else "111111"
    code = receipt.petition.tracking_code
    for data in ({"ma": code, "pin": wrong_pin}, {"ma": "PAZZZZZZZZ", "pin": receipt.pin}):
        response = client().post(URL, data)
        page = response.content.decode()
        assert response.status_code == 400 and WRONG in page and 'role="alert"' in page
        assert receipt.petition.title not in page
    # Nor does the session learn anything from a failed try.
    browser = client()
    browser.post(URL, {"ma": code, "pin": wrong_pin})
    assert receipt.petition.title not in browser.get(URL, {"ma": code}).content.decode()


def test_it_counts_wrong_pins_toward_the_per_address_limit(personas):
    receipt = portal_receipt(personas)
    code = receipt.petition.tracking_code
    wrong = [f"{n:06d}" for n in range(6) if f"{n:06d}" != receipt.pin][:5]
    for pin in wrong:
        assert client().post(URL, {"ma": code, "pin": pin}).status_code == 400
    # Even the right PIN is refused now: guessing cannot go on from this address.
    blocked = client().post(URL, {"ma": code, "pin": receipt.pin})
    assert blocked.status_code == 429 and "quá nhiều lần" in blocked.content.decode()
    assert client("198.51.100.9").post(URL, {"ma": code, "pin": receipt.pin}).status_code == 302


def test_it_shares_the_budget_with_submissions(personas, settings):
    settings.PORTAL_RATE_LIMIT = "2/h"
    receipt = portal_receipt(personas)
    client().post(URL, {"ma": receipt.petition.tracking_code, "pin": "99999a"})
    client().post(URL, {"ma": "PA23456789", "pin": "123456"})
    assert client().post("/cong-dan/gui-y-kien/", {"title": "x"}).status_code == 429


def test_it_shows_the_public_answer_and_lets_the_citizen_rate_once(personas):
    receipt = answered(personas)
    browser = logged_in(receipt)
    code = receipt.petition.tracking_code
    page = browser.get(URL, {"ma": code}).content.decode()
    assert "Đã trả lời" in page and "Xã đã sửa đèn đường ấp 3 ngày 20/11." in page
    assert "Đánh giá câu trả lời" in page and "<legend>Mức độ hài lòng với câu trả lời" in page
    response = browser.post(reverse("portal:rate", args=[code]), {"rating": "4", "comment": "Nhanh"})
    assert response.status_code == 302
    receipt.petition.refresh_from_db()
    assert receipt.petition.rating == 4 and receipt.petition.rating_comment == "Nhanh"
    page = browser.get(URL, {"ma": code}).content.decode()
    assert "Cảm ơn bạn đã đánh giá" in page and "Bạn đã đánh giá câu trả lời: 4/5" in page
    assert 'action="/cong-dan/tra-cuu/' + code + '/danh-gia/"' not in page
    again = browser.post(reverse("portal:rate", args=[code]), {"rating": "1"})
    assert again.status_code == 400 and "Bạn đã đánh giá câu trả lời này." in again.content.decode()
    receipt.petition.refresh_from_db()
    assert receipt.petition.rating == 4
    assert PetitionEvent.objects.filter(petition=receipt.petition, kind=EventKind.RATED).count() == 1


def test_it_asks_for_a_rating_between_one_and_five(personas):
    receipt = answered(personas)
    browser = logged_in(receipt)
    response = browser.post(reverse("portal:rate", args=[receipt.petition.tracking_code]), {"rating": "9"})
    assert response.status_code == 400
    receipt.petition.refresh_from_db()
    assert receipt.petition.rating is None


def test_it_lets_an_unsatisfied_citizen_ask_to_reopen_once(personas):
    receipt = answered(personas)
    browser = logged_in(receipt)
    code = receipt.petition.tracking_code
    url = reverse("portal:reopen", args=[code])
    assert browser.post(url, {"reason": ""}).status_code == 400
    response = browser.post(url, {"reason": "Đèn lại hỏng sau hai ngày."})
    assert response.status_code == 302
    receipt.petition.refresh_from_db()
    assert receipt.petition.citizen_reopened and receipt.petition.status == Status.IN_PROGRESS
    page = browser.get(URL, {"ma": code}).content.decode()
    assert "Đang giải quyết" in page and "Mở lại" in page and "chỉ được đề nghị một lần" in page
    # Answered again: the citizen cannot reopen a second time.
    org = organisation(personas.tree.commune_a)
    services.petition_accept(actor=personas.officer_a, petition=receipt.petition, organisation=org)
    services.petition_answer(actor=personas.admin_a, petition=receipt.petition, answer="Đã thay bóng mới.")
    page = browser.get(URL, {"ma": code}).content.decode()
    assert "Đã thay bóng mới." in page and 'action="' + url + '"' not in page
    again = browser.post(url, {"reason": "Vẫn chưa được."})
    assert again.status_code == 400
    assert "Mỗi ý kiến chỉ được đề nghị xem xét lại một lần." in again.content.decode()


def test_it_needs_the_pin_before_rating_or_reopening(personas):
    receipt = answered(personas)
    code = receipt.petition.tracking_code
    for name, data in (("portal:rate", {"rating": "1"}), ("portal:reopen", {"reason": "x"})):
        response = client().post(reverse(name, args=[code]), data)
        assert response.status_code == 302 and response["Location"] == f"{URL}?ma={code}"
    receipt.petition.refresh_from_db()
    assert receipt.petition.rating is None and not receipt.petition.citizen_reopened
    # Proving the PIN of one petition opens only that one.
    other = answered(personas)
    browser = logged_in(other)
    browser.post(reverse("portal:rate", args=[code]), {"rating": "1"})
    receipt.petition.refresh_from_db()
    assert receipt.petition.rating is None


def test_it_never_shows_internal_notes_or_officials_names(personas):
    officer = personas.officer_a
    officer.first_name, officer.last_name = "Lê", "Văn Cán Bộ"
    officer.save()
    receipt = portal_receipt(personas)
    petition = receipt.petition
    services.petition_note(actor=officer, petition=petition, text="NỘI BỘ: người gửi hay khiếu kiện")
    services.petition_accept(
        actor=officer,
        petition=petition,
        organisation=organisation(personas.tree.commune_a),
        note="NỘI BỘ: giao anh Tư xử lý gấp",
    )
    services.petition_forward(
        actor=officer, petition=petition, to_unit=personas.tree.province, reason="Thuộc thẩm quyền cấp tỉnh"
    )
    services.petition_note(actor=personas.province_board, petition=petition, text="NỘI BỘ: chờ sở trả lời")
    services.petition_accept(
        actor=personas.province_board, petition=petition, organisation=organisation(personas.tree.province)
    )
    services.petition_answer(actor=personas.province_board, petition=petition, answer="Tỉnh đã chỉ đạo sửa.")
    page = logged_in(receipt).get(URL, {"ma": petition.tracking_code}).content.decode()
    assert "Tỉnh đã chỉ đạo sửa." in page and "chuyển đến Tỉnh Thử" in page
    assert "NỘI BỘ" not in page and "anh Tư" not in page and "Ghi chú nội bộ" not in page
    for user in (officer, personas.province_board):
        assert user.username not in page and user.get_full_name() not in page and user.email not in page
    assert "Văn Cán Bộ" not in page
