import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from danvan.meetings.models import Meeting
from danvan.meetings.tests.factories import held, meeting_type

pytestmark = pytest.mark.django_db


def test_it_requires_membership_for_the_officials_pages(personas):
    meeting = held(personas)
    for name, args in (
        ("meetings:list", []),
        ("meetings:create", []),
        ("meetings:detail", [meeting.pk]),
        ("meetings:compliance", []),
        ("meetings:plans", []),
    ):
        assert personas.client().get(reverse(name, args=args)).status_code == 302
        assert personas.client(personas.outsider).get(reverse(name, args=args)).status_code == 403


def test_it_hides_a_communes_meetings_from_another_commune(personas):
    meeting = held(personas)
    assert (
        personas.client(personas.officer_b).get(reverse("meetings:detail", args=[meeting.pk])).status_code
        == 404
    )
    response = personas.client(personas.officer_b).post(
        reverse("meetings:opinion_add", args=[meeting.pk]),
        {"op-text": "x", "op-outcome": "recorded", "op-kind": "petition"},
    )
    assert response.status_code == 404 and not meeting.opinions.exists()
    response = personas.client(personas.officer_b).get(
        reverse("meetings:compliance"), {"don_vi": "90001", "tu": "2026-01-01", "den": "2026-03-31"}
    )
    assert response.status_code == 403


def test_it_records_a_meeting_through_the_form(personas):
    response = personas.client(personas.officer_a).post(
        reverse("meetings:create"),
        {
            "meeting_type": meeting_type().pk,
            "host_unit": personas.tree.commune_a.pk,
            "starts_at": "2026-03-10T08:00",
            "attendance": "40",
            "chair_name_0": "Nguyễn Văn Bí",
            "chair_role_0": "party_secretary",
            "is_public": "on",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "meetings:detail", args=[meeting.pk]
    )


def test_it_explains_a_bad_date_and_a_foreign_unit(personas):
    response = personas.client(personas.officer_a).post(
        reverse("meetings:create"),
        {
            "meeting_type": meeting_type().pk,
            "host_unit": personas.tree.commune_b.pk,
            "starts_at": "31/02/2026",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Thời gian không hợp lệ" in page and "Hãy chọn một lựa chọn hợp lệ" in page
    assert not Meeting.objects.exists()


def test_it_adds_an_opinion_through_htmx_and_suggests_its_topic(personas):
    meeting = held(personas)
    client = personas.client(personas.officer_a)
    suggestion = client.get(reverse("meetings:topic_suggest"), {"op-text": "Trại heo xả thải gây mùi hôi"})
    assert "selected" in suggestion.content.decode() and "Ô nhiễm môi trường" in suggestion.content.decode()
    response = client.post(
        reverse("meetings:opinion_add", args=[meeting.pk]),
        {
            "op-text": "Đường bê tông xuống cấp",
            "op-kind": "petition",
            "op-outcome": "answered_on_spot",
            "op-answer": "Xã đưa vào kế hoạch năm sau",
        },
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'hx-swap-oob="beforeend:#opinion-rows"' in page
    assert "Đường bê tông xuống cấp" in page and meeting.opinions.count() == 1
    response = client.post(
        reverse("meetings:opinion_add", args=[meeting.pk]),
        {"op-text": "", "op-kind": "petition", "op-outcome": "recorded"},
        headers={"HX-Request": "true"},
    )
    assert "Ý kiến không được để trống." in response.content.decode() and meeting.opinions.count() == 1


def test_it_publishes_a_calendar_and_an_icalendar_feed_without_login(personas):
    import django.utils.timezone as tz

    from danvan.meetings import services

    upcoming = services.meeting_record(
        actor=personas.officer_a,
        meeting_type=meeting_type("tiep-cong-dan"),
        host_unit=personas.tree.commune_a,
        starts_at=tz.now() + datetime.timedelta(days=3),
        title="Tiếp công dân định kỳ",
        venue="Hội trường UBND xã",
    )
    page = personas.client().get(reverse("meetings:public_calendar", args=[personas.tree.province.pk]))
    assert page.status_code == 200 and "Tiếp công dân định kỳ" in page.content.decode()
    feed = personas.client().get(reverse("meetings:public_calendar_ics", args=[personas.tree.province.pk]))
    assert feed["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Tiếp công dân định kỳ"]
    assert str(events[0]["uid"]) == f"meeting-{upcoming.pk}@danvan"


def test_it_shows_compliance_n_of_m(personas):
    from danvan.meetings import services

    services.plan_create(
        actor=personas.province_board,
        unit=personas.tree.province,
        number="1-KH/TU",
        issued_on=datetime.date(2026, 1, 1),
        title="Hội nghị hằng tháng",
        valid_from=datetime.date(2026, 1, 1),
        requirements=[
            {"meeting_type": meeting_type(), "target_level": "commune", "times": 1, "frequency": "month"}
        ],
    )
    held(personas, day=datetime.date(2026, 3, 10))
    page = (
        personas.client(personas.province_board)
        .get(reverse("meetings:compliance"), {"don_vi": "90", "tu": "2026-03-01", "den": "2026-03-31"})
        .content.decode()
    )
    assert "1/2 đơn vị đã tổ chức đủ" in page and "Xã Bình Yên" in page


def test_it_keeps_the_minutes_file_for_members_of_the_subtree_only(personas, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    data = {
        "meeting_type": meeting_type().pk,
        "host_unit": personas.tree.commune_a.pk,
        "starts_at": "2026-03-10T08:00",
        "chair_name_0": "Nguyễn Văn Bí",
        "chair_role_0": "party_secretary",
    }
    bad = personas.client(personas.officer_a).post(
        reverse("meetings:create"),
        {**data, "minutes_file": SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)},
    )
    assert bad.status_code == 400 and "Biên bản phải là tệp PDF hoặc Word" in bad.content.decode()
    assert not Meeting.objects.exists()
    personas.client(personas.officer_a).post(
        reverse("meetings:create"), {**data, "minutes_file": SimpleUploadedFile("bien-ban.pdf", pdf)}
    )
    meeting = Meeting.objects.get()
    url = reverse("meetings:minutes", args=[meeting.pk])
    assert b"".join(personas.client(personas.officer_a).get(url).streaming_content) == pdf
    assert personas.client(personas.officer_b).get(url).status_code == 404
