"""Hot-spot cases planted in the synthetic national set, so the rules have something real to find.

On the last days of the generated period: surges (a commune × topic suddenly busy), citizens
coming back after an answer they rated badly, complaints taken to the province before the
commune had its turn, and petitions signed by a crowd. Each case's records carry a tracking code
``PHZZ<rule><case><n>`` (never drawn by real intake, whose codes start with PA), so a benchmark
can ask afterwards how many cases the rules found.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from danvan.petitions.choices import Channel, EventKind, Kind, Status
from danvan.petitions.models import Petition, PetitionEvent, Topic
from danvan.units.choices import Level, Tree
from danvan.units.models import Unit

PREFIX = "PHZZ"
RULE_LETTERS = {"S": "surge", "R": "repeated", "K": "skipped_level", "C": "crowd"}
NAMES = ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Huỳnh Văn", "Võ Thị", "Đặng Văn", "Bùi Thị"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hạnh", "Hùng", "Lan", "Minh", "Nam", "Thảo", "Tuấn", "Yến"]
TEXTS = {
    "surge": "Nhiều hộ dân phản ánh {topic} tại địa phương trong mấy ngày gần đây, đề nghị xem xét.",
    "repeated": "Tôi đã được trả lời nhưng sự việc về {topic} vẫn chưa được giải quyết, đề nghị xem xét lại.",
    "skipped_level": "Khiếu nại về {topic} gửi thẳng lên tỉnh, đề nghị tỉnh giải quyết.",
    "crowd": "Đơn tập thể của nhiều hộ dân về {topic}, đề nghị chính quyền đối thoại.",
}


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def planted_count() -> int:
    return Petition.objects.filter(tracking_code__startswith=PREFIX).count()


def hotspot_cases_plant(*, as_of: datetime.date, seed: int, per_rule: int = 5) -> dict[str, int]:
    """Write ``per_rule`` cases of each kind ending on ``as_of``; returns the cases written per rule."""
    rng = random.Random(seed * 7919 + 17)
    communes = list(
        Unit.objects.filter(tree=Tree.SINCE_2025, level=Level.COMMUNE)
        .select_related("parent")
        .order_by("code")
    )
    topics = list(Topic.objects.filter(is_active=True, parent__isnull=False)) or list(Topic.objects.all())
    if not communes or not topics:
        return {}
    per_rule = min(per_rule, len(communes) // 4)
    picked = rng.sample(communes, per_rule * 4)
    rows: list[Petition] = []
    events: list[tuple[int, str, datetime.datetime, dict]] = []  # row index, kind, at, extra
    cases: dict[str, int] = defaultdict(int)

    def add(letter, case, n, commune, topic, day, hour=9, handling=None, **fields):
        handling = handling or commune
        province = commune.parent
        received = _at(day, hour)
        rows.append(
            Petition(
                tracking_code=f"{PREFIX}{letter}{case:04d}{n:03d}",
                pin_hash="!",
                kind=fields.pop("kind", Kind.FEEDBACK),
                channel=fields.pop("channel", Channel.RECEPTION),
                topic=topic,
                unit=commune,
                handling_unit=handling,
                province_code=province.code if province else "",
                commune_code=commune.code,
                yyyymm=day.year * 100 + day.month,
                title=f"{topic.name}: {TEXTS[RULE_LETTERS[letter]].format(topic=topic.name.lower())}"[:200],
                text=TEXTS[RULE_LETTERS[letter]].format(topic=topic.name.lower()),
                received_at=received,
                acceptance_due=day + datetime.timedelta(days=14),
                due_date=day + datetime.timedelta(days=45),
                status=fields.pop("status", Status.NEW),
                **fields,
            )
        )
        events.append((len(rows) - 1, EventKind.RECEIVED, received, {"to_unit": handling}))
        return len(rows) - 1

    for case in range(per_rule):
        # A surge: 12–20 records in the last 14 days where the commune usually has a handful a year.
        commune, topic = picked[case], rng.choice(topics)
        for n in range(rng.randint(12, 20)):
            add("S", case, n, commune, topic, as_of - datetime.timedelta(days=rng.randint(0, 13)), 8 + n % 9)
        cases["surge"] += 1
        # A citizen back 20–60 days after an answer they rated 1 or 2.
        commune, topic = picked[per_rule + case], rng.choice(topics)
        person = {
            "citizen_name": f"{rng.choice(NAMES)} {rng.choice(GIVEN)}",
            "citizen_phone": f"09{rng.randint(10_000_000, 99_999_999)}",
            "citizen_address": f"Thôn {rng.randint(1, 12)}, {commune.name}",
        }
        answered = as_of - datetime.timedelta(days=rng.randint(20, 60))
        first = add(
            "R",
            case,
            0,
            commune,
            topic,
            answered - datetime.timedelta(days=rng.randint(10, 30)),
            status=Status.ANSWERED,
            answered_at=_at(answered, 15),
            rating=rng.choice([1, 2]),
            public_answer="Đã trả lời theo quy định.",
            **person,
        )
        events.append((first, EventKind.ANSWERED, _at(answered, 15), {}))
        events.append((first, EventKind.RATED, _at(answered, 20), {"rating": rows[first].rating}))
        add("R", case, 1, commune, topic, as_of - datetime.timedelta(days=rng.randint(0, 15)), **person)
        cases["repeated"] += 1
        # A complaint about a commune matter received by the province, the commune never asked.
        commune, topic = picked[2 * per_rule + case], rng.choice(topics)
        add(
            "K",
            case,
            0,
            commune,
            topic,
            as_of - datetime.timedelta(days=rng.randint(0, 30)),
            handling=commune.parent,
            kind=Kind.COMPLAINT,
            competent_level=Level.COMMUNE,
            citizen_name=f"{rng.choice(NAMES)} {rng.choice(GIVEN)}",
            citizen_phone=f"08{rng.randint(10_000_000, 99_999_999)}",
        )
        cases["skipped_level"] += 1
        # A petition signed by 8–60 households.
        commune, topic = picked[3 * per_rule + case], rng.choice(topics)
        add(
            "C",
            case,
            0,
            commune,
            topic,
            as_of - datetime.timedelta(days=rng.randint(0, 20)),
            people_count=rng.randint(8, 60),
        )
        cases["crowd"] += 1
    with transaction.atomic():
        made = Petition.objects.bulk_create(rows, batch_size=1000)
        PetitionEvent.objects.bulk_create(
            [PetitionEvent(petition=made[i], kind=kind, at=at, **extra) for i, kind, at, extra in events],
            batch_size=1000,
        )
    return dict(cases)


def planted_cases() -> dict[str, list[set[int]]]:
    """The planted cases by rule, each as the ids of its records."""
    groups: dict[tuple[str, str], set[int]] = defaultdict(set)
    for pk, code in Petition.objects.filter(tracking_code__startswith=PREFIX).values_list(
        "pk", "tracking_code"
    ):
        letter, case = code[len(PREFIX)], code[len(PREFIX) + 1 : len(PREFIX) + 5]
        groups[(RULE_LETTERS[letter], case)].add(pk)
    cases: dict[str, list[set[int]]] = defaultdict(list)
    for (rule, _case), ids in sorted(groups.items()):
        cases[rule].append(ids)
    return dict(cases)
