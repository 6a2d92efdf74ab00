"""GET Service Requests: the specification's filters, its 90-day and 1000-request limits, privacy."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from danvan.api.open311 import documents
from danvan.petitions.models import Petition
from danvan.petitions.tests.factories import receive

from .open311_helpers import both


def requests(expect=200, **params):
    schema = root = "service_requests" if expect == 200 else "errors"
    return both("/open311/v2/requests", schema=schema, root=root, expect=expect, **params)


def days_ago(n: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=n)


@pytest.fixture
def history(personas, located):
    road = {"topic": documents.service_topic("giao-thong-nong-thon")}
    return {
        "recent": receive(personas, received_at=days_ago(2), title="Ổ gà ấp 1", **road).petition,
        "month": receive(personas, received_at=days_ago(30), title="Cống tắc", kind="feedback").petition,
        "old": receive(personas, received_at=days_ago(120), title="Việc cũ").petition,
        "in_b": receive(
            personas, unit=personas.tree.commune_b, actor=personas.officer_b, received_at=days_ago(3), **road
        ).petition,
    }


def test_it_defaults_to_the_last_90_days_newest_first(history):
    rows = requests()
    codes = [r["service_request_id"] for r in rows]
    assert codes == [history[k].tracking_code for k in ("recent", "in_b", "month")]
    recent = rows[0]
    assert recent["status"] == "open" and recent["status_notes"] == "Mới tiếp nhận"
    assert (
        recent["service_code"] == "giao-thong-nong-thon" and recent["service_name"] == "Giao thông nông thôn"
    )
    assert recent["description"] == "Ổ gà ấp 1"
    assert recent["agency_responsible"] == "Xã An Bình"
    assert recent["address"] == "Xã An Bình, Tỉnh Thử" and recent["address_id"] == "90001"
    assert (recent["lat"], recent["long"]) == (9.795, 106.454)  # the commune's centre
    assert recent["service_notice"].startswith("Hạn thông báo thụ lý:")
    assert recent["requested_datetime"].endswith("+07:00")


def test_it_filters_by_date_status_service_and_jurisdiction(history):
    codes = lambda **params: {r["service_request_id"] for r in requests(**params)}  # noqa: E731
    tracking = {k: p.tracking_code for k, p in history.items()}
    start, end = days_ago(150).isoformat(timespec="seconds"), days_ago(100).isoformat(timespec="seconds")
    assert codes(start_date=start, end_date=end) == {tracking["old"]}
    assert codes(start_date=days_ago(10).strftime("%Y-%m-%dT%H:%M:%SZ")) == {
        tracking["recent"],
        tracking["in_b"],
    }
    assert codes(end_date=days_ago(20).isoformat()) == {tracking["month"]}
    assert codes(service_code="giao-thong-nong-thon") == {tracking["recent"], tracking["in_b"]}
    assert codes(service_code="giao-thong-nong-thon,khong-co") == {tracking["recent"], tracking["in_b"]}
    assert codes(jurisdiction_id="90002") == {tracking["in_b"]}
    assert codes(jurisdiction_id="90") == {tracking["recent"], tracking["in_b"], tracking["month"]}
    assert codes(status="closed") == set()
    assert codes(status="open,closed") == {tracking["recent"], tracking["in_b"], tracking["month"]}


def test_it_looks_up_ids_whatever_the_other_arguments(history):
    ids = f"{history['old'].tracking_code},{history['recent'].tracking_code.lower()}"
    rows = requests(service_request_id=ids, status="closed", service_code="khong-co")
    assert {r["service_request_id"] for r in rows} == {
        history["old"].tracking_code,
        history["recent"].tracking_code,
    }


def test_it_refuses_bad_filters_with_the_error_document(history):
    assert requests(400, status="pending")[0]["code"] == 400
    assert (
        "90"
        in requests(400, start_date=days_ago(200).isoformat(), end_date=days_ago(1).isoformat())[0][
            "description"
        ]
    )
    requests(400, start_date="hôm qua")
    requests(400, start_date=days_ago(1).isoformat(), end_date=days_ago(5).isoformat())
    requests(404, jurisdiction_id="nowhere.vn")


def test_it_returns_at_most_1000_requests(history, monkeypatch):
    monkeypatch.setattr(documents, "MAX_REQUESTS", 2)
    assert len(requests()) == 2


def test_it_never_shows_denunciations_nor_who_wrote(personas, located):
    secret = receive(
        personas, kind="denunciation", title="Tố cáo cán bộ X", citizen_name="Người Tố Cáo"
    ).petition
    named = receive(
        personas,
        title="Đường ấp 5 hỏng",
        text="Tôi là Nguyễn Thị Riêng Tư, số nhà 12, điện thoại 0909 777 888.",
        citizen_name="Nguyễn Thị Riêng Tư",
        citizen_phone="0909 777 888",
        citizen_email="rieng.tu@example.invalid",
        citizen_address="Số 12 ấp 5",
    ).petition
    rows = requests()
    assert [r["service_request_id"] for r in rows] == [named.tracking_code]
    assert requests(service_request_id=secret.tracking_code) == []
    both(f"/open311/v2/requests/{secret.tracking_code}", schema="errors", root="errors", expect=404)
    for fmt in ("json", "xml"):
        for url in (f"/open311/v2/requests.{fmt}", f"/open311/v2/requests/{named.tracking_code}.{fmt}"):
            page = Client().get(url).content.decode()
            for private in (
                "Riêng Tư",
                "0909 777 888",
                "rieng.tu@",
                "Số 12 ấp 5",
                "Người Tố Cáo",
                "Tố cáo cán bộ",
            ):
                assert private not in page, (url, private)


def test_it_shows_one_request_as_a_list_of_one(history):
    code = history["month"].tracking_code
    rows = both(f"/open311/v2/requests/{code}", schema="service_requests", root="service_requests")
    assert [r["service_request_id"] for r in rows] == [code]
    both("/open311/v2/requests/PAZZZZZZZZ", schema="errors", root="errors", expect=404)


def test_it_notes_merged_and_rejected_requests_as_closed(personas, located):
    from danvan.petitions import services

    original = receive(personas).petition
    services.petition_answer_on_spot(actor=personas.officer_a, petition=original, answer="Đã sửa xong.")
    duplicate = receive(personas).petition
    services.petition_merge(
        actor=personas.officer_a, petition=duplicate, into=Petition.objects.get(pk=original.pk)
    )
    refused = receive(personas).petition
    services.petition_reject(actor=personas.officer_a, petition=refused, reason="Không thuộc thẩm quyền xã.")
    rows = {r["service_request_id"]: r for r in requests()}
    assert rows[duplicate.tracking_code]["status"] == "closed"
    assert (
        rows[duplicate.tracking_code]["status_notes"]
        == f"Đã gộp vào ý kiến {original.tracking_code}. Đã sửa xong."
    )
    assert rows[refused.tracking_code]["status_notes"] == "Không thuộc thẩm quyền xã."
    assert rows[refused.tracking_code]["expected_datetime"] is None
