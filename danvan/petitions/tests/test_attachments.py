import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.petitions.models import Attachment
from danvan.petitions.tests.factories import receive

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_it_lets_the_officer_attach_a_file_and_download_it(personas):
    petition = receive(personas).petition
    client = personas.client(personas.officer_a)
    response = client.post(
        reverse("petitions:action", args=[petition.pk, "attach"]),
        {"attach-upload": SimpleUploadedFile("bien-ban.pdf", PDF)},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf" and attachment.uploaded_by == personas.officer_a
    download = client.get(reverse("petitions:attachment", args=[petition.pk, attachment.pk]))
    assert b"".join(download.streaming_content) == PDF
    assert petition.events.filter(kind="note", text__contains="bien-ban.pdf").exists()


def test_it_refuses_a_file_of_the_wrong_type_and_keeps_nothing(personas):
    petition = receive(personas).petition
    response = personas.client(personas.officer_a).post(
        reverse("petitions:action", args=[petition.pk, "attach"]),
        {"attach-upload": SimpleUploadedFile("virus.exe", b"MZ\x90\x00" + b"\0" * 100)},
    )
    assert response.status_code == 400 and "Chỉ nhận tệp PDF" in response.content.decode()
    assert not Attachment.objects.exists()


def test_it_hides_the_file_from_another_commune(personas):
    petition = receive(personas).petition
    personas.client(personas.officer_a).post(
        reverse("petitions:action", args=[petition.pk, "attach"]),
        {"attach-upload": SimpleUploadedFile("a.pdf", PDF)},
    )
    attachment = Attachment.objects.get()
    other = personas.client(personas.officer_b)
    assert other.get(reverse("petitions:attachment", args=[petition.pk, attachment.pk])).status_code == 404
    assert (
        other.post(
            reverse("petitions:action", args=[petition.pk, "attach"]),
            {"attach-upload": SimpleUploadedFile("b.pdf", PDF)},
        ).status_code
        == 404
    )
    assert Attachment.objects.count() == 1


def test_it_shows_the_meeting_an_opinion_was_raised_at(personas):
    import datetime

    from danvan.meetings import services as meetings
    from danvan.meetings.tests.factories import held

    meeting = held(personas, day=datetime.date(2026, 3, 10))
    opinion = meetings.opinion_add(
        actor=personas.officer_a, meeting=meeting, text="Đường hỏng", outcome="recorded"
    )
    page = personas.client(personas.officer_a).get(reverse("petitions:detail", args=[opinion.petition_id]))
    assert reverse("meetings:detail", args=[meeting.pk]) in page.content.decode()
