import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

pytestmark = pytest.mark.django_db
URL = reverse("reports:figure_check")
TAN_LAC = (
    "Huyện Tân Lạc đã tiếp nhận và giải quyết 25.723 hồ sơ, đã xử lý 25.487 hồ sơ, đạt 99,08%; "
    "hồ sơ đang xử lý là 326 hồ sơ; hồ sơ giải quyết quá hạn là 20 hồ sơ, chiếm 0,01%."
)


def test_it_is_for_members_only(personas):
    assert personas.client().get(URL).status_code == 302
    assert personas.client(personas.outsider).post(URL, {"text": TAN_LAC}).status_code == 403


def test_it_shows_the_figures_that_do_not_add_up(personas):
    page = personas.client(personas.officer_b).post(URL, {"text": TAN_LAC}).content.decode()
    assert "2 chỗ số liệu không khớp" in page
    assert "0,08" in page and "25.723" in page


def test_it_says_so_when_everything_adds_up(personas):
    text = "Tổ chức 241 hội nghị đối thoại (3 hội nghị cấp tỉnh; 22 hội nghị cấp huyện; 216 hội nghị cấp xã)."
    page = personas.client(personas.officer_a).post(URL, {"text": text}).content.decode()
    assert "Không phát hiện số liệu nào không khớp." in page and "khớp" in page


def test_it_reads_an_uploaded_word_file(personas):
    document = Document()
    document.add_paragraph(TAN_LAC)
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("bao-cao.docx", buffer.getvalue())
    page = personas.client(personas.officer_a).post(URL, {"attachment": upload}).content.decode()
    assert "2 chỗ số liệu không khớp" in page


def test_it_explains_an_empty_form_and_a_wrong_file(personas):
    client = personas.client(personas.officer_a)
    response = client.post(URL, {"text": "  "})
    assert (
        response.status_code == 400
        and "Hãy dán nội dung báo cáo hoặc chọn một tệp." in response.content.decode()
    )
    png = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    response = client.post(URL, {"attachment": png})
    assert response.status_code == 400
    assert "Chỉ kiểm tra được tệp Word (.docx) hoặc văn bản (.txt)." in response.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_checks_a_pasted_report_in_the_browser(page, personas):
    from danvan.conftest import DOCS_IMG, browser_login

    seed = (Path(__file__).parent / "data" / "seeds" / "004_04481051428078b7.txt").read_text(encoding="utf-8")
    browser_login(page, "xa.a")
    page.get_by_role("link", name="Kiểm tra số liệu").click()
    page.get_by_label("Dán nội dung báo cáo").fill(seed)
    page.get_by_role("button", name="Kiểm tra").click()
    page.get_by_role("heading", name="4 chỗ số liệu không khớp", exact=False).wait_for()
    page.screenshot(path=str(DOCS_IMG / "figure-checker.png"), full_page=False)
