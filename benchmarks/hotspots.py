"""Hot spots on the generated set: a full national scan, the check after one new record, the pulse page
of a province, and how many of the planted cases (``danvan.demo.hotspot_cases``) the rules find.

The scan and the checks are judged as of the last day of the generated period, where the cases
were planted. The check after one record is timed on a record written by the intake service inside
a transaction that is rolled back. The pulse page and its map data are the whole requests,
in-process, for a national board member looking at the busiest province.
"""

from __future__ import annotations

import datetime
import statistics
import time
from dataclasses import dataclass

CHECKS = 30
PAGE_RUNS = 30


@dataclass
class HotspotFigures:
    scan_s: float
    findings: int
    check_p50_ms: float
    check_p95_ms: float
    page_p50_ms: float
    page_p95_ms: float
    map_p95_ms: float
    map_points: int
    planted: dict[str, int]
    found: dict[str, int]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class _Rollback(Exception):
    pass


def hotspots_benchmark(*, province, commune, board, as_of: datetime.date, log) -> HotspotFigures:
    from django.db import transaction
    from django.test import Client

    from danvan.demo.hotspot_cases import hotspot_cases_plant, planted_cases, planted_count
    from danvan.petitions.services import petition_receive
    from danvan.pulse import hotspot_rules as rules
    from danvan.pulse.hotspot_services import check_petition, record_findings

    if not planted_count():
        written = hotspot_cases_plant(as_of=as_of, seed=1, per_rule=10)
        log(f"Planted hot-spot cases: {written}")
    started = time.perf_counter()
    findings = rules.judge_all(as_of)
    record_findings(findings=findings, as_of=as_of)
    scan_s = time.perf_counter() - started
    cases = planted_cases()
    found = {
        rule: sum(1 for ids in planted if any(f.rule == rule and ids & set(f.records) for f in findings))
        for rule, planted in cases.items()
    }
    checks = []
    moment = datetime.datetime.combine(as_of, datetime.time(16)).astimezone()
    topic = None
    from danvan.petitions.models import Topic

    topic = Topic.objects.filter(is_active=True, parent__isnull=False).first()
    for n in range(CHECKS + 3):
        try:
            with transaction.atomic():
                receipt = petition_receive(
                    actor=board,
                    unit=commune,
                    channel="reception",
                    kind="complaint",
                    topic=topic,
                    title="Đơn khiếu nại về bồi thường đất",
                    text="Gia đình tôi khiếu nại việc bồi thường khi thu hồi đất làm đường, đề nghị xem xét.",
                    citizen_name="Nguyễn Văn Thử",
                    citizen_phone="0912000111",
                    competent_level="commune",
                    people_count=6,
                    received_at=moment,
                )
                clock = time.perf_counter()
                check_petition(petition_id=receipt.petition.pk, as_of=as_of)
                if n >= 3:  # the first ones warm the caches
                    checks.append((time.perf_counter() - clock) * 1000)
                raise _Rollback
        except _Rollback:
            pass
    client = Client(HTTP_HOST="localhost")
    client.force_login(board)
    pages, maps, points = [], [], 0
    for n in range(PAGE_RUNS + 2):
        clock = time.perf_counter()
        response = client.get("/nhip-du-luan/", {"don_vi": province.code})
        page_ms = (time.perf_counter() - clock) * 1000
        clock = time.perf_counter()
        data = client.get("/nhip-du-luan/ban-do.json", {"don_vi": province.code})
        map_ms = (time.perf_counter() - clock) * 1000
        if response.status_code != 200 or data.status_code != 200:
            raise RuntimeError(f"pulse page answered {response.status_code}, map {data.status_code}")
        if n >= 2:
            pages.append(page_ms)
            maps.append(map_ms)
        points = len(data.json()["points"])
    return HotspotFigures(
        scan_s=scan_s,
        findings=len(findings),
        check_p50_ms=statistics.median(checks),
        check_p95_ms=_percentile(checks, 0.95),
        page_p50_ms=statistics.median(pages),
        page_p95_ms=_percentile(pages, 0.95),
        map_p95_ms=_percentile(maps, 0.95),
        map_points=points,
        planted={rule: len(ids) for rule, ids in cases.items()},
        found=found,
    )
