import pytest

from danvan.conftest import DOCS_IMG, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_it_lets_an_officer_browse_search_and_add_hamlets(page, personas):
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    browser_login(page, "xa.a")
    page.get_by_role("link", name="Đơn vị hành chính").click()
    page.get_by_role("link", name="Tỉnh Thử").click()
    page.get_by_role("link", name="Xã An Bình").click()
    page.get_by_role("heading", name="Xã An Bình", level=1).wait_for()  # is_visible() would not wait

    page.goto(f"{page.base_url}/don-vi/")
    page.get_by_label("Tìm đơn vị").fill("cầu ngang")
    results = page.locator("#search-results")
    results.get_by_role("link", name="Huyện Cầu Ngang").wait_for()
    assert results.get_by_text("Nay thuộc:").first.is_visible()
    page.screenshot(path=str(DOCS_IMG / "units-search.png"), full_page=True)

    page.goto(f"{page.base_url}/don-vi/{personas.tree.commune_a.pk}/")
    page.get_by_label("Danh sách tên, mỗi dòng một tên").fill("Ấp Mỹ Cẩm A\nẤp Mỹ Cẩm B")
    page.get_by_role("button", name="Thêm tất cả").click()
    page.get_by_text("Đã thêm 2 thôn, tổ dân phố").wait_for()
    assert page.get_by_role("link", name="Ấp Mỹ Cẩm A").is_visible()
    assert personas.tree.commune_a.children.count() == 2

    # The same paste again is refused whole, with the line and the reason.
    page.get_by_label("Danh sách tên, mỗi dòng một tên").fill("Ấp Mới\nẤp Mỹ Cẩm B")
    page.get_by_role("button", name="Thêm tất cả").click()
    page.get_by_text("Dòng 2: “Ấp Mỹ Cẩm B” đã có trong Xã An Bình.").wait_for()
    assert personas.tree.commune_a.children.count() == 2
    page.screenshot(path=str(DOCS_IMG / "units-hamlets.png"), full_page=True)


def test_it_shows_the_tree_with_keyboard_focus_visible(page, personas):
    browser_login(page, "tinh.board")
    page.goto(f"{page.base_url}/don-vi/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Chuyển đến nội dung chính"
    page.screenshot(path=str(DOCS_IMG / "units-tree.png"))
