"""In Chromium: the hot-spot list and detail, the pulse page with its chart and its map of communes.

The screenshots of docs/pulse.md are taken here, at 1280 px and at 390 px (a phone).
"""

import datetime
import json
import random

import pytest
from django.db.models import F
from django.utils import timezone

from danvan.conftest import DOCS_IMG, browser_login
from danvan.petitions.models import Petition
from danvan.pulse import hotspot_services as services
from danvan.pulse.models import Concern, ConcernMember, Hotspot
from danvan.units.models import Unit
from danvan.units.tests.factories import UnitFactory

from .hotspot_helpers import petitions, topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
NAMES = ["Hiệp Mỹ", "Long Sơn", "Mỹ Long", "Nhị Trường", "Thạnh Hòa Sơn", "Vinh Kim", "Kim Hòa", "Trường Thọ"]


def _province(personas):
    """Commune A, B and 22 more around Cầu Ngang, with a year of records and this fortnight's hot spots."""
    tree, rng, today = personas.tree, random.Random(7), timezone.localdate()
    Unit.objects.filter(pk=tree.commune_a.pk).update(latitude=9.80, longitude=106.45)
    Unit.objects.filter(pk=tree.commune_b.pk).update(latitude=9.71, longitude=106.55)
    communes = [tree.commune_a, tree.commune_b]
    for n in range(22):
        communes.append(
            UnitFactory(
                code=f"9010{n:02d}",
                name=f"Xã {NAMES[n % len(NAMES)]} {n // len(NAMES) + 1}",
                parent=tree.province,
                latitude=9.55 + rng.random() * 0.5,
                longitude=106.15 + rng.random() * 0.55,
            )
        )
    land, roads, water = topic(), topic("giao-thong", "Giao thông nông thôn"), topic("thuy-loi", "Thủy lợi")
    background = []
    for commune in communes:
        for subject in (land, roads, water):
            days = [today - datetime.timedelta(days=rng.randint(20, 700)) for _ in range(rng.randint(1, 9))]
            background += petitions(commune, days, topic=subject)
    Petition.objects.filter(pk__in=[p.pk for p in background]).update(
        status="answered", answered_at=F("received_at") + datetime.timedelta(days=12)
    )
    late = [today - datetime.timedelta(days=50 + i) for i in range(6)]
    petitions(tree.commune_b, late, topic=roads, due_date=today - datetime.timedelta(days=8))
    surge = petitions(
        tree.commune_a,
        [today - datetime.timedelta(days=i % 12) for i in range(14)],
        topic=land,
        title="Thu hồi đất làm đường ĐT-746: giá bồi thường thấp",
    )
    petitions(tree.commune_b, [today - datetime.timedelta(days=2)], topic=water, people_count=37)
    concern = Concern.objects.create(unit=tree.commune_a, title="Giá bồi thường đất đường ĐT-746")
    for record in surge[:4]:
        ConcernMember.objects.create(concern=concern, petition=record)
    services.scan(as_of=today)
    return communes


def _map_ready(page) -> int:
    page.wait_for_selector("#pulse-map[data-markers]")
    return int(page.get_attribute("#pulse-map", "data-markers"))


def test_a_board_member_reads_the_pulse_follows_a_hot_spot_and_opens_a_communes_report(page, personas):
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    communes = _province(personas)
    browser_login(page, personas.province_board.username)
    page.goto(f"{page.base_url}/nhip-du-luan/")
    assert _map_ready(page) == len(communes)
    page.wait_for_function("document.querySelectorAll('#pulse-map canvas').length > 0")
    assert page.get_by_role("heading", name="Cảnh báo trong 7 ngày qua").is_visible()
    assert page.get_by_text("Giá bồi thường đất đường ĐT-746 — Xã An Bình").is_visible()
    page.screenshot(path=str(DOCS_IMG / "pulse-page.png"), full_page=True)
    page.goto(f"{page.base_url}/nhip-du-luan/?to_mau=diem-nong")
    _map_ready(page)
    page.locator("#pulse-map").screenshot(path=str(DOCS_IMG / "pulse-map.png"))
    # A click on commune A's point opens its figures and the way to its report.
    point = page.evaluate(
        "() => { const p = window.pulseMap.map.latLngToContainerPoint([9.80, 106.45]); return [p.x, p.y]; }"
    )
    page.locator("#pulse-map").click(position={"x": point[0], "y": point[1]})
    link = page.get_by_role("link", name="Xem báo cáo của đơn vị")
    link.click()
    page.wait_for_url("**/bao-cao/?don_vi=90001**")

    page.goto(f"{page.base_url}/nhip-du-luan/diem-nong/")
    assert page.locator("tbody tr").count() == Hotspot.objects.count() == 4
    page.screenshot(path=str(DOCS_IMG / "pulse-list.png"), full_page=True)
    surge = Hotspot.objects.get(rule="surge")
    page.get_by_role("link", name=surge.title).click()
    page.get_by_role("button", name="Đưa vào theo dõi").click()
    assert page.get_by_text("Đã cập nhật điểm nóng.").is_visible()
    page.get_by_label("Đã xử lý thế nào").fill(
        "Đã tổ chức đối thoại với 14 hộ tại ấp; chờ tỉnh xem lại đơn giá."
    )
    page.get_by_role("button", name="Ghi nhận đã xử lý").click()
    assert Hotspot.objects.get(pk=surge.pk).status == "handled"
    page.screenshot(path=str(DOCS_IMG / "pulse-detail.png"), full_page=True)

    page.set_viewport_size(PHONE)
    page.goto(f"{page.base_url}/nhip-du-luan/")
    _map_ready(page)
    page.screenshot(path=str(DOCS_IMG / "pulse-page-phone.png"), full_page=True)
    page.goto(f"{page.base_url}/nhip-du-luan/diem-nong/{surge.pk}/")
    page.screenshot(path=str(DOCS_IMG / "pulse-detail-phone.png"), full_page=True)


def test_the_map_draws_the_nations_3321_communes_in_under_two_seconds(page, personas):
    browser_login(page, personas.province_board.username)
    rng = random.Random(1)
    points = [
        {
            "id": n,
            "code": f"{n:05d}",
            "name": f"Xã {n}",
            "lat": 8.6 + rng.random() * 14.5,
            "lng": 102.2 + rng.random() * 7.2,
            "volume": rng.randint(0, 400),
            "hotspots": rng.choice([0, 0, 0, 1, 2]),
            "severity": rng.choice([0, 1, 2, 3]),
        }
        for n in range(3321)
    ]
    body = json.dumps({"unit": "VN", "points": points})
    page.route(
        "**/nhip-du-luan/ban-do.json**",
        lambda route: route.fulfill(status=200, body=body, content_type="application/json"),
    )
    page.goto(f"{page.base_url}/nhip-du-luan/")
    assert _map_ready(page) == 3321
    render_ms = page.evaluate("() => window.pulseMap.renderMs")
    print(f"3321 communes drawn in {render_ms} ms")
    assert render_ms < 2000, render_ms
