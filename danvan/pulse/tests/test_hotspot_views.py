import pytest
from django.urls import reverse

from danvan.pulse import hotspot_services as services
from danvan.pulse.models import Hotspot, HotspotStatus
from danvan.units.models import Unit

from .hotspot_helpers import AS_OF, days_back, petitions, topic

pytestmark = pytest.mark.django_db
LIST = reverse("pulse:hotspot_list")
PULSE = reverse("pulse:pulse")
MAP = reverse("pulse:pulse_map")


@pytest.fixture
def hotspots(personas):
    tree = personas.tree
    Unit.objects.filter(pk__in=[tree.commune_a.pk, tree.commune_b.pk]).update(latitude=9.8, longitude=106.4)
    petitions(tree.commune_a, days_back(8), topic=topic())
    petitions(tree.commune_b, [AS_OF], people_count=25)
    services.scan(as_of=AS_OF)
    return {h.unit_id: h for h in Hotspot.objects.all()}


def test_it_lists_hot_spots_in_the_users_subtree_only(personas, hotspots):
    html = personas.client(personas.officer_a).get(LIST).content.decode()
    a, b = hotspots[personas.tree.commune_a.pk], hotspots[personas.tree.commune_b.pk]
    assert a.title in html and b.title not in html
    html = personas.client(personas.province_board).get(LIST).content.decode()
    assert a.title in html and b.title in html
    html = personas.client(personas.province_board).get(LIST, {"dau_hieu": "crowd"}).content.decode()
    assert a.title not in html and b.title in html


def test_it_refuses_citizens_strangers_and_another_units_officer(personas, hotspots):
    a = hotspots[personas.tree.commune_a.pk]
    detail = reverse("pulse:hotspot_detail", args=[a.pk])
    assert personas.client().get(LIST).status_code == 302  # a citizen is sent to the login page
    assert personas.client().get(detail).status_code == 302
    assert personas.client(personas.outsider).get(LIST).status_code == 403
    assert personas.client(personas.officer_b).get(detail).status_code == 404
    assert personas.client(personas.officer_b).get(PULSE, {"don_vi": "90001"}).status_code == 403
    assert personas.client(personas.officer_b).get(MAP, {"don_vi": "90001"}).status_code == 403
    action = reverse("pulse:hotspot_action", args=[a.pk, "theo-doi"])
    assert personas.client(personas.officer_b).post(action).status_code == 404
    assert personas.client().post(action).status_code == 302
    assert Hotspot.objects.get(pk=a.pk).status == HotspotStatus.NEW


def test_it_shows_the_evidence_the_records_and_moves_the_hot_spot(personas, hotspots):
    a = hotspots[personas.tree.commune_a.pk]
    client = personas.client(personas.admin_a)
    html = client.get(reverse("pulse:hotspot_detail", args=[a.pk])).content.decode()
    assert (
        "Căn cứ" in html
        and "Xác suất ngẫu nhiên (Poisson)" in html
        and "8 ý kiến" in html
        and "Đưa vào theo dõi" in html
    )
    client.post(reverse("pulse:hotspot_action", args=[a.pk, "theo-doi"]))
    response = client.post(reverse("pulse:hotspot_action", args=[a.pk, "da-xu-ly"]), {"note": ""})
    assert response.status_code == 302 and Hotspot.objects.get(pk=a.pk).status == HotspotStatus.WATCHING
    client.post(reverse("pulse:hotspot_action", args=[a.pk, "da-xu-ly"]), {"note": "Đã đối thoại với dân."})
    assert Hotspot.objects.get(pk=a.pk).status == HotspotStatus.HANDLED
    # An officer may read but not act.
    html = (
        personas.client(personas.officer_a).get(reverse("pulse:hotspot_detail", args=[a.pk])).content.decode()
    )
    assert "Kết thúc</button>" not in html
    assert (
        personas.client(personas.officer_a)
        .post(reverse("pulse:hotspot_action", args=[a.pk, "ket-thuc"]))
        .status_code
        == 403
    )


def test_it_shows_the_pulse_page_with_alerts_trend_and_map_data(personas, hotspots):
    client = personas.client(personas.province_board)
    html = client.get(PULSE).content.decode()
    assert "Nhịp dư luận — Tỉnh Thử" in html and "Cảnh báo trong 7 ngày qua" in html
    assert "2 điểm nóng đang mở" in html and "vendor/leaflet/leaflet.js" in html and "trend-data" in html
    assert client.get(PULSE, {"theo": "tuan", "to_mau": "diem-nong"}).status_code == 200
    data = client.get(MAP).json()
    assert data["unit"] == "90" and {p["code"] for p in data["points"]} == {"90001", "90002"}
    point = next(p for p in data["points"] if p["code"] == "90002")
    assert point["hotspots"] == 1 and point["severity"] == 3
    # A commune officer's pulse page is their commune's.
    html = personas.client(personas.officer_a).get(PULSE).content.decode()
    assert "Nhịp dư luận — Xã An Bình" in html and "1 điểm nóng đang mở" in html
