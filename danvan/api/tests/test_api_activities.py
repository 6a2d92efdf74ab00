"""Periodic figures through the API: data sets, one form's cells read and written, submitted or refused.

Writes run through ``submission_save`` and ``submission_submit``, so the figures are read
and checked exactly as on the entry form; a commune B token never reads nor writes
commune A's figures.
"""

import json

import pytest

from danvan.accounts.tests.factories import MembershipFactory, UserFactory
from danvan.activities.choices import EventKind, State
from danvan.activities.models import DataValue, Submission
from danvan.api.v1 import openapi_document

from .schemacheck import errors

DOSSIERS = "ho-so-thu-tuc-hanh-chinh"
SUPERVISION = "giam-sat-phan-bien"
RATING = "chinh-quyen-than-thien"
VALUES = f"/api/v1/data-sets/{DOSSIERS}/values"
# A quarter the test communes (valid from 1 July 2025) existed in, long over.
FORM = {"unit": "90001", "period": "2025Q4"}
CONSISTENT = {"received": 100, "settled_on_time": 80, "settled_late": 5, "in_progress": 10, "returned": 5}


def put(client, body: dict, query: dict | None = None, path: str = VALUES):
    query = query or FORM
    return client.client.put(
        path + "?" + "&".join(f"{k}={v}" for k, v in query.items()),
        json.dumps(body),
        content_type="application/json",
        headers=client.headers,
    )


def submit(client, version: int | None = None, query: dict | None = None):
    query = query or FORM
    return client.post(
        VALUES + "/submit?" + "&".join(f"{k}={v}" for k, v in query.items()), {"version": version}
    )


def cells(body: dict) -> dict:
    return {c["key"]: c["value"] for c in body["cells"]}


def test_it_lists_the_data_sets_with_their_elements_and_breakdowns(personas, api):
    client = api(personas.officer_a)
    listed = {d["code"]: d for d in client.get("/api/v1/data-sets").json()}
    assert {DOSSIERS, SUPERVISION, RATING} <= set(listed)
    dossiers = listed[DOSSIERS]
    assert dossiers["period_type"] == "quarter" and dossiers["period_example"] == "2025Q3"
    assert [e["code"] for e in dossiers["elements"]][:2] == ["received", "settled_on_time"]
    assert any(r["blocking"] and r["right"] == "received" for r in dossiers["rules"])
    supervisions = next(e for e in listed[SUPERVISION]["elements"] if e["code"] == "supervisions")
    assert supervisions["breakdown"]["code"] == "organiser"
    assert "supervisions.fatherland_front" in supervisions["cells"]
    assert supervisions["breakdown"]["options"][0] == {"code": "fatherland_front", "name": "Mặt trận Tổ quốc"}
    rating = next(e for e in listed[RATING]["elements"] if e["code"] == "rating")
    assert rating["value_type"] == "option" and {"code": "tot", "name": "Tốt"} in rating["options"]
    assert listed[RATING]["levels"] == ["commune"]

    one = client.get(f"/api/v1/data-sets/{RATING}")
    assert one.status_code == 200 and one.json()["name"] == listed[RATING]["name"]
    missing = client.get("/api/v1/data-sets/khong-co")
    assert missing.status_code == 404
    assert missing.json()["message"] == "Không có bộ số liệu mang mã “khong-co”."


def test_it_writes_a_draft_and_reads_it_back(personas, api):
    client = api(personas.officer_a)
    empty = client.get(VALUES, FORM).json()
    assert (empty["state"], empty["version"], empty["editable"]) == (None, 0, True)
    assert empty["unit"]["code"] == "90001" and empty["period"]["label"] == "Quý IV/2025"
    assert set(cells(empty).values()) == {None}

    written = put(client, {"values": {**CONSISTENT, "received": "100", "returned": "5"}, "version": 0})
    assert written.status_code == 200, written.json()
    body = written.json()
    assert (body["state"], body["version"], body["submitted"]) == ("draft", 1, False)
    assert body["message"] == "Đã lưu nháp." and body["violations"] == []
    assert cells(body)["received"] == 100

    read = client.get(VALUES, FORM).json()
    assert cells(read) == CONSISTENT and read["state_label"] == "Bản nháp"
    stored = DataValue.objects.get(submission__unit=personas.tree.commune_a, data_element__code="received")
    assert stored.value == 100 and stored.period == "2025Q4"

    # Only the cells sent are written: null clears one, the others stay.
    cleared = put(client, {"values": {"returned": None}, "version": 1}).json()
    assert cells(cleared)["returned"] is None and cells(cleared)["received"] == 100
    assert cleared["version"] == 2


def test_it_reads_figures_as_the_form_does(personas, api):
    client = api(personas.officer_a)
    written = put(
        client, {"values": {"received": "25.723", "settled_on_time": "25 000", "settled_late": 12.0}}
    )
    assert written.status_code == 200, written.json()
    assert cells(written.json())["received"] == 25723 and cells(written.json())["settled_late"] == 12

    rating = put(
        client,
        {"values": {"self_score": "92,5", "satisfaction": 87.25, "rating": "Tốt"}},
        {"unit": "90001", "period": "2025"},
        path=f"/api/v1/data-sets/{RATING}/values",
    )
    assert rating.status_code == 200, rating.json()
    assert cells(rating.json()) == {"self_score": 92.5, "satisfaction": 87.25, "rating": "tot"}

    supervision = put(
        client,
        {"values": {"supervisions.fatherland_front": 3, "supervisions.womens_union": 1}},
        {"unit": "90001", "period": "2025S2"},
        path=f"/api/v1/data-sets/{SUPERVISION}/values",
    )
    assert supervision.status_code == 200, supervision.json()
    assert cells(supervision.json())["supervisions.fatherland_front"] == 3


def test_it_keeps_a_rule_violation_as_a_draft_and_reports_it(personas, api):
    client = api(personas.officer_a)
    response = put(client, {"values": {"received": 100, "settled_on_time": 120}})
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "draft" and body["blocking_count"] >= 1
    assert "chưa khớp quy tắc kiểm tra" in body["message"]
    blocking = [v for v in body["violations"] if v["blocking"]]
    assert {v["cell"] for v in blocking} == {"settled_on_time"}
    assert any("(120 > 100)" in v["message"] for v in blocking)
    assert DataValue.objects.get(data_element__code="settled_on_time").value == 120

    refused = submit(client, body["version"])
    assert refused.status_code == 422
    error = refused.json()
    assert error["code"] == "invalid" and error["message"].startswith("Báo cáo chưa được gửi")
    assert "settled_on_time" in error["fields"] and "in_progress" in error["fields"]
    assert error["fields"]["in_progress"] == ["Chưa nhập: chỉ tiêu này bắt buộc."]
    submission = Submission.objects.get()
    assert submission.state == State.DRAFT
    assert submission.events.filter(kind=EventKind.SUBMIT_REFUSED, actor=personas.officer_a).exists()
    # The refusal is recorded, which moves the version on.
    assert client.get(VALUES, FORM).json()["version"] == body["version"] + 1


def test_it_submits_once_the_figures_agree_and_then_locks_them(personas, api):
    client = api(personas.officer_a)
    version = put(client, {"values": CONSISTENT}).json()["version"]
    submitted = submit(client, version)
    assert submitted.status_code == 200, submitted.json()
    body = submitted.json()
    assert (body["state"], body["submitted"], body["editable"]) == ("submitted", True, False)
    assert body["message"] == "Đã gửi báo cáo Quý IV/2025 lên cấp trên."
    assert body["submitted_at"] is not None

    again = put(client, {"values": {"received": 101}})
    assert again.status_code == 409 and again.json()["code"] == "illegal_transition"
    assert "không sửa được số liệu" in again.json()["message"]
    twice = submit(client)
    assert twice.status_code == 409 and twice.json()["code"] == "illegal_transition"
    assert DataValue.objects.get(data_element__code="received").value == 100


def test_it_refuses_a_stale_version(personas, api):
    client = api(personas.officer_a)
    assert put(client, {"values": CONSISTENT, "version": 0}).status_code == 200
    stale = put(client, {"values": {"received": 90}, "version": 0})
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    stale = submit(client, 7)
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    assert DataValue.objects.get(data_element__code="received").value == 100


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"khong_co": 1}, "values.khong_co", "Không có ô số liệu “khong_co”."),
        ({"received": "abc"}, "values.received", "“abc” không phải là số."),
        ({"received": -3}, "values.received", "Không được là số âm."),
        ({"received": 1.5}, "values.received", "“1.5” phải là số nguyên."),
        ({"received": "1,5"}, "values.received", "“1,5” phải là số nguyên."),
        ({"received": 10**20}, "values.received", "Số quá lớn."),
        (
            {"received": 1, "supervisions.x": 2},
            "values.supervisions.x",
            "Không có ô số liệu “supervisions.x”.",
        ),
    ],
)
def test_it_explains_a_wrong_cell_and_stores_nothing(personas, api, values, field, message):
    response = put(api(personas.officer_a), {"values": values})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid" and body["fields"] == {field: [message]}
    assert body["message"] == message and body["message_en"]
    assert not Submission.objects.exists() and not DataValue.objects.exists()


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2025Q5", "Không hiểu kỳ báo cáo “2025Q5” (ví dụ: 202507, 2025Q3, 2025S2, 2025)."),
        ("abc", "Không hiểu kỳ báo cáo “abc” (ví dụ: 202507, 2025Q3, 2025S2, 2025)."),
        ("2025", "“2025” không phải kỳ quý (ví dụ: 2025Q3)."),
    ],
)
def test_it_explains_a_wrong_period(personas, api, period, message):
    client = api(personas.officer_a)
    for response in (
        client.get(VALUES, {"unit": "90001", "period": period}),
        put(client, {"values": CONSISTENT}, {"unit": "90001", "period": period}),
        submit(client, query={"unit": "90001", "period": period}),
    ):
        assert response.status_code == 422
        assert response.json()["fields"] == {"period": [message]}
    assert not Submission.objects.exists()


def test_it_accepts_a_period_as_people_write_it(personas, api):
    client = api(personas.officer_a)
    body = client.get(VALUES, {"unit": "90001", "period": "Quý IV/2025"}).json()
    assert body["period"]["key"] == "2025Q4"


def test_it_refuses_forms_that_cannot_exist(personas, api):
    client = api(personas.officer_a)
    future = put(client, {"values": CONSISTENT}, {"unit": "90001", "period": "2099Q1"})
    assert (
        future.status_code == 422
        and future.json()["message"] == "Chưa đến Quý I/2099, chưa thể nhập số liệu."
    )
    read = client.get(VALUES, {"unit": "90001", "period": "2099Q1"}).json()
    assert read["editable"] is False and read["problem"].startswith("Chưa đến")
    last = client.get(VALUES, {"unit": "90001", "period": "9999Q4"})
    assert last.status_code == 200 and last.json()["period"]["due"] is None
    province = put(
        api(personas.province_board),
        {"values": {"rating": "tot"}},
        {"unit": "90", "period": "2025"},
        path=f"/api/v1/data-sets/{RATING}/values",
    )
    assert province.status_code == 422 and "không thuộc cấp báo cáo" in province.json()["message"]
    nothing = submit(client)
    assert nothing.status_code == 404 and nothing.json()["message"] == "Chưa có báo cáo."
    assert not Submission.objects.exists()


def test_it_hides_commune_as_figures_from_commune_b(personas, api):
    own = api(personas.officer_a)
    version = put(own, {"values": CONSISTENT}).json()["version"]
    client = api(personas.officer_b)
    message = "Không tìm thấy đơn vị có mã “90001” trong phạm vi của bạn."
    for response in (
        client.get(VALUES, FORM),
        put(client, {"values": {"received": 1}, "version": version}),
        submit(client, version),
        api(personas.outsider).get(VALUES, FORM),
    ):
        assert response.status_code == 404, response.content
        assert response.json() == {**response.json(), "code": "not_found", "message": message}
    submission = Submission.objects.get()
    assert (submission.state, submission.version) == ("draft", version)
    assert DataValue.objects.get(data_element__code="received").value == 100
    # Commune B's own form, and the province board over both, work.
    assert put(client, {"values": CONSISTENT}, {"unit": "90002", "period": "2025Q4"}).status_code == 200
    assert cells(api(personas.province_board).get(VALUES, FORM).json()) == CONSISTENT


def test_it_lets_a_reader_read_but_not_write(personas, api):
    reader = UserFactory(username="xa.a.doc")
    MembershipFactory(user=reader, unit=personas.tree.commune_a, role="reader")
    put(api(personas.officer_a), {"values": CONSISTENT})
    client = api(reader)
    read = client.get(VALUES, FORM).json()
    assert cells(read) == CONSISTENT and read["editable"] is False
    refused = put(client, {"values": {"received": 1}})
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert "Xã An Bình" in refused.json()["message"]
    assert submit(client).status_code == 403
    assert DataValue.objects.get(data_element__code="received").value == 100


def test_it_needs_a_token(personas, client):
    assert client.get(VALUES, FORM).status_code == 401
    assert client.get("/api/v1/data-sets").status_code == 401


HOSTILE_VALUES = [
    {},
    [],
    "x",
    {"values": []},
    {"values": {"received": {"nested": 1}}},
    {"values": {"received": [1]}},
    {"values": {"received": "\x00"}},
    {"values": {"received": "\ud800"}},
    {"values": {"\x00": 1}},
    {"values": {"received": "x" * 41}},
    {"values": {"received": 2**70}},
    {"values": {"received": True}},
    {"values": {"rating": "khong-co"}},
    {"values": {"received": 1}, "version": -1},
    {"values": {"received": 1}, "version": 2**63},
]


def test_it_survives_hostile_writes(personas, api):
    """The robustness test only posts; the PUT gets its own hostile bodies, each answer held to its schema."""
    document = openapi_document()
    operation = document["paths"]["/api/v1/data-sets/{code}/values"]["put"]
    client = api(personas.officer_a)
    raw_bodies = [json.dumps(b) for b in HOSTILE_VALUES] + ['{"values": {"received": NaN}}', "", "{"]
    raw_bodies.append('{"values": {"received": Infinity}}')
    for raw in raw_bodies:
        for query in (FORM, {"unit": "\x00", "period": "2025Q4"}, {"unit": "90001", "period": "9999"}):
            response = client.client.put(
                VALUES + "?" + "&".join(f"{k}={v}" for k, v in query.items()),
                raw,
                content_type="application/json",
                headers=client.headers,
            )
            assert response.status_code in (200, 404, 422), (raw, query, response.content)
            schema = operation["responses"][str(response.status_code)]["content"]["application/json"][
                "schema"
            ]
            assert not errors(response.json(), schema, document), (raw, query)
    assert not DataValue.objects.exclude(value=1).exists()


def conforms(response, template: str, method: str) -> list[str]:
    """Problems of an answer against the schema the OpenAPI document declares for its status."""
    document = openapi_document()
    declared = document["paths"][template][method]["responses"][str(response.status_code)]
    return errors(response.json(), declared["content"]["application/json"]["schema"], document)


def test_it_answers_within_its_openapi_document(personas, api):
    client = api(personas.officer_a)
    template = "/api/v1/data-sets/{code}/values"
    assert not conforms(client.get("/api/v1/data-sets"), "/api/v1/data-sets", "get")
    assert not conforms(client.get(f"/api/v1/data-sets/{RATING}"), "/api/v1/data-sets/{code}", "get")
    assert not conforms(client.get(VALUES, FORM), template, "get")
    saved = put(client, {"values": {"received": 100, "settled_on_time": 120}})
    assert saved.status_code == 200 and not conforms(saved, template, "put")
    refused = submit(client)
    assert refused.status_code == 422 and not conforms(refused, template + "/submit", "post")
    put(client, {"values": CONSISTENT})
    submitted = submit(client)
    assert submitted.status_code == 200 and not conforms(submitted, template + "/submit", "post")
    assert not conforms(client.get(VALUES, FORM), template, "get")
    rating = client.get(f"/api/v1/data-sets/{RATING}/values", {"unit": "90001", "period": "2025"})
    assert rating.status_code == 200 and not conforms(rating, template, "get")
