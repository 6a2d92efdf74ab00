"""Discovery, the service list and service definitions, in XML and JSON, against the specification."""

from django.test import Client

from danvan.petitions.choices import Kind
from danvan.petitions.models import Topic

from .open311_helpers import both


def test_it_publishes_a_discovery_document(db):
    data = both("/open311/v2/discovery", schema="discovery", root="discovery")
    (endpoint,) = data["endpoints"]
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]


def test_it_lists_active_topics_as_services_grouped_by_their_parent(db):
    data = both("/open311/v2/services", schema="services", root="services")
    by_code = {s["service_code"]: s for s in data}
    road = by_code["giao-thong-nong-thon"]
    assert road["service_name"] == "Giao thông nông thôn"
    assert road["group"] == "Hạ tầng"
    assert road["type"] == "realtime" and road["metadata"] is True
    assert "bê tông hóa" in road["keywords"]
    # Groups themselves are categories, not services.
    assert "ha-tang" not in by_code
    assert len(data) == Topic.objects.filter(is_active=True, parent__isnull=False).count()


def test_it_hides_inactive_topics(db):
    Topic.objects.filter(code="giao-thong-nong-thon").update(is_active=False)
    Topic.objects.filter(code="moi-truong").update(is_active=False)  # a whole group
    codes = {s["service_code"] for s in both("/open311/v2/services", schema="services", root="services")}
    assert "giao-thong-nong-thon" not in codes and "o-nhiem" not in codes and "thoat-nuoc" in codes
    assert Client().get("/open311/v2/services/giao-thong-nong-thon.json").status_code == 404


def test_it_defines_each_service_with_its_extension_attributes(db):
    data = both(
        "/open311/v2/services/giao-thong-nong-thon", schema="service_definition", root="service_definition"
    )
    assert data["service_code"] == "giao-thong-nong-thon"
    attributes = {a["code"]: a for a in data["attributes"]}
    assert [a["order"] for a in data["attributes"]] == [1, 2, 3]
    assert {v["key"] for v in attributes["kind"]["values"]} == set(Kind.values)
    assert attributes["unit_code"]["datatype"] == "string" and attributes["unit_code"]["required"] is False


def test_it_answers_unknown_services_and_jurisdictions_with_the_error_document(personas):
    both("/open311/v2/services/khong-co", schema="errors", root="errors", expect=404)
    errors = both(
        "/open311/v2/services", schema="errors", root="errors", expect=404, jurisdiction_id="nowhere.vn"
    )
    assert errors[0]["code"] == 404 and "nowhere.vn" in errors[0]["description"]
    # A current province or commune code, or the site's own host, is a jurisdiction.
    both("/open311/v2/services", schema="services", root="services", jurisdiction_id="90")
    both("/open311/v2/services", schema="services", root="services", jurisdiction_id="90001")
    both("/open311/v2/services", schema="services", root="services", jurisdiction_id="testserver")
    # A dissolved unit is not.
    both("/open311/v2/services", schema="errors", root="errors", expect=404, jurisdiction_id="901")


def test_it_serves_only_the_two_formats(db):
    client = Client()
    assert client.get("/open311/v2/services.html").status_code == 404
    assert client.get("/open311/v2/services").status_code == 404
    assert client.post("/open311/v2/services.json").status_code == 405
