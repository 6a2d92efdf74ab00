"""The UI's scoping through the API: a commune B token can neither read nor change commune A's records."""

import pytest

from danvan.meetings.models import Meeting
from danvan.meetings.tests.factories import held
from danvan.petitions.models import Petition
from danvan.petitions.tests.factories import organisation, receive

ACTIONS = {
    "answer-on-spot": {"answer": "Đã trả lời."},
    "accept": {"organisation_id": None},
    "forward": {"to_unit_code": "90002", "reason": "Chuyển."},
    "extend": {"reason": "Gia hạn."},
    "answer": {"answer": "Đã trả lời."},
    "reject": {"reason": "Không thụ lý."},
    "merge": {"into": None},
    "close": {},
    "reopen": {"reason": "Mở lại."},
    "notes": {"text": "Ghi chú."},
}


@pytest.fixture
def records_of_a(personas):
    petition = receive(personas, citizen_name="Phạm Văn Kín").petition
    meeting = held(personas)
    return petition, meeting


def test_it_hides_commune_as_records_from_commune_b(personas, api, records_of_a):
    petition, meeting = records_of_a
    client = api(personas.officer_b)
    assert client.get("/api/v1/petitions").json()["count"] == 0
    assert client.get(f"/api/v1/petitions/{petition.pk}").status_code == 404
    assert client.get("/api/v1/petitions", {"q": petition.tracking_code}).json()["count"] == 0
    assert client.get("/api/v1/meetings").json()["count"] == 0
    assert client.get(f"/api/v1/meetings/{meeting.pk}").status_code == 404
    # The same calls with commune A's token do see them.
    own = api(personas.officer_a)
    assert own.get(f"/api/v1/petitions/{petition.pk}").status_code == 200
    assert own.get(f"/api/v1/meetings/{meeting.pk}").status_code == 200


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_it_refuses_every_transition_on_commune_as_petition(personas, api, records_of_a, action):
    petition, _meeting = records_of_a
    body = dict(ACTIONS[action])
    if "organisation_id" in body:
        body["organisation_id"] = organisation(personas.tree.commune_a).pk
    if "into" in body:
        body["into"] = receive(
            personas, actor=personas.officer_b, unit=personas.tree.commune_b
        ).petition.tracking_code
    response = api(personas.officer_b).post(f"/api/v1/petitions/{petition.pk}/{action}", body)
    assert response.status_code == 404, response.content
    unchanged = Petition.objects.get(pk=petition.pk)
    assert (unchanged.status, unchanged.version, unchanged.events.count()) == ("new", 1, 1)


def test_it_refuses_to_record_in_commune_a(personas, api):
    client = api(personas.officer_b)
    response = client.post(
        "/api/v1/petitions", {"unit_code": "90001", "channel": "phone", "title": "Thử", "text": "Thử quyền."}
    )
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert "Xã An Bình" in response.json()["message"]
    meeting = client.post(
        "/api/v1/meetings",
        {
            "meeting_type": "hoi-nghi-chi-bo-ap",
            "host_unit_code": "90001",
            "starts_at": "2026-03-10T08:00:00+07:00",
            "chairs": [{"name": "Nguyễn Văn Bí", "role": "party_secretary"}],
        },
    )
    assert meeting.status_code == 403
    assert not Petition.objects.exists() and not Meeting.objects.exists()


def test_it_refuses_to_forward_or_merge_into_what_b_cannot_see(personas, api):
    own = receive(personas, actor=personas.officer_b, unit=personas.tree.commune_b).petition
    of_a = receive(personas).petition
    client = api(personas.officer_b)
    merged = client.post(f"/api/v1/petitions/{own.pk}/merge", {"into": of_a.tracking_code})
    assert merged.status_code == 403
    assert Petition.objects.get(pk=own.pk).status == "new"


def test_it_gives_an_outsider_nothing(personas, api, records_of_a):
    client = api(personas.outsider)
    assert client.get("/api/v1/petitions").json()["count"] == 0
    assert client.get("/api/v1/meetings").json()["count"] == 0
    assert client.get("/api/v1/me").json()["memberships"] == []


def test_it_lets_the_province_board_reach_both_communes(personas, api, records_of_a):
    petition, meeting = records_of_a
    client = api(personas.province_board)
    assert client.get(f"/api/v1/petitions/{petition.pk}").json()["citizen"]["name"] == "Phạm Văn Kín"
    assert client.get(f"/api/v1/meetings/{meeting.pk}").status_code == 200
