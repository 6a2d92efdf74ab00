import pytest
from django.test import Client

from danvan.pulse.tests.helpers import ROAD, ROAD_AGAIN, receive

pytestmark = pytest.mark.django_db


def test_it_lists_similar_records_in_the_units_subtree(personas, api):
    road = receive(personas, ROAD)
    response = api(personas.province_board).get("/api/v1/similar", {"text": ROAD_AGAIN, "unit": "90"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == road.pk and item["tracking_code"] == road.tracking_code
    assert item["record"] == "petition" and item["score"] >= 0.18 and "ĐT-746" in item["shared"]


def test_it_refuses_a_unit_outside_the_callers_scope(personas, api):
    receive(personas, ROAD)
    response = api(personas.officer_b).get("/api/v1/similar", {"text": ROAD_AGAIN, "unit": "90001"})
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert Client().get("/api/v1/similar", {"text": ROAD_AGAIN, "unit": "90001"}).status_code == 401


def test_it_answers_bad_input_in_vietnamese_never_500(personas, api):
    client = api(personas.officer_a)
    for params in (
        {"text": "", "unit": "90001"},
        {"text": "   ", "unit": "90001"},
        {"text": "x" * 20_001, "unit": "90001"},
        {"text": "đường", "unit": "không có"},
        {"text": "đường", "unit": "99999"},
        {"text": "đường", "unit": "90001", "limit": 0},
    ):
        response = client.get("/api/v1/similar", params)
        assert response.status_code in (404, 422), params
        assert response.json()["message"]
    for text in ("😀" * 100, "道路 دمشق", "đ" * 20_000):
        assert client.get("/api/v1/similar", {"text": text, "unit": "90001"}).status_code == 200
