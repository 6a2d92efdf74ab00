import datetime

import pytest

from danvan.pulse import hotspot_services as services
from danvan.pulse.models import Hotspot
from danvan.reports.builder import report_build
from danvan.reports.narrative import draft

from .hotspot_helpers import AS_OF, days_back, petitions, topic

pytestmark = pytest.mark.django_db


def test_it_counts_hot_spots_by_rule_and_status_and_says_so_in_the_narrative(personas):
    tree = personas.tree
    petitions(tree.commune_a, days_back(8), topic=topic())
    petitions(tree.commune_b, [AS_OF], people_count=25)
    services.scan(as_of=AS_OF)
    crowd = Hotspot.objects.get(rule="crowd")
    services.hotspot_step(actor=personas.province_board, hotspot=crowd, kind="handled", note="Đã đối thoại.")
    report = report_build(
        unit=tree.province, start=datetime.date(2026, 10, 1), end=datetime.date(2026, 12, 31)
    )
    detected = report.values["hotspots_detected"]
    assert detected.value == 2
    assert detected.breakdowns["hotspot_rule"] == {"surge": 1, "crowd": 1}
    assert detected.breakdowns["hotspot_status"] == {"new": 1, "handled": 1}
    assert report.values["hotspots_settled"].value == 1
    lines = draft(report)
    assert (
        "Trong kỳ phát sinh 2 điểm nóng (1 ý kiến tăng đột biến; 1 đơn, đoàn đông người); "
        "đã xử lý, kết thúc 1 điểm nóng." in lines
    )
    commune = report_build(
        unit=tree.commune_b, start=datetime.date(2026, 10, 1), end=datetime.date(2026, 12, 31)
    )
    assert commune.values["hotspots_detected"].value == 1
    earlier = report_build(
        unit=tree.province, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31)
    )
    assert "Trong kỳ không phát sinh điểm nóng." in draft(earlier)
