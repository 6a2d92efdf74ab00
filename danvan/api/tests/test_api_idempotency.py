"""A creation retried with the same Idempotency-Key is stored once, per user."""

from danvan.api import services
from danvan.api.models import IdempotencyKey
from danvan.meetings.models import Meeting
from danvan.petitions.models import Petition

PETITION = {"unit_code": "90001", "channel": "phone", "title": "Cống bị tắc", "text": "Cống ấp 4 bị tắc."}
KEY = {"Idempotency-Key": "7f0c1e52-2b1d-4c55-9a43-1f0e2c3d4b5a"}


def test_it_stores_a_retried_petition_once(personas, api):
    client = api(personas.officer_a)
    first = client.post("/api/v1/petitions", PETITION, **KEY)
    again = client.post("/api/v1/petitions", PETITION, **KEY)
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert again.json()["id"] == first.json()["id"]
    assert first.json()["pin"] and again.json()["pin"] is None  # the PIN is never stored, so never replayed
    assert Petition.objects.count() == 1
    record = IdempotencyKey.objects.get()
    assert (record.resource_type, record.resource_id, record.operation) == (
        "petitions.petition",
        first.json()["id"],
        "petitions.create",
    )


def test_it_refuses_the_same_key_for_another_body(personas, api):
    client = api(personas.officer_a)
    client.post("/api/v1/petitions", PETITION, **KEY)
    other = client.post("/api/v1/petitions", {**PETITION, "title": "Một việc khác"}, **KEY)
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    assert Petition.objects.count() == 1


def test_it_keeps_keys_apart_per_user_and_without_a_key(personas, api):
    api(personas.officer_a).post("/api/v1/petitions", PETITION, **KEY)
    board = api(personas.province_board).post("/api/v1/petitions", PETITION, **KEY)
    assert board.status_code == 201 and "Idempotent-Replayed" not in board
    api(personas.officer_a).post("/api/v1/petitions", PETITION)
    api(personas.officer_a).post("/api/v1/petitions", PETITION)
    assert Petition.objects.count() == 4


def test_it_lets_a_failed_creation_be_retried_with_its_key(personas, api):
    client = api(personas.officer_a)
    refused = client.post("/api/v1/petitions", {**PETITION, "unit_code": "00000"}, **KEY)
    assert refused.status_code == 422
    assert not IdempotencyKey.objects.exists()
    assert client.post("/api/v1/petitions", PETITION, **KEY).status_code == 201


def test_it_refuses_a_malformed_key(personas, api):
    response = api(personas.officer_a).post("/api/v1/petitions", PETITION, **{"Idempotency-Key": "có dấu"})
    assert response.status_code == 422
    assert not Petition.objects.exists()


def test_it_stores_a_retried_meeting_once(personas, api):
    client = api(personas.officer_a)
    body = {
        "meeting_type": "hoi-nghi-chi-bo-ap",
        "host_unit_code": "90001",
        "starts_at": "2026-03-10T08:00:00+07:00",
        "chairs": [{"name": "Nguyễn Văn Bí", "role": "party_secretary"}],
        "opinions": [{"text": "Đề nghị sửa đường.", "outcome": "recorded"}],
    }
    first = client.post("/api/v1/meetings", body, **KEY)
    again = client.post("/api/v1/meetings", body, **KEY)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert Meeting.objects.count() == 1 and Petition.objects.count() == 1


def test_it_answers_a_racing_retry_with_the_first_record(personas, api, monkeypatch):
    client = api(personas.officer_a)
    first = client.post("/api/v1/petitions", PETITION, **KEY).json()
    real_lookup = services.idempotency_lookup
    calls = []

    def late_lookup(**kwargs):
        # The retry looks before the first request has committed, then loses the race on the key.
        calls.append(kwargs)
        return None if len(calls) == 1 else real_lookup(**kwargs)

    monkeypatch.setattr(services, "idempotency_lookup", late_lookup)
    again = client.post("/api/v1/petitions", PETITION, **KEY)
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first["id"] and len(calls) == 2
    assert Petition.objects.count() == 1 and IdempotencyKey.objects.count() == 1


def test_it_forgets_a_key_whose_record_was_deleted(personas, api):
    client = api(personas.officer_a)
    body = {
        "meeting_type": "hoi-nghi-chi-bo-ap",
        "host_unit_code": "90001",
        "starts_at": "2026-03-10T08:00:00+07:00",
        "chairs": [{"name": "Nguyễn Văn Bí", "role": "party_secretary"}],
    }
    first = client.post("/api/v1/meetings", body, **KEY).json()
    Meeting.objects.filter(pk=first["id"]).delete()
    again = client.post("/api/v1/meetings", body, **KEY)
    assert again.status_code == 201 and "Idempotent-Replayed" not in again
    assert again.json()["id"] != first["id"] and Meeting.objects.count() == 1
