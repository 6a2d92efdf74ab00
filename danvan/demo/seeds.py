"""Scenarios on the real pre-2025 units that reproduce the figures of the five seed reports.

Every figure is built from individual records through the same services officials use
(never typed-in totals), except the Tân Lạc dossier figures, which are themselves
periodic figures and are entered as published so validation can flag them.
"""

from __future__ import annotations

import datetime
import itertools
import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from danvan.meetings import services as meetings
from danvan.meetings.models import MeetingType
from danvan.petitions.models import Topic
from danvan.units.choices import Level, Tree
from danvan.units.models import Unit

from .models import DemoScenario

SCENARIOS: dict[str, Callable] = {}


def scenario(key: str):
    def register(function):
        SCENARIOS[key] = function
        return function

    return register


def _old(level: str, code: str) -> Unit:
    return Unit.objects.get(tree=Tree.BEFORE_2025, level=level, code=code)


def _communes(unit: Unit) -> list[Unit]:
    return list(Unit.objects.filter(path__under=unit.path, level=Level.COMMUNE).order_by("code"))


def _at(day: datetime.date, hour: int = 8) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _spread(start: datetime.date, end: datetime.date, count: int, rng: random.Random) -> list[datetime.date]:
    span = (end - start).days
    return sorted(start + datetime.timedelta(days=rng.randint(0, span)) for _ in range(count))


def _type(code: str) -> MeetingType:
    return MeetingType.objects.get(code=code)


def _topics(*codes: str) -> list[Topic]:
    return list(Topic.objects.filter(code__in=codes).order_by("code"))


@scenario("cau-ngang")
def cau_ngang(actor) -> None:
    """Cầu Ngang (848), 1/12/2023–30/6/2024: 13 of 15 communes held 13 monthly conferences at a hamlet
    branch, 57 opinions, 52 answered on the spot, the other 5 forwarded to the district."""
    rng = random.Random(848)
    district = _old(Level.DISTRICT, "848")
    communes = _communes(district)[:13]
    days = _spread(datetime.date(2023, 12, 1), datetime.date(2024, 6, 30), 13, rng)
    opinions = [4] * 8 + [5] * 5  # 57 opinions over 13 conferences
    topics = _topics(
        "gia-nong-san", "giao-thong-nong-thon", "thoat-nuoc", "an-ninh-trat-tu", "bao-tro-xa-hoi"
    )
    forwarded = {3, 17, 29, 41, 53}
    number = itertools.count()
    for commune, day, count in zip(communes, days, opinions, strict=True):
        meeting = meetings.meeting_record(
            actor=actor,
            meeting_type=_type("hoi-nghi-chi-bo-ap"),
            host_unit=commune,
            starts_at=_at(day),
            chairs=[("Bí thư Đảng ủy", "party_secretary")],
            attendance=40,
            attendance_composition="Đảng viên chi bộ ấp, hội viên các đoàn thể, hộ dân",
            title="Hội nghị “Phát huy tài dân, sức dân – lợi cho dân”",
        )
        for _ in range(count):
            index = next(number)
            outcome = "forwarded" if index in forwarded else "answered_on_spot"
            meetings.opinion_add(
                actor=actor,
                meeting=meeting,
                text=f"Ý kiến số {index + 1} của bà con tại hội nghị",
                topic=topics[index % len(topics)],
                outcome=outcome,
                answer="Đã trả lời, giải thích tại hội nghị" if outcome == "answered_on_spot" else "",
                forward_to=district if outcome == "forwarded" else None,
            )


@scenario("ha-nam-doi-thoai")
def ha_nam_dialogues(actor) -> None:
    """Hà Nam (35), 2021–2022: party secretaries held or attended 241 dialogues (3 provincial,
    22 district, 216 commune); heads of government 323 (3, 40, 280)."""
    rng = random.Random(35)
    province = _old(Level.PROVINCE, "35")
    districts = list(Unit.objects.filter(parent=province, level=Level.DISTRICT).order_by("code"))
    communes = _communes(province)
    start, end = datetime.date(2021, 1, 1), datetime.date(2022, 12, 31)
    plan = {
        ("doi-thoai-bi-thu", "party_secretary", "Bí thư cấp ủy"): (3, 22, 216),
        ("doi-thoai-chu-tich", "peoples_committee_chair", "Chủ tịch UBND"): (3, 40, 280),
    }
    for (type_code, role, title), (at_province, at_districts, at_communes) in plan.items():
        hosts = [province] * at_province
        hosts += [districts[i % len(districts)] for i in range(at_districts)]
        hosts += [communes[i % len(communes)] for i in range(at_communes)]
        for host, day in zip(hosts, _spread(start, end, len(hosts), rng), strict=True):
            meetings.meeting_record(
                actor=actor,
                meeting_type=_type(type_code),
                host_unit=host,
                starts_at=_at(day, 14),
                chairs=[(title, role)],
                attendance=rng.randint(40, 120),
                title="Đối thoại trực tiếp với Nhân dân",
            )


@scenario("vu-thu")
def vu_thu(actor) -> None:
    """Vũ Thư (344), 26/9/2018–31/12/2019: 3 district dialogues, 25 of 30 communes held theirs,
    more than 900 opinions on land, environment, transport and social policy."""
    rng = random.Random(344)
    district = _old(Level.DISTRICT, "344")
    communes = _communes(district)[:25]
    start, end = datetime.date(2018, 9, 26), datetime.date(2019, 12, 31)
    topics = _topics(
        "tranh-chap-dat-dai",
        "thu-hoi-boi-thuong",
        "o-nhiem",
        "giao-thong-nong-thon",
        "bao-tro-xa-hoi",
        "nguoi-co-cong",
    )
    hosts = [district] * 3 + communes
    per_meeting = [36] * 3 + [33] * 10 + [32] * 15  # 912 opinions over 28 dialogues
    number = itertools.count()
    for host, day, count in zip(hosts, _spread(start, end, len(hosts), rng), per_meeting, strict=True):
        meeting = meetings.meeting_record(
            actor=actor,
            meeting_type=_type("doi-thoai-bi-thu"),
            host_unit=host,
            starts_at=_at(day, 14),
            chairs=[("Bí thư cấp ủy", "party_secretary")],
            attendance=rng.randint(60, 150),
            title="Đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền với Nhân dân",
        )
        for _ in range(count):
            index = next(number)
            outcome = "answered_on_spot" if index % 4 else "recorded"
            meetings.opinion_add(
                actor=actor,
                meeting=meeting,
                text=f"Ý kiến số {index + 1} tại hội nghị đối thoại",
                topic=topics[index % len(topics)],
                outcome=outcome,
                answer="Đã giải trình tại hội nghị" if outcome == "answered_on_spot" else "",
            )


@scenario("tan-lac-ho-so")
def tan_lac_dossiers(actor) -> None:
    """Tân Lạc (155), 1/4/2023–30/4/2024: the "friendly government" dossier figures as published
    (25,723 received, 25,487 settled of which 20 late, 326 in progress). They do not add up, so the
    form stays a draft with the rule's message, and every report over the period flags them."""
    from decimal import Decimal

    from danvan.activities import catalogue
    from danvan.activities import services as activities
    from danvan.activities.models import DataSet
    from danvan.activities.periods import Period
    from danvan.activities.values import Figure

    catalogue.install()
    outcome = activities.submission_save(
        actor=actor,
        data_set=DataSet.objects.get(code="ho-so-thu-tuc-hanh-chinh"),
        unit=_old(Level.DISTRICT, "155"),
        period=Period.of("quarter", datetime.date(2024, 1, 1)),
        cells={
            "received": Figure(Decimal(25723)),
            "settled_on_time": Figure(Decimal(25467)),
            "settled_late": Figure(Decimal(20)),
            "in_progress": Figure(Decimal(326)),
        },
    )
    assert outcome.violations, "the published figures must break a rule"


def _recognised_models(
    *,
    units: list[Unit],
    count: int,
    field: str,
    level: str,
    days: list[datetime.date],
    kind: str = "collective",
    label: str,
) -> None:
    """``count`` recognised models spread over ``units``, written in one INSERT: a scenario needs
    hundreds, and each is an individual record with its unit, field, level and decision."""
    from danvan.emulation.models import EmulationModel
    from danvan.textproc.folding import fold
    from danvan.units.selectors import unit_ancestor_codes

    codes = {u.pk: unit_ancestor_codes(unit=u) for u in units}
    rows = []
    for index in range(count):
        unit, day = units[index % len(units)], days[index % len(days)]
        name = f"{label} số {index + 1} — {unit.short_name}"
        rows.append(
            EmulationModel(
                name=name,
                kind=kind,
                field=field,
                unit=unit,
                owner_name=f"Tập thể {unit.name}",
                year=day.year,
                description="Mô hình “Dân vận khéo” được công nhận (dữ liệu mẫu tái hiện báo cáo).",
                status="recognised",
                recognition_level=level,
                decision_number=f"{100 + index % 7}-QĐ/{level[:2].upper()}",
                decision_date=day,
                search_key=fold(name),
                **codes[unit.pk],
            )
        )
    EmulationModel.objects.bulk_create(rows, batch_size=1000)


@scenario("ha-nam-mo-hinh")
def ha_nam_models(actor) -> None:
    """Hà Nam (35), 2021–2022: 972 recognised models (21 provincial, 246 district, 705 commune)."""
    rng = random.Random(972)
    province = _old(Level.PROVINCE, "35")
    districts = list(Unit.objects.filter(parent=province, level=Level.DISTRICT).order_by("code"))
    days = _spread(datetime.date(2021, 1, 1), datetime.date(2022, 12, 31), 40, rng)
    fields = ["economy", "culture_society", "defence_security", "political_system"]
    for count, level, units in (
        (21, "province", districts),
        (246, "district", districts),
        (705, "commune", _communes(province)),
    ):
        for index, field in enumerate(fields):
            share = count // 4 + (1 if index < count % 4 else 0)
            _recognised_models(
                units=units,
                count=share,
                field=field,
                level=level,
                days=days,
                label=f"Mô hình cấp {level} lĩnh vực {field}",
            )


@scenario("yen-the-mo-hinh")
def yen_the_models(actor) -> None:
    """Yên Thế (215), 2018–2020: about 800 recognised models, over 300 in economy, over 230 in
    culture–society, the rest in defence–security and the political system."""
    rng = random.Random(215)
    district = _old(Level.DISTRICT, "215")
    communes = _communes(district)
    days = _spread(datetime.date(2018, 1, 1), datetime.date(2020, 12, 31), 30, rng)
    for field, count in (
        ("economy", 312),
        ("culture_society", 236),
        ("defence_security", 140),
        ("political_system", 118),
    ):
        _recognised_models(
            units=communes,
            count=count,
            field=field,
            level="commune",
            days=days,
            label=f"Mô hình lĩnh vực {field}",
        )


@scenario("tan-lac-mo-hinh")
def tan_lac_models(actor) -> None:
    """Tân Lạc (155), 1/1/2019–17/5/2024: 315 recognised models (101 economy, 184 culture–society,
    25 defence–security, 5 political system)."""
    rng = random.Random(155)
    district = _old(Level.DISTRICT, "155")
    communes = _communes(district)
    days = _spread(datetime.date(2019, 1, 1), datetime.date(2024, 5, 17), 25, rng)
    for field, count in (
        ("economy", 101),
        ("culture_society", 184),
        ("defence_security", 25),
        ("political_system", 5),
    ):
        _recognised_models(
            units=[district, *communes],
            count=count,
            field=field,
            level="district",
            days=days,
            label=f"Mô hình lĩnh vực {field}",
        )


@scenario("dan-chu-co-so")
def grassroots_democracy(actor) -> None:
    """Law 10/2022/QH15 at Cầu Ngang and Tân Lạc (their communes since 2025): a year of postings,
    consultations with opinions, a hương ước decision, a supervision board's work."""
    from danvan.democracy.demo import demo_democracy

    demo_democracy(actor=actor)


def load(keys: list[str] | None = None, *, stdout=None) -> list[str]:
    """Load each scenario once (a second run skips the loaded ones)."""
    actor = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if actor is None:
        raise RuntimeError("no administrator")
    loaded = []
    for key in keys or list(SCENARIOS):
        if DemoScenario.objects.filter(key=key).exists():
            continue
        with transaction.atomic():
            SCENARIOS[key](actor)
            DemoScenario.objects.create(key=key)
        loaded.append(key)
        if stdout is not None:
            stdout.write(f"Đã nạp kịch bản {key}")
    return loaded
