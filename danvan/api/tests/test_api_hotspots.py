import pytest
from django.test import Client

from danvan.pulse import hotspot_services as services
from danvan.pulse.models import Hotspot
from danvan.pulse.tests.hotspot_helpers import AS_OF, days_back, petitions
from danvan.pulse.tests.hotspot_helpers import topic as make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def hotspots(personas):
    petitions(personas.tree.commune_a, days_back(8), topic=make_topic())
    petitions(personas.tree.commune_b, [AS_OF], people_count=25)
    services.scan(as_of=AS_OF)
    return {h.rule: h for h in Hotspot.objects.all()}


def test_it_lists_hot_spots_in_the_callers_scope(personas, api, hotspots):
    body = api(personas.province_board).get("/api/v1/hotspots").json()
    assert body["count"] == 2 and {i["rule"] for i in body["items"]} == {"surge", "crowd"}
    body = api(personas.officer_a).get("/api/v1/hotspots").json()
    assert [(i["rule"], i["unit"], i["topic"]) for i in body["items"]] == [("surge", "90001", "dat-dai")]
    body = api(personas.province_board).get("/api/v1/hotspots", {"rule": "crowd", "status": "open"}).json()
    assert [i["unit"] for i in body["items"]] == ["90002"]


def test_it_shows_one_hot_spot_with_its_evidence_or_nothing_outside_the_scope(personas, api, hotspots):
    surge = hotspots["surge"]
    body = api(personas.officer_a).get(f"/api/v1/hotspots/{surge.pk}").json()
    assert (
        body["figures"]["count"] == 8
        and len(body["records"]) == 8
        and body["timeline"][0]["kind"] == "detected"
    )
    assert api(personas.officer_b).get(f"/api/v1/hotspots/{surge.pk}").status_code == 404
    assert api(personas.officer_b).get("/api/v1/hotspots", {"unit": "90001"}).status_code == 404
    assert Client().get("/api/v1/hotspots").status_code == 401
