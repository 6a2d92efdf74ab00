"""Every official page: anonymous users log in, outsiders are refused, other units' officers see nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.democracy import services
from danvan.democracy.models import Consultation, Decision, Posting, SupervisionBoard

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(personas):
    actor, unit = personas.officer_a, personas.tree.commune_a
    posting = f.posting(actor, unit)
    consultation = f.consultation(actor, unit)
    decision = f.decision(actor, unit)
    board = services.board_form(
        actor=actor, unit=unit, kind="investment_board", term_start=f.today() - datetime.timedelta(days=100)
    )
    return {"posting": posting, "consultation": consultation, "decision": decision, "board": board}


def detail_urls(records):
    posting = records["posting"]
    return [
        reverse("democracy:posting", args=[posting.pk]),
        reverse("democracy:consultation", args=[records["consultation"].pk]),
        reverse("democracy:decision", args=[records["decision"].pk]),
        reverse("democracy:board", args=[records["board"].pk]),
    ]


POST_URLS = [
    ("democracy:posting_publish", "posting"),
    ("democracy:posting_take_down", "posting"),
    ("democracy:posting_attach", "posting"),
    ("democracy:opinion_record", "consultation"),
    ("democracy:consultation_conclude", "consultation"),
    ("democracy:board_activity", "board"),
]
CREATE_URLS = [
    "democracy:posting_create",
    "democracy:consultation_create",
    "democracy:decision_create",
    "democracy:board_create",
]


def test_anonymous_is_sent_to_login(personas, records):
    client = personas.client()
    for url in [reverse("democracy:index"), *detail_urls(records), *[reverse(n) for n in CREATE_URLS]]:
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"], url


def test_outsider_without_membership_is_refused(personas, records):
    client = personas.client(personas.outsider)
    for url in [reverse("democracy:index"), *detail_urls(records), *[reverse(n) for n in CREATE_URLS]]:
        assert client.get(url).status_code == 403, url


def test_officer_of_another_unit_sees_nothing_and_writes_nothing(personas, records):
    client = personas.client(personas.officer_b)
    for url in detail_urls(records):
        assert client.get(url).status_code == 404, url
    for name, key in POST_URLS:
        assert client.post(reverse(name, args=[records[key].pk]), {}).status_code == 404, name
    index = client.get(reverse("democracy:index")).content.decode()
    assert records["posting"].title not in index
    # The create forms offer only the officer's own communes: commune A is refused.
    response = client.post(
        reverse("democracy:decision_create"),
        {
            "unit": personas.tree.commune_a.pk,
            "matter": f.matter().pk,
            "title": "x",
            "method": "meeting",
            "held_on": f.today().isoformat(),
            "households_entitled": 10,
            "households_present": 8,
            "votes_for": 7,
            "votes_against": 1,
        },
    )
    assert response.status_code == 400
    assert Decision.objects.count() == 1


def test_reader_cannot_create(personas):
    from danvan.accounts.tests.factories import MembershipFactory, UserFactory

    reader = UserFactory(username="doc")
    MembershipFactory(user=reader, unit=personas.tree.commune_a, role="reader")
    client = personas.client(reader)
    for name in CREATE_URLS:
        assert client.get(reverse(name)).status_code == 403, name
    assert client.get(reverse("democracy:index")).status_code == 200


def test_officer_pages_render(personas, records):
    client = personas.client(personas.officer_a)
    for url in [reverse("democracy:index"), *detail_urls(records), *[reverse(n) for n in CREATE_URLS]]:
        assert client.get(url).status_code == 200, url


def test_posting_form_short_period_warns_then_accepts_a_reason(personas):
    client = personas.client(personas.officer_a)
    data = {
        "unit": personas.tree.commune_a.pk,
        "category": f.category().pk,
        "title": "Dự án kè chống sạt lở",
        "document_date": f.today().isoformat(),
        "posted_on": f.today().isoformat(),
        "period_end": (f.today() + datetime.timedelta(days=7)).isoformat(),
        "forms": [f.forms()[0].pk],
        "is_public": "on",
    }
    response = client.post(reverse("democracy:posting_create"), data)
    assert response.status_code == 400
    assert "ngắn hơn 30 ngày luật định" in response.content.decode()
    assert "Ghi lý do" in response.content.decode()
    assert not Posting.objects.exists()
    data["short_reason"] = "Bảng tin nhà văn hóa đang sửa"
    data["attachment"] = SimpleUploadedFile("ke.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(reverse("democracy:posting_create"), data)
    assert response.status_code == 302
    posting = Posting.objects.get()
    assert posting.short_reason and posting.attachments.count() == 1
    download = client.get(reverse("democracy:attachment", args=[posting.pk, posting.attachments.get().pk]))
    assert download.status_code == 200


def test_decision_form_without_quorum_figures_changes_nothing(personas):
    client = personas.client(personas.officer_a)
    data = {
        "unit": personas.tree.commune_a.pk,
        "matter": f.matter().pk,
        "title": "Hương ước",
        "method": "meeting",
        "held_on": f.today().isoformat(),
        "votes_for": 5,
        "votes_against": 0,
    }
    response = client.post(reverse("democracy:decision_create"), data)
    assert response.status_code == 400
    assert "Không ghi nhận kết quả khi thiếu số hộ" in response.content.decode()
    data.update(households_entitled=100, households_present=60, votes_for=70)
    response = client.post(reverse("democracy:decision_create"), data)
    assert response.status_code == 400 and "vượt số hộ tham dự" in response.content.decode()
    assert not Decision.objects.exists()


def test_consultation_form_closing_before_opening(personas):
    client = personas.client(personas.officer_a)
    data = {
        "unit": personas.tree.commune_a.pk,
        "subject": f.consultation.__globals__["ConsultationSubject"].objects.first().pk,
        "title": "Dự thảo",
        "draft_text": "…",
        "opens_on": "2026-12-10",
        "closes_on": "2026-12-01",
    }
    response = client.post(reverse("democracy:consultation_create"), data)
    assert response.status_code == 400
    assert "phải sau ngày bắt đầu" in response.content.decode()
    assert not Consultation.objects.exists()


def test_board_form_and_activity(personas):
    client = personas.client(personas.officer_a)
    response = client.post(
        reverse("democracy:board_create"),
        {
            "unit": personas.tree.commune_a.pk,
            "kind": "inspection_board",
            "term_start": "2026-01-01",
            "members": "Nguyễn Văn Ba; Trưởng ban; Ấp 1\nLê Thị Năm",
        },
    )
    assert response.status_code == 302
    board = SupervisionBoard.objects.get()
    assert [m.role for m in board.members.order_by("pk")] == ["head", "member"]
    response = client.post(
        reverse("democracy:board_activity", args=[board.pk]),
        {
            "title": "Giám sát chợ xã",
            "held_on": f.today().isoformat(),
            "recommendations": "Sửa mái chợ",
            "addressee": "UBND xã",
        },
    )
    assert response.status_code == 302
    assert board.activities.get().activity.recommendations.count() == 1


def test_it_keeps_the_signed_minutes_of_a_decision_for_its_units_officials_only(personas):
    client = personas.client(personas.officer_a)
    data = {
        "unit": personas.tree.commune_a.pk,
        "matter": f.matter().pk,
        "title": "Hương ước ấp 3",
        "method": "meeting",
        "held_on": f.today().isoformat(),
        "households_entitled": 100,
        "households_present": 70,
        "votes_for": 60,
        "votes_against": 5,
        "ballots_invalid": 0,
    }
    refused = client.post(
        reverse("democracy:decision_create"),
        {**data, "minutes_file": SimpleUploadedFile("bb.exe", b"MZ\x90\x00" + b"\x00" * 60)},
    )
    assert refused.status_code == 400 and not Decision.objects.exists()
    minutes = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    assert (
        client.post(reverse("democracy:decision_create"), {**data, "minutes_file": minutes}).status_code
        == 302
    )
    decision = Decision.objects.get()
    url = reverse("democracy:decision_minutes", args=[decision.pk])
    assert url in client.get(reverse("democracy:decision", args=[decision.pk])).content.decode()
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert personas.client(personas.officer_b).get(url).status_code == 404
    assert personas.client().get(url).status_code == 302
