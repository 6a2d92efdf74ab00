"""Petitions through the API: intake, the inbox's filters, detail with timeline, and every transition."""

import datetime

from danvan.accounts.tests.factories import MembershipFactory, UserFactory
from danvan.petitions.models import Petition
from danvan.petitions.services import petition_check_pin
from danvan.petitions.tests.factories import organisation, receive

NEW = {
    "unit_code": "90001",
    "channel": "reception",
    "kind": "complaint",
    "topic": "giao-thong-nong-thon",
    "title": "Đường liên ấp 3 sạt lở",
    "text": "Tuyến đường liên ấp 3 sạt lở sau mưa, xe máy không qua được.",
    "citizen_name": "Trần Thị Bé",
    "citizen_phone": "0909 000 111",
    "citizen_email": "be@example.invalid",
}


def test_it_records_a_petition_and_gives_the_pin_once(personas, api):
    client = api(personas.officer_a)
    response = client.post("/api/v1/petitions", NEW)
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "new" and body["kind"] == "complaint" and body["channel"] == "reception"
    assert body["unit"]["code"] == "90001" and body["handling_unit"]["code"] == "90001"
    assert body["topic"]["code"] == "giao-thong-nong-thon"
    assert body["citizen"]["name"] == "Trần Thị Bé"
    assert [e["kind"] for e in body["timeline"]] == ["received"]
    assert body["version"] == 1
    assert petition_check_pin(tracking_code=body["tracking_code"], pin=body["pin"]).pk == body["id"]
    assert "pin" not in client.get(f"/api/v1/petitions/{body['id']}").json()


def test_it_refuses_bad_intake_with_the_services_messages(personas, api):
    client = api(personas.officer_a)
    assert client.post("/api/v1/petitions", {**NEW, "channel": "portal"}).json()["fields"]["channel"]
    unknown = client.post("/api/v1/petitions", {**NEW, "unit_code": "00000"}).json()
    assert unknown["code"] == "invalid" and "unit_code" in unknown["fields"]
    assert client.post("/api/v1/petitions", {**NEW, "topic": "khong-co"}).json()["fields"]["topic"]
    assert client.post("/api/v1/petitions", {**NEW, "citizen_email": "not-an-email"}).status_code == 422
    assert client.post("/api/v1/petitions", {**NEW, "title": "x" * 201}).status_code == 422
    assert not Petition.objects.exists()


def test_it_hides_the_citizen_from_a_reader(personas, api):
    reader = UserFactory(username="doc.a")
    MembershipFactory(user=reader, unit=personas.tree.commune_a, role="reader")
    petition = receive(personas, citizen_name="Lê Văn Kín").petition
    body = api(reader).get(f"/api/v1/petitions/{petition.pk}").json()
    assert body["citizen"] is None and body["allowed_actions"] == []
    assert "Lê Văn Kín" not in str(body)


def test_it_filters_and_pages_like_the_inbox(personas, api):
    client = api(personas.officer_a)
    first = receive(personas, title="Ngập úng ấp 1", kind="feedback").petition
    receive(personas, title="Đèn đường ấp 2", channel="phone")
    receive(personas, unit=personas.tree.commune_b, actor=personas.officer_b, title="Ở xã B")

    everything = client.get("/api/v1/petitions").json()
    assert everything["count"] == 2  # commune B's petition is out of scope
    assert client.get("/api/v1/petitions", {"kind": "feedback"}).json()["items"][0]["id"] == first.pk
    assert client.get("/api/v1/petitions", {"channel": "phone"}).json()["count"] == 1
    assert client.get("/api/v1/petitions", {"q": "ngap ung"}).json()["count"] == 1
    assert client.get("/api/v1/petitions", {"q": first.tracking_code}).json()["count"] == 1
    assert client.get("/api/v1/petitions", {"status": "open"}).json()["count"] == 2
    assert client.get("/api/v1/petitions", {"status": "closed"}).json()["count"] == 0
    assert client.get("/api/v1/petitions", {"unit": "90001"}).json()["count"] == 2
    oldest = client.get("/api/v1/petitions", {"sort": "received_at", "page_size": 1}).json()
    assert oldest["items"][0]["id"] == first.pk and oldest["count"] == 2 and oldest["page_size"] == 1
    assert client.get("/api/v1/petitions", {"page": 2, "page_size": 1}).json()["items"][0]["id"] == first.pk
    assert client.get("/api/v1/petitions", {"status": "lost"}).status_code == 422
    assert client.get("/api/v1/petitions", {"unit": "00000"}).status_code == 422
    board = api(personas.province_board).get("/api/v1/petitions").json()
    assert board["count"] == 3


def test_it_runs_a_petition_through_its_whole_life(personas, api):
    officer, board = api(personas.officer_a), api(personas.province_board)
    # A denunciation: the one kind the law lets a handler extend (Luật Tố cáo 2018, Điều 30).
    created = officer.post("/api/v1/petitions", {**NEW, "kind": "denunciation"}).json()
    pid, url = created["id"], f"/api/v1/petitions/{created['id']}"
    assert set(created["allowed_actions"]) >= {"accept", "forward", "reject", "merge", "answer-on-spot"}
    committee = organisation(personas.tree.commune_a)

    accepted = officer.post(f"{url}/accept", {"organisation_id": committee.pk, "version": created["version"]})
    assert accepted.status_code == 200, accepted.json()
    accepted = accepted.json()
    assert accepted["status"] == "in_progress" and accepted["handling_organisation"]["id"] == committee.pk
    assert accepted["due_date"] is not None
    # An officer records; only handlers and the board answer.
    assert "answer" not in accepted["allowed_actions"]
    assert officer.post(f"{url}/answer", {"answer": "Đã sửa."}).status_code == 403

    extended = officer.post(f"{url}/extend", {"reason": "Vụ việc phức tạp.", "version": accepted["version"]})
    assert extended.json()["extensions"] == 1

    noted = officer.post(f"{url}/notes", {"text": "Đã gọi điện cho người dân."}).json()
    assert noted["timeline"][-1]["kind"] == "note" and noted["timeline"][-1]["is_internal"] is True

    answered = board.post(
        f"{url}/answer", {"answer": "Xã đã gia cố tuyến đường.", "version": noted["version"]}
    )
    assert answered.status_code == 200 and answered.json()["status"] == "answered"
    closed = officer.post(f"{url}/close", {"version": answered.json()["version"]}).json()
    assert closed["status"] == "closed" and closed["closed_at"]
    reopened = officer.post(f"{url}/reopen", {"reason": "Người dân chưa đồng ý."}).json()
    assert reopened["status"] == "in_progress" and reopened["closed_at"] is None
    kinds = [e["kind"] for e in officer.get(url).json()["timeline"]]
    assert kinds == ["received", "accepted", "extended", "note", "answered", "closed", "reopened"]
    assert Petition.objects.get(pk=pid).status == "in_progress"


def test_it_answers_on_the_spot_rejects_forwards_and_merges(personas, api):
    officer = api(personas.officer_a)
    spot = receive(personas).petition
    body = officer.post(
        f"/api/v1/petitions/{spot.pk}/answer-on-spot", {"answer": "Đã giải thích tại chỗ."}
    ).json()
    assert body["status"] == "answered" and body["public_answer"] == "Đã giải thích tại chỗ."

    rejected = receive(personas).petition
    body = officer.post(
        f"/api/v1/petitions/{rejected.pk}/reject", {"reason": "Không thuộc thẩm quyền."}
    ).json()
    assert body["status"] == "rejected"

    forwarded = receive(personas).petition
    body = officer.post(
        f"/api/v1/petitions/{forwarded.pk}/forward",
        {"to_unit_code": "90", "reason": "Thuộc thẩm quyền tỉnh."},
    ).json()
    assert body["status"] == "forwarded" and body["handling_unit"]["code"] == "90"
    assert body["timeline"][-1]["to_unit"]["code"] == "90"

    duplicate, original = receive(personas).petition, receive(personas).petition
    body = officer.post(
        f"/api/v1/petitions/{duplicate.pk}/merge",
        {"into": original.tracking_code.lower(), "reason": "Trùng."},
    ).json()
    assert body["status"] == "merged" and body["merged_into"] == original.tracking_code
    assert body["timeline"][-1]["other_petition"] == original.tracking_code
    unknown = officer.post(f"/api/v1/petitions/{original.pk}/merge", {"into": "PAZZZZZZZZ"})
    assert unknown.status_code == 422 and "into" in unknown.json()["fields"]


def test_it_answers_409_to_a_stale_version_and_an_illegal_move(personas, api):
    officer = api(personas.officer_a)
    petition = receive(personas).petition
    url = f"/api/v1/petitions/{petition.pk}"
    first = officer.post(f"{url}/reject", {"reason": "Trùng lặp.", "version": 1})
    assert first.status_code == 200
    stale = officer.post(f"{url}/reopen", {"reason": "Xem lại.", "version": 1})
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    assert "vừa được người khác cập nhật" in stale.json()["message"]
    illegal = officer.post(f"{url}/close", {})
    assert illegal.status_code == 409 and illegal.json()["code"] == "illegal_transition"
    assert Petition.objects.get(pk=petition.pk).status == "rejected"


def test_it_takes_the_day_received_into_account(personas, api):
    body = (
        api(personas.officer_a)
        .post("/api/v1/petitions", {**NEW, "received_at": "2026-03-02T08:00:00+07:00"})
        .json()
    )
    assert body["received_at"].startswith("2026-03-02T01:00:00")
    assert datetime.date.fromisoformat(body["acceptance_due"]) > datetime.date(2026, 3, 2)
    too_old = api(personas.officer_a).post("/api/v1/petitions", {**NEW, "received_at": "1800-01-01T00:00:00"})
    assert too_old.status_code == 422
