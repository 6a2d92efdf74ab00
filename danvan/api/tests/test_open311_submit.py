"""POST Service Request: an anonymous citizen's petition, located in a current commune, as on the portal."""

import pytest
from django.test import Client

from danvan.api.models import Open311Submission
from danvan.petitions.models import Petition
from danvan.petitions.services import petition_check_pin
from danvan.portal import ratelimit

from .open311_helpers import post_both

ROAD = "giao-thong-nong-thon"


def submit(fmt="json", client=None, **data):
    return (client or Client()).post(f"/open311/v2/requests.{fmt}", {"service_code": ROAD, **data})


def test_it_receives_a_located_request_as_a_portal_petition(located):
    body = submit(
        lat="9.7961",
        long="106.4560",
        description="Ổ gà lớn trước chợ An Bình.\nXe máy đã ngã hai lần.",
        first_name="Văn An",
        last_name="Nguyễn",
        email="an@example.invalid",
        phone="0909 123 456",
        address_string="Trước chợ An Bình",
        media_url="https://example.invalid/o-ga.jpg",
        device_id="device-1",
        account_id="acct-1",
    ).json()
    code = body[0]["service_request_id"]
    petition = Petition.objects.get(tracking_code=code)
    assert (petition.channel, petition.kind, petition.status) == ("portal", "petition", "new")
    assert petition.unit == located.commune_a and petition.created_by is None
    assert petition.topic.code == ROAD
    assert petition.title == "Ổ gà lớn trước chợ An Bình."
    assert petition.text.startswith("Ổ gà lớn trước chợ An Bình.\nXe máy đã ngã hai lần.")
    assert "Trước chợ An Bình" in petition.text and "https://example.invalid/o-ga.jpg" in petition.text
    assert (petition.citizen_name, petition.citizen_email) == ("Nguyễn Văn An", "an@example.invalid")
    submission = Open311Submission.objects.get(petition=petition)
    assert (submission.latitude, submission.longitude, submission.service_code) == (9.7961, 106.456, ROAD)
    # The citizen's PIN travels in the notice, once, so the portal's tracking page works for them.
    pin = body[0]["service_notice"].split("Mã PIN tra cứu: ")[1][:6]
    assert petition_check_pin(tracking_code=code, pin=pin) == petition
    assert "account_id" not in body[0]


def test_it_answers_in_both_formats_by_the_specification(located):
    as_json, as_xml = post_both(
        {"service_code": ROAD, "lat": "9.80", "long": "106.56", "description": "Đèn đường hỏng."},
        schema="request_created",
        root="service_requests",
    )
    assert set(as_json[0]) == {"service_request_id", "service_notice"}
    assert set(as_xml[0]) == {"service_request_id", "service_notice"}
    units = {p.unit.code for p in Petition.objects.all()}
    assert units == {"90002"}  # 106.56 is nearest Bình Yên


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"attribute[unit_code]": "90002"}, "90002"),
        ({"address_id": "90001"}, "90001"),
        ({"jurisdiction_id": "90002"}, "90002"),
        ({"jurisdiction_id": "90", "lat": "9.80", "long": "106.45"}, "90001"),
        ({"address_string": "Thôn 3, xã Bình Yên, tỉnh Thử"}, "90002"),
        ({"address_string": "an binh"}, "90001"),
        ({"address_string": "Thôn 9, xã Không Có"}, None),
        ({"address_string": "Xã An Bình"}, "90001"),
    ],
)
def test_it_finds_the_commune_from_what_the_client_knows(located, where, expected):
    response = submit(description="Rác thải ven đường.", **where)
    if expected is None:
        assert response.status_code == 400
        assert not Petition.objects.exists()
    else:
        assert response.status_code == 200, response.content.decode()
        assert Petition.objects.get().unit.code == expected


def test_it_takes_the_kind_and_summary_from_attributes(located):
    submit(
        description="Nội dung dài về việc lấn chiếm đất công.",
        **{
            "attribute[unit_code]": "90001",
            "attribute[kind]": "complaint",
            "attribute[title]": "Lấn chiếm đất",
        },
    )
    petition = Petition.objects.get()
    assert (petition.kind, petition.title) == ("complaint", "Lấn chiếm đất")


@pytest.mark.parametrize(
    ("data", "status", "fragment"),
    [
        ({"service_code": ""}, 400, "service_code"),
        ({"service_code": "khong-co"}, 404, "khong-co"),
        ({"jurisdiction_id": "nowhere.vn"}, 404, "nowhere.vn"),
        ({"description": ""}, 400, "description"),
        ({"description": "x" * 4001}, 400, "4000"),
        ({"long": ""}, 400, "long"),
        ({"lat": "north", "long": "106"}, 400, "lat"),
        ({"lat": "95", "long": "106"}, 400, "-90"),
        ({"lat": "nan", "long": "106"}, 400, "-90"),
        ({"lat": "21.03", "long": "105.85"}, 400, "địa bàn"),  # Hà Nội: no commune of the test tree nearby
        ({"email": "không-phải-email"}, 400, "email"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
        ({"attribute[kind]": "gossip"}, 400, "kind"),
        ({"attribute[unit_code]": "901"}, 400, "901"),  # a dissolved district
        ({"jurisdiction_id": "90002", "attribute[unit_code]": "90001"}, 400, "jurisdiction_id"),
        ({"description": "a\x00b"}, 400, "ký tự"),
    ],
)
def test_it_refuses_what_it_cannot_take_with_the_error_document(located, data, status, fragment):
    base = {"service_code": ROAD, "lat": "9.79", "long": "106.45", "description": "Đường hỏng."}
    responses = post_both({**base, **data}, schema="errors", root="errors", expect=status)
    assert fragment in responses[0][0]["description"]
    assert int(responses[1][0]["code"]) == status
    assert not Petition.objects.exists()


def test_it_spends_the_portals_budget_per_address(located, settings):
    settings.PORTAL_RATE_LIMIT = "2/h"
    client = Client(REMOTE_ADDR="203.0.113.7")
    data = {"lat": "9.79", "long": "106.45", "description": "Đường hỏng."}
    assert submit(client=client, **data).status_code == 200
    ratelimit.hit("203.0.113.7")  # a portal submission from the same address
    refused = submit(client=client, **data)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()[0]["code"] == 429
    assert Petition.objects.count() == 1
    # Another address still has its budget; a refused or failed request spends none.
    assert submit(client=Client(REMOTE_ADDR="203.0.113.8"), description="").status_code == 400
    assert submit(client=Client(REMOTE_ADDR="203.0.113.8"), **data).status_code == 200


def test_it_accepts_cross_origin_clients(located):
    preflight = Client().options("/open311/v2/requests.json")
    assert preflight.status_code == 204
    assert (
        preflight["Access-Control-Allow-Origin"] == "*"
        and "POST" in preflight["Access-Control-Allow-Methods"]
    )
    response = submit(lat="9.79", long="106.45", description="Đường hỏng.")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert Client().delete("/open311/v2/requests.json").status_code == 405
