import pytest
from django.urls import reverse

from danvan.pulse.models import ConcernMember

from .helpers import ROAD, ROAD_AGAIN, receive

pytestmark = pytest.mark.django_db
BOX = "/nhip-du-luan/tuong-tu/"


def test_it_shows_similar_records_as_an_official_types(personas):
    road = receive(personas, ROAD)
    response = personas.client(personas.officer_a).get(
        BOX, {"text": ROAD_AGAIN, "unit": personas.tree.commune_a.pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Có thể trùng với" in html and road.tracking_code in html and "<mark>" in html


def test_it_reads_the_conference_opinion_field_too(personas):
    receive(personas, ROAD)
    response = personas.client(personas.officer_a).get(
        BOX, {"op-text": ROAD_AGAIN, "unit": personas.tree.commune_a.pk}
    )
    assert "Có thể trùng với" in response.content.decode()


def test_it_refuses_the_officer_of_another_unit_and_strangers(personas):
    road = receive(personas, ROAD)
    params = {"text": ROAD_AGAIN, "unit": personas.tree.commune_a.pk}
    html = personas.client(personas.officer_b).get(BOX, params).content.decode()
    assert road.tracking_code not in html and "không có quyền" in html
    assert personas.client(personas.outsider).get(BOX, params).status_code == 403
    assert personas.client().get(BOX, params).status_code == 302  # to the login page


def test_it_says_nothing_for_short_or_empty_text_and_survives_bad_input(personas):
    client = personas.client(personas.officer_a)
    unit = personas.tree.commune_a.pk
    assert "Có thể trùng" not in client.get(BOX, {"text": "đường", "unit": unit}).content.decode()
    for params in ({"text": "x" * 20_001, "unit": unit}, {"text": "😀" * 50, "unit": "abc"}, {}):
        assert client.get(BOX, params).status_code == 200


def test_it_lists_a_petitions_similar_records_and_links_them_as_one_concern(personas):
    first, second = receive(personas, ROAD), receive(personas, ROAD)
    client = personas.client(personas.officer_a)
    section = client.get(reverse("pulse:petition_similar", args=[first.pk])).content.decode()
    assert second.tracking_code in section and "Liên kết là cùng vấn đề" in section
    response = client.post(
        reverse("pulse:concern_link", args=[first.pk]), {"other": second.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "Vấn đề chung" in response.content.decode()
    assert ConcernMember.objects.count() == 2
    response = client.post(reverse("pulse:concern_unlink", args=[first.pk]))
    assert response.status_code == 302 and not ConcernMember.objects.exists()


def test_it_refuses_linking_by_an_officer_of_another_unit(personas):
    first, second = receive(personas, ROAD), receive(personas, ROAD)
    client = personas.client(personas.officer_b)
    assert client.get(reverse("pulse:petition_similar", args=[first.pk])).status_code == 404
    assert (
        client.post(reverse("pulse:concern_link", args=[first.pk]), {"other": second.pk}).status_code == 404
    )
    assert not ConcernMember.objects.exists()


def test_it_says_why_a_link_was_refused(personas):
    first = receive(personas, ROAD)
    response = personas.client(personas.officer_a).post(
        reverse("pulse:concern_link", args=[first.pk]), {"other": first.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400 and "chính nó" in response.content.decode()
