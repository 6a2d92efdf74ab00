import datetime

import pytest

from danvan.api import services
from danvan.meetings.tests.factories import held

pytestmark = pytest.mark.django_db
TAN_LAC = (
    "Huyện đã tiếp nhận và giải quyết 25.723 hồ sơ, đã xử lý 25.487 hồ sơ, đạt 99,08%; "
    "hồ sơ đang xử lý là 326 hồ sơ; hồ sơ giải quyết quá hạn là 20 hồ sơ, chiếm 0,01%."
)


def bearer(user):
    return {"Authorization": f"Bearer {services.token_create(user=user, name='t').secret}"}


def test_it_serves_the_report_json_within_the_tokens_scope(personas, client):
    held(personas, day=datetime.date(2026, 3, 10))
    response = client.get(
        "/api/v1/reports",
        {"unit": "90", "from": "2026-01-01", "to": "2026-12-31"},
        headers=bearer(personas.province_board),
    )
    assert response.status_code == 200
    values = {i["key"]: i["value"] for i in response.json()["indicators"]}
    assert values["conferences_held"] == 1
    refused = client.get(
        "/api/v1/reports",
        {"unit": "90001", "from": "2026-01-01", "to": "2026-12-31"},
        headers=bearer(personas.officer_b),
    )
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"


def test_it_explains_a_backwards_period(personas, client):
    response = client.get(
        "/api/v1/reports",
        {"unit": "90", "from": "2026-12-31", "to": "2026-01-01"},
        headers=bearer(personas.province_board),
    )
    assert (
        response.status_code == 422 and response.json()["message"] == "Ngày kết thúc phải sau ngày bắt đầu."
    )


def test_it_checks_figures(personas, client):
    response = client.post(
        "/api/v1/figures/check",
        {"text": TAN_LAC},
        content_type="application/json",
        headers=bearer(personas.officer_a),
    )
    body = response.json()
    assert response.status_code == 200 and len(body["findings"]) == 2
    assert {f["kind"] for f in body["findings"]} == {"sum", "percent"}
    assert (
        client.post("/api/v1/figures/check", {"text": TAN_LAC}, content_type="application/json").status_code
        == 401
    )
