import pytest
from django.urls import reverse

from danvan.units.models import Unit

pytestmark = pytest.mark.django_db


def test_it_sends_anonymous_visitors_to_the_login_page(personas):
    response = personas.client().get(reverse("units:tree"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    response = personas.client().post(reverse("units:hamlet_add", args=[personas.tree.commune_a.pk]))
    assert response.status_code == 302
    assert not Unit.objects.filter(level="hamlet").exists()


def test_it_refuses_a_user_without_membership_with_a_vietnamese_message(personas):
    response = personas.client(personas.outsider).get(reverse("units:tree"))
    assert response.status_code == 403
    assert "chưa được gán vào đơn vị nào" in response.content.decode()


def test_it_shows_the_current_provinces_and_the_old_ones_on_an_earlier_date(personas):
    client = personas.client(personas.officer_a)
    assert "Tỉnh Thử" in client.get(reverse("units:tree")).content.decode()
    page = client.get(reverse("units:tree"), {"ngay": "2024-01-01"}).content.decode()
    assert "Tỉnh Cũ" in page and "Tỉnh Thử" not in page


def test_it_explains_a_bad_date(personas):
    response = personas.client(personas.officer_a).get(reverse("units:tree"), {"ngay": "31/02/2024"})
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in response.content.decode()


def test_it_searches_ignoring_diacritics_and_shows_successors(personas):
    client = personas.client(personas.officer_b)
    page = client.get(reverse("units:tree"), {"q": "cau ngang"}).content.decode()
    assert "Huyện Cầu Ngang" in page and "Thị trấn Cầu Ngang" in page
    assert "Nay thuộc:" in page and "Tỉnh Thử" in page
    partial = client.get(reverse("units:tree"), {"q": "cau ngang"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and "Huyện Cầu Ngang" in partial.content.decode()


def test_it_shows_a_unit_with_its_history(personas):
    t = personas.tree
    page = (
        personas.client(personas.officer_a)
        .get(reverse("units:detail", args=[t.old_commune_2.pk]))
        .content.decode()
    )
    assert "Xã An Bình" in page and "Xã Bình Yên" in page and "kế thừa chính" in page
    assert "nay được tổng hợp vào" in page


def test_it_lets_the_commune_officer_add_hamlets_by_bulk_paste(personas):
    t = personas.tree
    url = reverse("units:hamlet_add", args=[t.commune_a.pk])
    response = personas.client(personas.officer_a).post(
        url, {"bulk-default_kind": "ấp", "bulk-names": "Ấp 1\nẤp 2"}
    )
    assert response.status_code == 302
    assert list(t.commune_a.children.order_by("code").values_list("name", flat=True)) == ["Ấp 1", "Ấp 2"]


def test_it_lets_the_commune_officer_add_one_hamlet(personas):
    t = personas.tree
    url = reverse("units:hamlet_add", args=[t.commune_a.pk])
    response = personas.client(personas.officer_a).post(url, {"one-kind": "thôn", "one-name": "Đông Hải"})
    assert response.status_code == 302
    assert t.commune_a.children.get().name == "Thôn Đông Hải"


def test_it_refuses_an_officer_of_another_commune(personas):
    t = personas.tree
    url = reverse("units:hamlet_add", args=[t.commune_a.pk])
    response = personas.client(personas.officer_b).post(
        url, {"bulk-default_kind": "ấp", "bulk-names": "Ấp 1"}
    )
    assert response.status_code == 403
    assert "Bạn không có quyền" in response.content.decode()
    assert not Unit.objects.filter(level="hamlet").exists()
    detail = personas.client(personas.officer_b).get(reverse("units:detail", args=[t.commune_a.pk]))
    assert "Dán danh sách" not in detail.content.decode()


def test_it_shows_the_add_forms_only_to_those_who_may_add(personas):
    t = personas.tree
    url = reverse("units:detail", args=[t.commune_a.pk])
    assert "Dán danh sách" in personas.client(personas.officer_a).get(url).content.decode()
    assert "Dán danh sách" in personas.client(personas.admin_a).get(url).content.decode()
    assert "Dán danh sách" not in personas.client(personas.province_board).get(url).content.decode()


def test_it_explains_empty_and_duplicate_names_and_saves_nothing(personas):
    t = personas.tree
    url = reverse("units:hamlet_add", args=[t.commune_a.pk])
    client = personas.client(personas.officer_a)
    response = client.post(url, {"one-kind": "thôn", "one-name": ""})
    assert response.status_code == 400
    assert "Tên thôn, tổ dân phố không được để trống." in response.content.decode()
    client.post(url, {"one-kind": "thôn", "one-name": "Đông"})
    response = client.post(url, {"bulk-default_kind": "thôn", "bulk-names": "Thôn Tây\nThôn Đông"})
    assert response.status_code == 400
    assert "Dòng 2: “Thôn Đông” đã có trong Xã An Bình." in response.content.decode()
    assert list(t.commune_a.children.values_list("name", flat=True)) == ["Thôn Đông"]


def test_it_answers_404_for_an_unknown_unit(personas):
    response = personas.client(personas.officer_a).get(reverse("units:detail", args=[999999]))
    assert response.status_code == 404
