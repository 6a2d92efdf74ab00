import pytest

from danvan.accounts.tests.factories import MembershipFactory, UserFactory
from danvan.conftest import DOCS_IMG, browser_login
from danvan.petitions.choices import Status
from danvan.petitions.models import Petition
from danvan.petitions.tests.factories import organisation, receive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_it_lets_the_officer_accept_and_answer_through_htmx(page, personas):
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    committee = organisation(personas.tree.commune_a)
    handler = UserFactory(username="ubnd.a", first_name="Lê", last_name="Văn Xử")
    MembershipFactory(user=handler, unit=personas.tree.commune_a, role="handler", organisation=committee)
    petition = receive(personas, title="Đường liên ấp sạt lở", citizen_name="Trần Thị Bình").petition
    receive(personas, title="Giá lúa bấp bênh, đề nghị hỗ trợ tiêu thụ")
    browser_login(page, "xa.a")
    page.get_by_role("link", name="Ý kiến, kiến nghị").first.click()
    page.get_by_role("link", name=petition.tracking_code).wait_for()
    page.screenshot(path=str(DOCS_IMG / "petitions-inbox.png"), full_page=True)

    page.get_by_role("link", name=petition.tracking_code).click()
    accept = page.locator("form", has=page.get_by_role("heading", name="Thụ lý và giao xử lý"))
    accept.get_by_label("Giao cho tổ chức").select_option(
        label=f"Ủy ban nhân dân {personas.tree.commune_a.name}"
    )
    accept.get_by_role("button", name="Thụ lý và giao xử lý").click()
    page.get_by_text("Đã cập nhật: Thụ lý và giao xử lý.").wait_for()
    assert Petition.objects.get(pk=petition.pk).status == Status.IN_PROGRESS

    # The people's committee's handler answers what was assigned to it.
    page.context.clear_cookies()
    browser_login(page, "ubnd.a")
    page.goto(f"{page.base_url}/y-kien/{petition.pk}/")
    answer = page.locator("form", has=page.get_by_role("heading", name="Trả lời", exact=True))
    answer.get_by_label("Nội dung trả lời").fill(
        "Xã đã bố trí kinh phí sửa tuyến đường trong quý I năm 2027."
    )
    answer.get_by_role("button", name="Trả lời", exact=True).click()
    page.get_by_text("Đã cập nhật: Trả lời.").wait_for()
    assert Petition.objects.get(pk=petition.pk).status == Status.ANSWERED
    page.screenshot(path=str(DOCS_IMG / "petitions-detail.png"), full_page=True)


def test_it_refuses_the_officer_of_another_commune(page, personas):
    petition = receive(personas).petition
    browser_login(page, "xa.b")
    response = page.goto(f"{page.base_url}/y-kien/{petition.pk}/")
    assert response.status == 404
    page.goto(f"{page.base_url}/y-kien/")
    assert page.get_by_text(petition.tracking_code).count() == 0
