import pytest
from django.test import Client

from danvan.petitions.choices import Channel, Kind
from danvan.pulse.tests.helpers import ROAD, ROAD_AGAIN, answer_publicly, receive

pytestmark = pytest.mark.django_db
URL = "/cong-dan/gui-y-kien/tuong-tu/"


def ask(personas, text=ROAD_AGAIN, **extra):
    params = {
        "province": personas.tree.province.pk,
        "commune": personas.tree.commune_a.pk,
        "text": text,
        **extra,
    }
    return Client(REMOTE_ADDR="203.0.113.9").get(URL, params).content.decode()


def test_it_shows_a_citizen_the_public_answer_of_the_same_concern(personas):
    answered = answer_publicly(personas, receive(personas, ROAD, channel=Channel.CONFERENCE))
    html = ask(personas)
    assert "Đã có ý kiến tương tự" in html and "tưới nước chống bụi" in html
    assert f"/cong-dan/da-tra-loi/{answered.pk}/" in html


def test_it_never_shows_an_unanswered_record_a_denunciation_or_a_sender(personas):
    receive(personas, ROAD, citizen_name="Nguyễn Văn Bí Mật", citizen_phone="0912000111")
    answer_publicly(personas, receive(personas, ROAD, kind=Kind.DENUNCIATION, channel=Channel.CONFERENCE))
    html = ask(personas)
    assert "Đã có ý kiến tương tự" not in html and "Bí Mật" not in html and "0912000111" not in html


def test_it_hides_the_sender_of_an_answered_record(personas):
    petition = receive(personas, ROAD, channel=Channel.CONFERENCE, citizen_name="Trần Thị Kín")
    answer_publicly(personas, petition)
    assert "Kín" not in ask(personas)
    page = Client().get(f"/cong-dan/da-tra-loi/{petition.pk}/").content.decode()
    assert "tưới nước chống bụi" in page and "Kín" not in page


def test_it_answers_nothing_without_a_place_or_for_bad_input(personas):
    answer_publicly(personas, receive(personas, ROAD, channel=Channel.CONFERENCE))
    assert "tương tự" not in Client().get(URL, {"text": ROAD_AGAIN}).content.decode()
    for text in ("", "😀" * 10, "x" * 30_000, "道路 دمشق"):
        assert "tương tự" not in ask(personas, text=text)


def test_it_shows_no_public_page_for_an_unanswered_record(personas):
    petition = receive(personas, ROAD)
    assert Client().get(f"/cong-dan/da-tra-loi/{petition.pk}/").status_code == 404
