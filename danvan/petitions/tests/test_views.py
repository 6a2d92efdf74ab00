import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.petitions.choices import Status
from danvan.petitions.models import Petition
from danvan.petitions.tests.factories import organisation, receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def petition(personas):
    return receive(personas, citizen_name="Nguyễn Văn Dân", citizen_phone="0909123456").petition


def test_it_sends_anonymous_visitors_to_login_and_refuses_outsiders(personas, petition):
    for name, args in (
        ("petitions:inbox", []),
        ("petitions:detail", [petition.pk]),
        ("petitions:create", []),
    ):
        assert personas.client().get(reverse(name, args=args)).status_code == 302
        assert personas.client(personas.outsider).get(reverse(name, args=args)).status_code == 403


def test_it_shows_each_officer_only_their_communes_petitions(personas, petition):
    page_a = personas.client(personas.officer_a).get(reverse("petitions:inbox")).content.decode()
    page_b = personas.client(personas.officer_b).get(reverse("petitions:inbox")).content.decode()
    assert petition.tracking_code in page_a and petition.tracking_code not in page_b
    assert (
        personas.client(personas.officer_b).get(reverse("petitions:detail", args=[petition.pk])).status_code
        == 404
    )
    board = personas.client(personas.province_board).get(reverse("petitions:inbox")).content.decode()
    assert petition.tracking_code in board


def test_it_filters_and_searches_without_diacritics(personas, petition):
    receive(personas, title="Ô nhiễm mùi hôi từ trại heo", text="Khói bụi và mùi hôi")
    client = personas.client(personas.officer_a)
    page = client.get(reverse("petitions:inbox"), {"q": "o nhiem mui hoi"}).content.decode()
    assert "trại heo" in page and petition.tracking_code not in page
    page = client.get(reverse("petitions:inbox"), {"status": "answered"}).content.decode()
    assert "Không có ý kiến nào khớp bộ lọc." in page
    page = client.get(reverse("petitions:inbox"), {"don_vi": "99999"}).content.decode()
    assert "Không tìm thấy đơn vị có mã “99999”." in page


def test_it_hides_the_citizens_identity_from_readers(personas, petition):
    from danvan.accounts.tests.factories import MembershipFactory, UserFactory

    reader = UserFactory(username="reader")
    MembershipFactory(user=reader, unit=personas.tree.province, role="reader")
    page = personas.client(reader).get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert "Nguyễn Văn Dân" not in page and "0909123456" not in page
    page = (
        personas.client(personas.officer_a)
        .get(reverse("petitions:detail", args=[petition.pk]))
        .content.decode()
    )
    assert "Nguyễn Văn Dân" in page


def test_it_answers_on_the_spot_through_htmx(personas, petition):
    client = personas.client(personas.officer_a)
    url = reverse("petitions:action", args=[petition.pk, "answer_on_spot"])
    response = client.post(
        url,
        {"answer_on_spot-version": petition.version, "answer_on_spot-answer": "Đã trả lời"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'id="petition-main"' in response.content.decode() and "<html" not in response.content.decode()
    petition.refresh_from_db()
    assert petition.status == Status.ANSWERED


def test_it_tells_the_slower_officer_to_reload(personas, petition):
    client = personas.client(personas.officer_a)
    url = reverse("petitions:action", args=[petition.pk, "answer_on_spot"])
    stale = petition.version
    client.post(url, {"answer_on_spot-version": stale, "answer_on_spot-answer": "Một"})
    petition.refresh_from_db()
    response = personas.client(personas.admin_a).post(
        reverse("petitions:action", args=[petition.pk, "reject"]),
        {"reject-version": stale, "reject-reason": "Hai"},
    )
    assert response.status_code == 400
    assert "vừa được người khác cập nhật" in response.content.decode()
    petition.refresh_from_db()
    assert petition.status == Status.ANSWERED


def test_it_refuses_actions_from_the_other_commune(personas, petition):
    response = personas.client(personas.officer_b).post(
        reverse("petitions:action", args=[petition.pk, "answer_on_spot"]),
        {"answer_on_spot-version": petition.version, "answer_on_spot-answer": "x"},
    )
    assert response.status_code == 404
    petition.refresh_from_db()
    assert petition.status == Status.NEW


def test_it_accepts_and_assigns_then_forwards_with_vietnamese_errors(personas, petition):
    client = personas.client(personas.officer_a)
    org = organisation(personas.tree.commune_a)
    response = client.post(
        reverse("petitions:action", args=[petition.pk, "accept"]),
        {"accept-version": petition.version, "accept-organisation": org.pk},
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == Status.IN_PROGRESS and petition.handling_organisation == org
    response = client.post(
        reverse("petitions:action", args=[petition.pk, "forward"]),
        {"forward-version": petition.version, "forward-to_unit": "12345", "forward-reason": "x"},
    )
    assert response.status_code == 400 and "Không tìm thấy đơn vị có mã “12345”." in response.content.decode()
    response = client.post(
        reverse("petitions:action", args=[petition.pk, "forward"]),
        {"forward-version": petition.version, "forward-to_unit": "90", "forward-reason": ""},
    )
    assert "Trường này là bắt buộc." in response.content.decode()
    petition.refresh_from_db()
    assert petition.status == Status.IN_PROGRESS


def test_it_records_a_petition_from_a_conference(personas):
    client = personas.client(personas.officer_a)
    response = client.post(
        reverse("petitions:create"),
        {
            "unit": personas.tree.commune_a.pk,
            "kind": "petition",
            "channel": "conference",
            "title": "Giá lúa bấp bênh",
            "text": "Đề nghị hỗ trợ tiêu thụ lúa.",
        },
    )
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.channel == "conference" and petition.created_by == personas.officer_a


def test_it_refuses_to_record_in_another_commune(personas):
    response = personas.client(personas.officer_a).post(
        reverse("petitions:create"),
        {
            "unit": personas.tree.commune_b.pk,
            "kind": "petition",
            "channel": "conference",
            "title": "t",
            "text": "x",
        },
    )
    assert response.status_code == 400
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Petition.objects.exists()


def test_it_exports_the_filtered_inbox_to_excel(personas, petition):
    response = personas.client(personas.officer_a).get(reverse("petitions:export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert (
        rows[0][0] == "Mã tra cứu"
        and rows[1][0] == petition.tracking_code
        and rows[1][12] == "Nguyễn Văn Dân"
    )
    empty = personas.client(personas.officer_b).get(reverse("petitions:export"))
    assert len(list(load_workbook(io.BytesIO(empty.content)).active.iter_rows())) == 1
