"""A citizen's Open311 request, handled by officials with the ordinary services, read back as closed."""

import xml.etree.ElementTree as ET

from django.test import Client

from danvan.petitions import services
from danvan.petitions.models import Petition
from danvan.petitions.tests.factories import organisation

from .open311_helpers import both


def test_it_goes_from_post_to_a_closed_request_with_the_answer(personas, located):
    client = Client()
    posted = client.post(
        "/open311/v2/requests.xml",
        {
            "service_code": "thoat-nuoc",
            "lat": "9.7955",
            "long": "106.4551",
            "description": "Cống thoát nước trước trường tiểu học bị tắc, nước tràn lên đường.",
            "first_name": "Thị Hoa",
            "last_name": "Lê",
        },
    )
    assert posted.status_code == 200
    code = ET.fromstring(posted.content).find("request/service_request_id").text

    (opened,) = both(f"/open311/v2/requests/{code}", schema="service_requests", root="service_requests")
    assert opened["status"] == "open" and opened["service_code"] == "thoat-nuoc"
    assert (opened["lat"], opened["long"]) == (9.7955, 106.4551)  # where the citizen said, not the centre
    assert opened["agency_responsible"] == "Xã An Bình"
    assert code in {
        r["service_request_id"]
        for r in both(
            "/open311/v2/requests", schema="service_requests", root="service_requests", status="open"
        )
    }

    petition = Petition.objects.get(tracking_code=code)
    committee = organisation(located.commune_a)
    services.petition_accept(actor=personas.officer_a, petition=petition, organisation=committee)
    (accepted,) = both(f"/open311/v2/requests/{code}", schema="service_requests", root="service_requests")
    assert accepted["status"] == "open" and accepted["status_notes"] == "Đang giải quyết"
    assert accepted["agency_responsible"] == committee.name and accepted["expected_datetime"]

    answer = "Xã đã nạo vét cống ngày 12/3; đường đã khô ráo."
    services.petition_answer(actor=personas.province_board, petition=petition, answer=answer)
    (closed,) = both(f"/open311/v2/requests/{code}", schema="service_requests", root="service_requests")
    assert closed["status"] == "closed"
    assert closed["status_notes"] == answer
    assert closed["expected_datetime"] is None and closed["service_notice"] is None
    assert closed["updated_datetime"] >= opened["updated_datetime"]
    listed = both("/open311/v2/requests", schema="service_requests", root="service_requests", status="closed")
    assert [r["service_request_id"] for r in listed] == [code]
    assert "Lê Thị Hoa" not in Client().get(f"/open311/v2/requests/{code}.xml").content.decode()
