"""A conference and its opinions in one call, all or nothing; lists and detail within the caller's scope."""

import datetime

from danvan.meetings.models import Meeting
from danvan.meetings.tests.factories import held
from danvan.petitions.models import Petition

CONFERENCE = {
    "meeting_type": "hoi-nghi-chi-bo-ap",
    "host_unit_code": "90001",
    "starts_at": "2026-03-10T08:00:00+07:00",
    "venue": "Nhà văn hóa ấp 3",
    "title": "Đối thoại về giao thông nông thôn",
    "attendance": 42,
    "chairs": [
        {"name": "Nguyễn Văn Bí", "role": "party_secretary"},
        {"name": "Lê Thị Chủ", "role": "peoples_committee_chair"},
    ],
    "opinions": [
        {
            "text": "Đề nghị bê tông hóa đường ấp 3.",
            "outcome": "answered_on_spot",
            "answer": "Đã có trong kế hoạch năm sau.",
            "topic": "giao-thong-nong-thon",
        },
        {
            "text": "Giá lúa bấp bênh.",
            "outcome": "forwarded",
            "forward_to_code": "90",
            "topic": "gia-nong-san",
        },
        {"text": "Cống ấp 2 bị tắc.", "outcome": "recorded", "kind": "feedback"},
    ],
}


def test_it_records_a_conference_with_its_opinions(personas, api):
    response = api(personas.officer_a).post("/api/v1/meetings", CONFERENCE)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "held" and body["level"] == "commune" and body["attendance"] == 42
    assert [c["role"] for c in body["chairs"]] == ["party_secretary", "peoples_committee_chair"]
    assert [o["position"] for o in body["opinions"]] == [1, 2, 3]
    assert [o["petition"]["status"] for o in body["opinions"]] == ["answered", "forwarded", "new"]
    assert body["opinions_count"] == 3
    petitions = Petition.objects.order_by("pk")
    assert [p.channel for p in petitions] == ["conference"] * 3
    assert petitions[1].handling_unit.code == "90" and petitions[2].kind == "feedback"


def test_it_stores_nothing_when_one_opinion_is_wrong(personas, api):
    broken = {
        **CONFERENCE,
        "opinions": [*CONFERENCE["opinions"], {"text": "Thiếu trả lời.", "outcome": "answered_on_spot"}],
    }
    response = api(personas.officer_a).post("/api/v1/meetings", broken)
    assert response.status_code == 422
    assert response.json()["fields"] == {"opinions.3.answer": ["Hãy ghi nội dung đã trả lời tại chỗ."]}
    assert not Meeting.objects.exists() and not Petition.objects.exists()

    unknown_topic = {**CONFERENCE, "opinions": [{"text": "X", "outcome": "recorded", "topic": "khong-co"}]}
    response = api(personas.officer_a).post("/api/v1/meetings", unknown_topic)
    assert "opinions.0.topic" in response.json()["fields"]
    assert not Meeting.objects.exists()


def test_it_plans_a_future_meeting_but_takes_no_opinions_for_it(personas, api):
    client = api(personas.officer_a)
    planned = client.post(
        "/api/v1/meetings", {**CONFERENCE, "starts_at": "2099-01-05T08:00:00+07:00", "opinions": []}
    )
    assert planned.status_code == 201 and planned.json()["status"] == "planned"
    refused = client.post("/api/v1/meetings", {**CONFERENCE, "starts_at": "2099-01-06T08:00:00+07:00"})
    assert refused.status_code == 422 and "opinions.0" in refused.json()["fields"]


def test_it_lists_meetings_with_filters(personas, api):
    client = api(personas.officer_a)
    client.post("/api/v1/meetings", CONFERENCE)
    held(personas, title="Hội nghị tháng 4", day=datetime.date(2026, 4, 12))
    held(personas, unit=personas.tree.commune_b, actor=personas.officer_b)

    listed = client.get("/api/v1/meetings").json()
    assert listed["count"] == 2
    assert [m["title"] for m in listed["items"]] == ["Hội nghị tháng 4", "Đối thoại về giao thông nông thôn"]
    assert listed["items"][1]["opinions_count"] == 3
    assert client.get("/api/v1/meetings", {"start": "2026-04-01"}).json()["count"] == 1
    assert client.get("/api/v1/meetings", {"end": "2026-03-31"}).json()["count"] == 1
    assert client.get("/api/v1/meetings", {"status": "planned"}).json()["count"] == 0
    assert client.get("/api/v1/meetings", {"meeting_type": "khong-co"}).json()["count"] == 0
    assert api(personas.province_board).get("/api/v1/meetings", {"unit": "90002"}).json()["count"] == 1


def test_it_refuses_unknown_references(personas, api):
    client = api(personas.officer_a)
    assert (
        "meeting_type"
        in client.post("/api/v1/meetings", {**CONFERENCE, "meeting_type": "x"}).json()["fields"]
    )
    assert client.post("/api/v1/meetings", {**CONFERENCE, "host_unit_code": "00000"}).status_code == 422
    assert client.post("/api/v1/meetings", {**CONFERENCE, "attendance": 2_000_000}).status_code == 422
    assert not Meeting.objects.exists()
