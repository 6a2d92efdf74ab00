import re

import pytest
from django.test import Client
from django.urls import reverse

from danvan.petitions.choices import Channel
from danvan.petitions.models import Attachment, Petition, Topic
from danvan.petitions.services import petition_check_pin
from danvan.units.services import hamlets_create

from .helpers import EXE_BYTES, PNG_BYTES, submission, upload

pytestmark = pytest.mark.django_db
URL = "/cong-dan/gui-y-kien/"


def client(ip: str = "203.0.113.7") -> Client:
    return Client(REMOTE_ADDR=ip)


def test_it_links_the_three_services_from_the_portal_landing(personas):
    page = client().get("/cong-dan/").content.decode()
    for url in (URL, "/cong-dan/tra-cuu/", "/cong-dan/da-tra-loi/"):
        assert f'href="{url}"' in page


def test_it_shows_the_form_with_current_provinces_and_grouped_topics(personas):
    assert reverse("portal:submit") == URL
    response = client().get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tỉnh Thử" in page and "Tỉnh Cũ" not in page
    assert '<optgroup label="Môi trường">' in page
    assert f'<option value="{Topic.objects.get(code="rac-thai").pk}">Rác thải, vệ sinh</option>' in page
    assert "<legend>Loại ý kiến" in page and "Tố cáo" in page and "Góp ý" in page
    assert 'hx-get="/cong-dan/don-vi/xa/"' in page
    # The honeypot: out of sight, out of the tab order, hidden from screen readers.
    assert re.search(r'<div class="portal-hp" aria-hidden="true">', page)
    assert re.search(r'<input type="text" name="website" id="id_website" value="" tabindex="-1"', page)


def test_it_returns_option_lists_for_the_cascading_selects(personas):
    t = personas.tree
    hamlets_create(commune=t.commune_a, text="Ấp Một\nẤp Hai")
    communes = client().get(reverse("portal:communes"), {"province": t.province.pk}).content.decode()
    assert communes.startswith('<option value="">— Chọn xã, phường —</option>')
    assert f'<option value="{t.commune_a.pk}">Xã An Bình</option>' in communes
    assert "Xã Bình Yên" in communes and "Thị trấn Cầu Ngang" not in communes and "<html" not in communes
    hamlets = client().get(reverse("portal:hamlets"), {"commune": t.commune_a.pk}).content.decode()
    assert "Ấp Một" in hamlets and "Ấp Hai" in hamlets
    # An old or unknown unit gives just the empty option.
    for params in ({"province": t.old_province.pk}, {"province": "x"}, {}):
        assert client().get(reverse("portal:communes"), params).content.decode().count("<option") == 1
    assert (
        client()
        .get(reverse("portal:hamlets"), {"commune": t.old_commune_1.pk})
        .content.decode()
        .count("<option")
        == 1
    )


def test_it_works_step_by_step_without_javascript(personas):
    t = personas.tree
    hamlets_create(commune=t.commune_a, text="Ấp Một")
    page = client().get(URL).content.decode()
    assert "<noscript>" in page and 'name="step"' in page
    step = client().post(URL, {"province": t.province.pk, "title": "Giữ lại", "step": "province"})
    page = step.content.decode()
    assert step.status_code == 200 and "Xã An Bình" in page and 'value="Giữ lại"' in page
    assert "errorlist" not in page
    step = client().post(URL, {"province": t.province.pk, "commune": t.commune_a.pk, "step": "commune"})
    assert "Ấp Một" in step.content.decode()
    assert not Petition.objects.exists()


def test_it_receives_a_submission_and_shows_the_code_and_pin_once(personas):
    browser = client()
    response = browser.post(URL, submission(personas, topic=str(Topic.objects.get(code="rac-thai").pk)))
    assert response.status_code == 302 and response["Location"] == reverse("portal:submitted")
    petition = Petition.objects.get()
    assert petition.channel == Channel.PORTAL and petition.unit == personas.tree.commune_a
    assert petition.citizen_name == "Nguyễn Văn Dân" and petition.topic.code == "rac-thai"
    page = browser.get(response["Location"]).content.decode()
    assert petition.tracking_code in page and "In giấy biên nhận" in page
    assert "Mã PIN chỉ hiện một lần này" in page
    pin = re.search(r'data-testid="pin">(\d{6})<', page).group(1)
    assert petition_check_pin(tracking_code=petition.tracking_code, pin=pin) == petition
    again = browser.get(response["Location"]).content.decode()
    assert pin not in again and "chỉ hiện một lần" in again


def test_it_explains_missing_fields_in_vietnamese_with_an_alert(personas):
    response = client().post(URL, submission(personas, commune="", title="", text=""))
    page = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in page and page.count("Trường này không được để trống.") >= 3
    assert 'aria-invalid="true"' in page
    assert not Petition.objects.exists()


def test_it_refuses_a_commune_of_another_province_and_a_hamlet_of_another_commune(personas):
    t = personas.tree
    [hamlet_b] = hamlets_create(commune=t.commune_b, text="Ấp Bên Kia")
    response = client().post(URL, submission(personas, hamlet=str(hamlet_b.pk)))
    assert response.status_code == 400
    assert "Lựa chọn không hợp lệ; hãy chọn lại từ danh sách." in response.content.decode()
    response = client().post(URL, submission(personas, commune=str(t.old_commune_1.pk)))
    assert response.status_code == 400
    assert not Petition.objects.exists()


def test_it_refuses_a_wrong_attachment_with_a_field_error_and_saves_nothing(personas):
    response = client().post(URL, {**submission(personas), "attachment": upload("don.pdf", EXE_BYTES)})
    page = response.content.decode()
    assert response.status_code == 400 and "Chỉ nhận tệp PDF" in page
    assert not Petition.objects.exists() and not Attachment.objects.exists()


def test_it_refuses_a_too_big_attachment(personas, settings):
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    big = upload("anh.png", PNG_BYTES + b"\x00" * (2 * 1024 * 1024))
    response = client().post(URL, {**submission(personas), "attachment": big})
    assert response.status_code == 400 and "Tệp đính kèm quá lớn: tối đa 2 MB." in response.content.decode()
    assert not Petition.objects.exists()


def test_it_keeps_a_good_attachment_private(personas):
    response = client().post(URL, {**submission(personas), "attachment": upload("anh.png", PNG_BYTES)})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png" and not attachment.is_public


def test_it_refuses_a_filled_honeypot_with_a_neutral_400_and_stores_nothing(personas):
    response = client().post(URL, submission(personas, website="http://spam.example"))
    assert response.status_code == 400
    assert "Không thể tiếp nhận ý kiến này" in response.content.decode()
    assert not Petition.objects.exists()


def test_it_limits_submissions_per_address(personas):
    for _ in range(5):
        assert client().post(URL, submission(personas)).status_code == 302
    refused = client().post(URL, submission(personas))
    assert refused.status_code == 429
    assert "Bạn đã thao tác quá nhiều lần trong thời gian ngắn" in refused.content.decode()
    assert Petition.objects.count() == 5
    assert client("198.51.100.20").post(URL, submission(personas)).status_code == 302
    assert Petition.objects.count() == 6


def test_it_reads_the_rate_from_settings_and_ignores_forwarded_headers(personas, settings):
    settings.PORTAL_RATE_LIMIT = "1/d"
    assert client().post(URL, submission(personas)).status_code == 302
    forged = client().post(URL, submission(personas), headers={"X-Forwarded-For": "10.9.9.9"})
    assert forged.status_code == 429


def test_it_counts_honeypot_hits_toward_the_limit(personas, settings):
    settings.PORTAL_RATE_LIMIT = "2/h"
    for _ in range(2):
        assert client().post(URL, submission(personas, website="x")).status_code == 400
    assert client().post(URL, submission(personas)).status_code == 429
    assert not Petition.objects.exists()
