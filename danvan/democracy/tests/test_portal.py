"""The citizens' pages: any commune's board without login, only what is published; opinions rate-limited."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from danvan.democracy import services
from danvan.democracy.models import Consultation, ConsultationOpinion

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(personas):
    actor, unit = personas.officer_a, personas.tree.commune_a
    public = f.posting(actor, unit, title="Dự án đường liên ấp")
    services.attachment_add(
        actor=actor, posting=public, upload=SimpleUploadedFile("du-an.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    hidden = f.posting(actor, unit, title="Tài liệu nội bộ", is_public=False)
    services.attachment_add(
        actor=actor, posting=hidden, upload=SimpleUploadedFile("noi-bo.pdf", b"%PDF-1.4\n")
    )
    due = f.posting(actor, unit, title="Chưa niêm yết", posted_on=None)
    decision = f.decision(actor, unit)
    return {"public": public, "hidden": hidden, "due": due, "decision": decision}


def test_citizen_reads_the_board_of_any_commune_without_login(personas, board):
    client = Client()
    assert client.get(reverse("portal:democracy")).status_code == 200
    response = client.get(reverse("portal:democracy_board", args=[personas.tree.commune_a.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dự án đường liên ấp" in page and "du-an.pdf" in page
    assert "Tài liệu nội bộ" not in page and "Chưa niêm yết" not in page
    assert "Hương ước ấp Mỹ Cẩm A" in page and "151/212" in page
    public_file = board["public"].attachments.get()
    assert (
        client.get(reverse("portal:democracy_file", args=[board["public"].pk, public_file.pk])).status_code
        == 200
    )
    hidden_file = board["hidden"].attachments.get()
    assert (
        client.get(reverse("portal:democracy_file", args=[board["hidden"].pk, hidden_file.pk])).status_code
        == 404
    )
    assert client.get(reverse("portal:democracy_board", args=[personas.tree.province.pk])).status_code == 404


def test_public_json_of_the_board(personas, board):
    data = Client().get(reverse("portal:democracy_board_json", args=[personas.tree.commune_a.pk])).json()
    assert [p["title"] for p in data["on_board"]] == ["Dự án đường liên ấp"]
    assert data["on_board"][0]["category"]["article"].startswith("Điều 11")
    assert data["on_board"][0]["attachments"][0]["url"].endswith("/")
    assert data["decisions"][0]["passed"] is True


def test_citizen_submits_an_opinion_to_an_open_consultation(personas, settings):
    settings.PORTAL_RATE_LIMIT = "2/h"
    consultation = f.consultation(personas.officer_a, personas.tree.commune_a)
    url = reverse("portal:democracy_consultation", args=[consultation.pk])
    client = Client()
    assert client.get(url).status_code == 200
    assert client.post(url, {"text": ""}).status_code == 400
    response = client.post(url, {"text": "Đề nghị làm đèn đường", "author_name": "Lê Văn A"}, follow=True)
    assert "Cảm ơn bạn đã góp ý" in response.content.decode()
    assert "Lê Văn A" not in response.content.decode()
    duplicate = client.post(url, {"text": "de nghi lam den duong"})
    assert duplicate.status_code == 400 and "đã được gửi" in duplicate.content.decode()
    assert client.post(url, {"text": "Ý kiến khác"}).status_code == 302
    limited = client.post(url, {"text": "Thêm nữa"})
    assert limited.status_code == 429
    assert ConsultationOpinion.objects.count() == 2


def test_honeypot_and_closed_and_future_consultations(personas):
    actor, unit = personas.officer_a, personas.tree.commune_a
    consultation = f.consultation(actor, unit)
    url = reverse("portal:democracy_consultation", args=[consultation.pk])
    assert Client().post(url, {"text": "spam", "website": "x"}).status_code == 400
    Consultation.objects.filter(pk=consultation.pk).update(closes_on=f.today() - datetime.timedelta(days=1))
    assert Client().post(url, {"text": "muộn"}).status_code == 400
    future = f.consultation(actor, unit, opens_days_ago=-3, title="Chưa mở")
    assert Client().get(reverse("portal:democracy_consultation", args=[future.pk])).status_code == 404
    assert not ConsultationOpinion.objects.exists()
