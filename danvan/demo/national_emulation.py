""" "Dân vận khéo" models for the synthetic national set (issue 11, "Data").

Each current commune registers 0–4 models a year (provinces differ in how active they are) and
each province a few, at every step of registered → self-assessed → appraised → recognised or not
→ replicated, as the services would have left them: score sheets on every criterion of the
criteria set that applies, grades from its bands, one recognition decision per issuing committee
and year with the document fields the services fill, copies learned from a model recognised
earlier in the province, and each model's history.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.emulation import issuers, scoring
from danvan.emulation.choices import (
    AssessmentKind,
    Award,
    CriteriaSetStatus,
    EventKind,
    Field,
    IssuerKind,
    Kind,
    RecognitionLevel,
    Status,
)
from danvan.emulation.models import (
    Assessment,
    CriteriaSet,
    Criterion,
    EmulationModel,
    ModelEvent,
    RecognitionDecision,
    Score,
)
from danvan.textproc.folding import fold
from danvan.units.choices import Level
from danvan.units.models import Unit

from . import national
from .national_activity import (
    Place,
    Table,
    day_formatter,
    moment_at,
    office_time,
    poisson,
    province_weights,
    weighted_pick,
)

FIELDS = [
    (Field.ECONOMY, 30),
    (Field.CULTURE_SOCIETY, 35),
    (Field.DEFENCE_SECURITY, 15),
    (Field.POLITICAL_SYSTEM, 20),
]
COLLECTIVE_NAMES = {
    Field.ECONOMY: [
        "Dân vận khéo trong xây dựng đường giao thông nông thôn",
        "Hiến đất mở rộng đường liên thôn",
        "Tổ hợp tác trồng rau an toàn",
        "Chuyển đổi cây trồng trên đất lúa kém hiệu quả",
        "Liên kết tiêu thụ nông sản cho bà con",
        "Nuôi bò sinh sản giúp hộ nghèo",
        "Quỹ xoay vòng giúp nhau phát triển kinh tế",
        "Vườn mẫu gắn với du lịch cộng đồng",
    ],
    Field.CULTURE_SOCIETY: [
        "Bữa cơm nghĩa tình cho học sinh nghèo",
        "Phân loại rác thải tại nguồn",
        "Tuyến đường hoa sáng – xanh – sạch – đẹp",
        "Tủ sách cộng đồng",
        "Mái ấm tình thương cho hội viên khó khăn",
        "Câu lạc bộ gia đình hạnh phúc",
        "Nhà văn hóa do dân góp sức",
        "Thắp sáng đường quê",
    ],
    Field.DEFENCE_SECURITY: [
        "Camera an ninh – “mắt thần” khu dân cư",
        "Tổ tự quản an ninh trật tự",
        "Khu dân cư không có ma túy",
        "Tổ liên gia an toàn phòng cháy, chữa cháy",
        "Dòng họ không có người vi phạm pháp luật",
        "Cổng rào an ninh trật tự",
    ],
    Field.POLITICAL_SYSTEM: [
        "Tổ hòa giải giỏi",
        "Dân hỏi – chính quyền trả lời",
        "Bí thư chi bộ gần dân",
        "Tiếp dân định kỳ tại nhà văn hóa",
        "Một cửa thân thiện vì Nhân dân phục vụ",
        "Đảng viên giúp hộ nghèo thoát nghèo",
    ],
}
INDIVIDUAL_ROLES = {
    Field.ECONOMY: "nông dân sản xuất, kinh doanh giỏi giúp bà con thoát nghèo",
    Field.CULTURE_SOCIETY: "người tiên phong xây dựng đời sống văn hóa ở khu dân cư",
    Field.DEFENCE_SECURITY: "công an viên gần dân, hiểu dân",
    Field.POLITICAL_SYSTEM: "người hòa giải giỏi, có uy tín trong cộng đồng",
}
COLLECTIVE_OWNERS = [
    "Chi hội Phụ nữ thôn {k}",
    "Ban công tác Mặt trận thôn {k}",
    "Chi đoàn thôn {k}",
    "Chi hội Nông dân thôn {k}",
    "Chi hội Cựu chiến binh thôn {k}",
    "Tổ tự quản thôn {k}",
]
POSITIONS = [
    "Trưởng thôn {k}",
    "Bí thư chi bộ thôn {k}",
    "Tổ trưởng tổ hòa giải thôn {k}",
    "Người có uy tín thôn {k}",
    "Công an viên thôn {k}",
]
PROVINCE_OWNERS = {
    Field.ECONOMY: ["Hội Nông dân tỉnh", "Sở Nông nghiệp và Môi trường", "Liên minh Hợp tác xã tỉnh"],
    Field.CULTURE_SOCIETY: ["Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh đoàn", "Sở Y tế"],
    Field.DEFENCE_SECURITY: ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Hội Cựu chiến binh tỉnh"],
    Field.POLITICAL_SYSTEM: ["Sở Nội vụ", "Bảo hiểm xã hội tỉnh", "Trung tâm Phục vụ hành chính công tỉnh"],
}
METHODS = [
    "Họp dân bàn bạc, công khai kế hoạch và dự toán; Nhân dân cử đại diện giám sát thực hiện.",
    "Cán bộ, đảng viên đi đầu, gương mẫu; phân công từng tổ phụ trách từng nhóm hộ.",
    "Phối hợp chính quyền, Mặt trận và các đoàn thể; vận động con em xa quê góp sức.",
    "Lồng ghép tuyên truyền trong sinh hoạt chi hội, trên loa truyền thanh và mạng xã hội.",
    "Kiên trì gặp gỡ từng hộ, lắng nghe ý kiến và giải đáp vướng mắc ngay tại cơ sở.",
]
RESULTS = {
    Field.ECONOMY: "Vận động {a} hộ tham gia; Nhân dân đóng góp {b} triệu đồng và {c} ngày công.",
    Field.CULTURE_SOCIETY: "{a} hộ tham gia thường xuyên; hỗ trợ {c} lượt người có hoàn cảnh khó khăn.",
    Field.DEFENCE_SECURITY: "{a} hộ cam kết thực hiện; vụ việc an ninh trật tự giảm {p}% so với năm trước.",
    Field.POLITICAL_SYSTEM: "Hòa giải thành {c} vụ việc; {a} lượt người dân được giải đáp; "
    "không có khiếu nại vượt cấp.",
}
NOT_RECOGNISED_NOTES = [
    "Mô hình mới triển khai, chưa đủ thời gian chứng minh hiệu quả; đề nghị tiếp tục duy trì.",
    "Kết quả chưa được lượng hóa cụ thể, chưa có sức lan tỏa.",
    "Điểm thẩm định chưa đạt mức công nhận; đơn vị tiếp tục hoàn thiện cách làm.",
]
BOARD_REPLICATION_NOTES = [
    "Nhân rộng ra {n} thôn trong xã.",
    "Các chi hội trong xã học tập, áp dụng cách làm ({n} nơi).",
]
# (username, full name) of the people whose score sheets the set holds: a score sheet needs an
# author. Inactive, without a password: nobody logs in as them.
ASSESSORS = [
    ("sinh.tucham", "Nguyễn Văn Nam"),
    ("sinh.thamdinh1", "Lê Thị Hoa"),
    ("sinh.thamdinh2", "Phạm Quốc Hùng"),
    ("sinh.thamdinh3", "Võ Minh Tâm"),
]
APPRAISING_BODIES = ["Ban Dân vận", "Ủy ban Mặt trận Tổ quốc", "Hội đồng Thi đua – Khen thưởng"]
# Of the years before the last, most models are decided; of the last one, more are still open.
STATUS_WEIGHTS = {
    False: [
        (Status.REGISTERED, 3),
        (Status.SELF_ASSESSED, 4),
        (Status.APPRAISED, 5),
        (Status.RECOGNISED, 70),
        (Status.NOT_RECOGNISED, 18),
    ],
    True: [
        (Status.REGISTERED, 8),
        (Status.SELF_ASSESSED, 10),
        (Status.APPRAISED, 15),
        (Status.RECOGNISED, 52),
        (Status.NOT_RECOGNISED, 15),
    ],
}
COPY_SHARE = 0.12  # of a later year's models, learned from one recognised earlier in the province
BOARD_REPLICATED_SHARE = 0.1


@dataclass
class _Sheet:
    kind: str
    assessor: int  # index in ASSESSORS
    at: datetime.datetime
    points: list[int]  # hundredths, one per criterion
    total: Decimal
    grade: str


@dataclass
class _CriteriaSet:
    id: int
    criteria: list[tuple[int, int]]  # (criterion id, maximum in hundredths)
    bands: list  # GradeBand, highest first
    qualifying: Decimal | None


@dataclass
class _Model:
    id: int
    place: Place
    year: int
    kind: str
    field: str
    name: str
    owner: str
    position: str
    description: str
    results: str
    criteria: _CriteriaSet | None
    status: str
    registered_at: datetime.datetime
    period_start: datetime.date | None
    period_end: datetime.date | None
    source: _Model | None = None
    sheets: list[_Sheet] = field(default_factory=list)
    self_score: Decimal | None = None
    appraisal_score: Decimal | None = None
    grade: str = ""
    level: str = ""
    decision: _Decision | None = None
    decision_number: str = ""
    decision_date: datetime.date | None = None
    award: str = ""
    outstanding: bool = False
    note: str = ""
    replicated_at: datetime.date | None = None
    replication_note: str = ""
    events: list[tuple[str, datetime.datetime, str]] = field(default_factory=list)
    version: int = 1


@dataclass
class _Decision:
    id: int
    unit_id: int
    level: str
    number: str
    date: datetime.date
    award: str
    awarding_body: str = ""


def _criteria_sets() -> dict[str, list[tuple[str | None, _CriteriaSet]]]:
    """Published sets by subject, with the path of the unit that issued each (None: the default)."""
    criteria: dict[int, list[tuple[int, int]]] = {}
    for set_id, pk, maximum in (
        Criterion.objects.filter(group__criteria_set__status=CriteriaSetStatus.PUBLISHED)
        .order_by("group__order", "group__pk", "order", "pk")
        .values_list("group__criteria_set_id", "pk", "max_points")
    ):
        criteria.setdefault(set_id, []).append((pk, int(maximum * 100)))
    result: dict[str, list[tuple[str | None, _CriteriaSet]]] = {}
    for criteria_set in CriteriaSet.objects.filter(status=CriteriaSetStatus.PUBLISHED).select_related("unit"):
        bands = scoring.grades_of(criteria_set)
        qualifying = [band.min_points for band in bands if band.qualifies]
        entry = _CriteriaSet(
            criteria_set.pk, criteria.get(criteria_set.pk, []), bands, min(qualifying, default=None)
        )
        path = criteria_set.unit.path if criteria_set.unit else None
        result.setdefault(criteria_set.subject, []).append((path, entry))
    return result


def _set_for(sets: dict, subject: str, place: Place) -> _CriteriaSet | None:
    """As ``criteria.criteria_set_for``: the set issued nearest above the unit, else the default."""
    found = [
        (len(path or ""), entry)
        for path, entry in sets.get(subject, [])
        if not path or place.path.startswith(path)
    ]
    return max(found, key=lambda pair: pair[0])[1] if found else None


def _assessors() -> list:
    user_model = get_user_model()
    users = []
    for username, full_name in ASSESSORS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            first, _sep, last = full_name.rpartition(" ")
            user = user_model(username=username, first_name=first, last_name=last, is_active=False)
            user.set_unusable_password()
            user.save()
        users.append(user)
    return users


def _sheet_points(rand: Callable[[], float], criteria: list[tuple[int, int]], quality: float) -> list[int]:
    """Points in hundredths, to the quarter point, each within its criterion's maximum."""
    points = []
    for _pk, maximum in criteria:
        share = min(1.0, max(0.2, quality + (rand() - 0.5) * 0.16))
        points.append(min(maximum, round(maximum * share / 25) * 25))
    return points


def _grade(criteria: _CriteriaSet, total: Decimal | None) -> str:
    band = scoring.grade_for(criteria.bands, total)
    return band.label if band else ""


class _Emulation:
    def __init__(self, *, provinces: list[Place], communes: list[Place], years: list[int], seed: int):
        self.rng = random.Random(f"emulation-{seed}")
        self.rand = self.rng.random
        self.provinces, self.communes, self.years = provinces, communes, years
        self.weights = province_weights(provinces, f"emulation-provinces-{seed}")
        self.sets = _criteria_sets()
        self.models: list[_Model] = []
        self.decisions: dict[tuple[int, str, int], _Decision] = {}
        self.next_model = national._next_id(EmulationModel)
        self.next_decision = national._next_id(RecognitionDecision)
        self.taken = set(
            EmulationModel.objects.filter(year__in=years).values_list("unit_id", "year").distinct()
        )
        self.numbers: set[tuple[int, str]] = set(RecognitionDecision.objects.values_list("unit_id", "number"))
        self.decision_days: dict[tuple[int, int], datetime.date] = {}

    # --- drawing ----------------------------------------------------------------------------

    def run(self) -> None:
        sources: dict[int, list[_Model]] = {}
        for index, year in enumerate(self.years):
            last = index == len(self.years) - 1
            drawn = []
            for place in self.communes:
                mean = 1.2 * self.weights[place.province_id] * (0.6 + 0.8 * self.rand())
                drawn.append((place, min(4, poisson(self.rand, mean))))
            for place in self.provinces:
                drawn.append((place, 2 + int(self.rand() * 5)))
            for place, count in drawn:
                if (place.id, year) in self.taken:
                    continue
                names: set[str] = set()
                for _n in range(count):
                    pool = sources.get(place.province_id, [])
                    source = pool[int(self.rand() * len(pool))] if pool and self.rand() < COPY_SHARE else None
                    self.models.append(self._model(place, year, last, names, source))
            year_models = [m for m in self.models if m.year == year]
            for model in sorted(year_models, key=lambda m: (m.decision_date or datetime.date.max, m.id)):
                if model.source is not None and model.status == Status.RECOGNISED:
                    self._replicate_source(model)
            for model in year_models:
                if model.status in Status.recognised_values() and model.kind == Kind.COLLECTIVE:
                    sources.setdefault(model.place.province_id, []).append(model)
        self._board_replications()

    def _model(self, place: Place, year: int, last: bool, names: set[str], source: _Model | None) -> _Model:
        rand = self.rand
        field_ = source.field if source else weighted_pick(rand, FIELDS)
        kind = Kind.COLLECTIVE if source or place.is_province or rand() < 0.75 else Kind.INDIVIDUAL
        hamlet = 1 + int(rand() * max(1, place.hamlets))
        person = (
            f"{national.FAMILY_NAMES[int(rand() * len(national.FAMILY_NAMES))]} "
            f"{national.MIDDLE_NAMES[int(rand() * len(national.MIDDLE_NAMES))]} "
            f"{national.GIVEN_NAMES[int(rand() * len(national.GIVEN_NAMES))]}"
        )
        cores = COLLECTIVE_NAMES[field_]
        if place.is_province:
            owners = PROVINCE_OWNERS[field_]
            owner = owners[int(rand() * len(owners))]
            name = f"{cores[int(rand() * len(cores))]} ({owner})"
            position = ""
        elif kind == Kind.INDIVIDUAL:
            owner, name = person, f"{person} – {INDIVIDUAL_ROLES[field_]}"
            position = POSITIONS[int(rand() * len(POSITIONS))].format(k=hamlet)
        else:
            core = (
                source.name.split(" ở thôn ")[0].split(" (")[0] if source else cores[int(rand() * len(cores))]
            )
            owner = COLLECTIVE_OWNERS[int(rand() * len(COLLECTIVE_OWNERS))].format(k=hamlet)
            name, position = f"{core} ở thôn {hamlet}", ""
        while fold(name) in names:  # a unit registers a name once a year
            name = f"{name} (lần {len(names) + 1})"
        names.add(fold(name))
        methods = self.rng.sample(METHODS, 2)
        description = " ".join(methods)
        if source is not None:
            description = f"Học tập cách làm của mô hình “{source.name}”. {description}"
        registered = office_time(
            rand, datetime.date(year, 1, 15) + datetime.timedelta(days=int(rand() * 105))
        )
        criteria = _set_for(self.sets, Kind(kind).subject, place)
        status = weighted_pick(rand, STATUS_WEIGHTS[last])
        if criteria is None or not criteria.criteria:
            status = Status.REGISTERED  # nothing to score against yet
        model = _Model(
            id=self.next_model,
            place=place,
            year=year,
            kind=kind,
            field=field_,
            name=name,
            owner=owner,
            position=position,
            description=description,
            results="",
            criteria=criteria,
            status=status,
            registered_at=registered,
            period_start=registered.date().replace(day=1) if rand() < 0.6 else None,
            period_end=datetime.date(year, 12, 31) if rand() < 0.4 else None,
            source=source,
        )
        self.next_model += 1
        model.events.append((EventKind.REGISTERED, registered, name))
        if status != Status.REGISTERED:
            model.results = RESULTS[field_].format(
                a=10 + int(rand() * 190),
                b=20 + int(rand() * 980),
                c=5 + int(rand() * 300),
                p=10 + int(rand() * 60),
            )
            self._score(model)
        if status in (Status.RECOGNISED, Status.NOT_RECOGNISED):
            self._decide(model)
        return model

    def _score(self, model: _Model) -> None:
        rand, criteria = self.rand, model.criteria
        year = model.year
        appraised = model.status != Status.SELF_ASSESSED
        for _attempt in range(8):
            if model.status == Status.RECOGNISED:
                quality = 0.82 + rand() * 0.15
            elif model.status == Status.NOT_RECOGNISED:
                quality = 0.55 + rand() * 0.23
            else:
                quality = 0.6 + rand() * 0.35
            appraisers = 1 + (rand() < 0.7) + (rand() < 0.25) if appraised else 0
            appraisals = [_sheet_points(rand, criteria.criteria, quality) for _k in range(appraisers)]
            totals = [Decimal(sum(points)).scaleb(-2) for points in appraisals]
            mean = scoring.mean(totals)
            # A recognised model qualifies on its appraisal, or the board would have had to say why.
            if (
                model.status != Status.RECOGNISED
                or criteria.qualifying is None
                or mean >= criteria.qualifying
            ):
                break
        else:
            appraisals = [[maximum for _pk, maximum in criteria.criteria]]
            totals = [Decimal(sum(appraisals[0])).scaleb(-2)]
            mean = scoring.mean(totals)
        own = _sheet_points(rand, criteria.criteria, min(1.0, quality + rand() * 0.08))
        at = office_time(rand, datetime.date(year, 8, 1) + datetime.timedelta(days=int(rand() * 60)))
        self_total = Decimal(sum(own)).scaleb(-2)
        model.sheets.append(_Sheet(AssessmentKind.SELF, 0, at, own, self_total, _grade(criteria, self_total)))
        model.self_score, model.grade = self_total, _grade(criteria, self_total)
        model.events.append((EventKind.SELF_ASSESSED, at, f"Tổng điểm {self_total}"))
        model.version += 1
        if not appraisals:
            return
        assessors = self.rng.sample(range(1, len(ASSESSORS)), len(appraisals))
        days = sorted(int(rand() * 45) for _sheet in appraisals)
        for points, total, assessor, day in zip(appraisals, totals, assessors, days, strict=True):
            at = office_time(rand, datetime.date(year, 10, 1) + datetime.timedelta(days=day))
            model.sheets.append(
                _Sheet(AssessmentKind.APPRAISAL, assessor, at, points, total, _grade(criteria, total))
            )
            model.events.append((EventKind.APPRAISED, at, f"{ASSESSORS[assessor][1]}: {total} điểm"))
            model.version += 1
        model.appraisal_score, model.grade = mean, _grade(criteria, mean)

    def _decision_day(self, unit_id: int, year: int, province: bool) -> datetime.date:
        key = (unit_id, year)
        if key not in self.decision_days:
            first = datetime.date(year, 12, 1) if province else datetime.date(year, 11, 20)
            self.decision_days[key] = first + datetime.timedelta(days=int(self.rand() * 28))
        return self.decision_days[key]

    def _decide(self, model: _Model) -> None:
        rand, place = self.rand, model.place
        if model.status == Status.NOT_RECOGNISED:
            model.decision_date = self._decision_day(place.id, model.year, place.is_province)
            model.note = NOT_RECOGNISED_NOTES[int(rand() * len(NOT_RECOGNISED_NOTES))]
            model.events.append(
                (EventKind.NOT_RECOGNISED, moment_at(model.decision_date, 9 * 60), model.note)
            )
            model.version += 1
            return
        high = model.appraisal_score is not None and model.appraisal_score >= 90
        to_province = place.is_province or rand() < (0.55 if high else 0.2)
        level = RecognitionLevel.PROVINCE if to_province else RecognitionLevel.COMMUNE
        issuer = place.province_id if to_province else place.id
        decision = self.decisions.get((issuer, level, model.year))
        if decision is None:
            decision = self._new_decision(issuer, level, model.year)
        model.level, model.decision = level, decision
        model.decision_number, model.decision_date, model.award = (
            decision.number,
            decision.date,
            decision.award,
        )
        model.outstanding = rand() < 0.1
        if _unqualified(model):  # the services ask the board to say why it recognises it anyway
            model.note = "Ban Thường vụ thống nhất công nhận do mô hình có sức lan tỏa trong khu dân cư."
        text = (
            f"{RecognitionLevel(level).label}, quyết định số {decision.number} ngày {decision.date:%d/%m/%Y}"
        )
        model.events.append((EventKind.RECOGNISED, moment_at(decision.date, 9 * 60), text))
        model.version += 1

    def _new_decision(self, unit_id: int, level: str, year: int) -> _Decision:
        province = level == RecognitionLevel.PROVINCE
        day = self._decision_day(unit_id, year, province)
        symbol = issuers.SYMBOL_BY_LEVEL[Level.PROVINCE if province else Level.COMMUNE]
        number = 100 + int(self.rand() * 800) if province else 10 + int(self.rand() * 190)
        while (unit_id, f"{number}-QĐ/{symbol}") in self.numbers:
            number += 1
        self.numbers.add((unit_id, f"{number}-QĐ/{symbol}"))
        if province:
            award = Award.BANG_KHEN if self.rand() < 0.7 else Award.GIAY_KHEN
        else:
            award = Award.GIAY_KHEN if self.rand() < 0.8 else Award.CERTIFICATE
        decision = _Decision(self.next_decision, unit_id, level, f"{number}-QĐ/{symbol}", day, award)
        self.next_decision += 1
        self.decisions[(unit_id, level, year)] = decision
        return decision

    def _replicate_source(self, copy: _Model) -> None:
        """As the services do when a copy is recognised: a source still only recognised is replicated."""
        source = copy.source
        if source.status != Status.RECOGNISED:
            return
        note = f"Được nhân rộng tại {copy.place.name}: “{copy.name}”."
        source.status, source.replicated_at = Status.REPLICATED, copy.decision_date
        source.replication_note = note
        source.events.append((EventKind.REPLICATED, moment_at(copy.decision_date, 9 * 60 + 5), note))
        source.version += 1

    def _board_replications(self) -> None:
        """Some recognised models of the earlier years are later marked replicated by the board."""
        last_day = datetime.date(self.years[-1], 12, 31)
        for model in self.models:
            if model.status != Status.RECOGNISED or self.rand() >= BOARD_REPLICATED_SHARE:
                continue
            day = model.decision_date + datetime.timedelta(days=60 + int(self.rand() * 240))
            if day > last_day:
                continue
            note = BOARD_REPLICATION_NOTES[int(self.rand() * len(BOARD_REPLICATION_NOTES))].format(
                n=2 + int(self.rand() * 6)
            )
            model.status, model.replicated_at, model.replication_note = Status.REPLICATED, day, note
            model.events.append((EventKind.REPLICATED, office_time(self.rand, day), note))
            model.version += 1


def _unqualified(model: _Model) -> bool:
    criteria = model.criteria
    return bool(
        criteria is not None
        and model.appraisal_score is not None
        and (criteria.qualifying is None or model.appraisal_score < criteria.qualifying)
    )


MODEL_FIELDS = [
    "id", "name", "kind", "field", "unit", "province_code", "district_code", "commune_code",
    "owner_organisation", "owner_name", "owner_position", "year", "period_start", "period_end", "description",
    "results", "criteria_set", "status", "self_score", "appraisal_score", "grade", "recognition_level",
    "decision", "decision_number", "decision_date", "award", "awarding_body", "is_outstanding",
    "decision_note", "decided_by", "replicated_from", "replicated_at", "replication_note", "search_key",
    "version", "created_at", "updated_at", "created_by",
]  # fmt: skip
DECISION_FIELDS = [
    "id", "unit", "level", "number", "date", "issuer_kind", "issuer_parent", "issuer_name", "awarding_body",
    "award", "place", "basis", "signer_on_behalf", "signer_title", "signer_name", "created_at", "created_by",
]  # fmt: skip
ASSESSMENT_FIELDS = [
    "id", "model", "rating", "kind", "criteria_set", "assessor", "assessor_name", "organisation", "total",
    "grade", "comment", "submitted_at", "updated_at",
]  # fmt: skip
SCORE_FIELDS = ["assessment", "criterion", "points", "note"]
MODEL_EVENT_FIELDS = ["model", "kind", "at", "actor", "text"]
SELF_COMMENT = "Đơn vị tự đánh giá theo bộ tiêu chí đang áp dụng."
APPRAISAL_COMMENTS = [
    "Mô hình có kết quả cụ thể, Nhân dân đồng tình.",
    "Cách làm phù hợp, cần tiếp tục duy trì và nhân rộng.",
    "Kết quả còn khiêm tốn, cần lượng hóa rõ hơn.",
]


@dataclass
class EmulationCounts:
    models: int = 0
    decisions: int = 0
    assessments: int = 0
    scores: int = 0
    events: int = 0


def emulation_generate(
    *, provinces: list[Place], communes: list[Place], years: list[int], seed: int
) -> EmulationCounts:
    """Models of every year for the communes (0–4 each) and provinces (a few) that have none that year."""
    drawn = _Emulation(provinces=provinces, communes=communes, years=years, seed=seed)
    drawn.run()
    written = EmulationCounts()
    if not drawn.models:
        return written
    fmt, day = national._moment_formatter(), day_formatter()
    decisions = sorted(drawn.decisions.values(), key=lambda d: d.id)
    issuing = Unit.objects.select_related("parent").in_bulk({d.unit_id for d in decisions})
    rows = []
    for decision in decisions:
        unit = issuing[decision.unit_id]
        document = issuers.document_defaults(unit, IssuerKind.PARTY)
        decision.awarding_body = document.awarding_body[:200]
        basis = issuers.default_basis(unit, IssuerKind.PARTY)
        rows.append(
            (decision.id, decision.unit_id, decision.level, decision.number, day(decision.date),
             IssuerKind.PARTY, document.issuer_parent[:200], document.issuer_name[:200],
             decision.awarding_body, decision.award, document.place[:100], basis, document.signer_on_behalf,
             document.signer_title, "", fmt(moment_at(decision.date, 9 * 60)), None)
        )  # fmt: skip
    written.decisions = Table(RecognitionDecision, DECISION_FIELDS).write(rows)

    def model_rows():
        for m in drawn.models:
            awarding_body = m.decision.awarding_body if m.decision else ""
            updated = max(moment for _kind, moment, _text in m.events)
            yield (
                m.id, m.name, m.kind, m.field, m.place.id, *m.place.codes, None, m.owner, m.position, m.year,
                m.period_start and day(m.period_start), m.period_end and day(m.period_end), m.description,
                m.results, m.criteria.id if m.criteria else None, m.status, m.self_score, m.appraisal_score,
                m.grade, m.level, m.decision.id if m.decision else None, m.decision_number,
                m.decision_date and day(m.decision_date), m.award, awarding_body, m.outstanding, m.note,
                None, m.source.id if m.source else None, m.replicated_at and day(m.replicated_at),
                m.replication_note, fold(f"{m.name} {m.owner}"), m.version, fmt(m.registered_at),
                fmt(updated), None,
            )  # fmt: skip

    written.models = Table(EmulationModel, MODEL_FIELDS).write(model_rows())
    users = _assessors()
    names = [(user.get_full_name() or user.username)[:150] for user in users]
    next_assessment = national._next_id(Assessment)
    assessments, scores = [], []
    for m in drawn.models:
        for sheet in m.sheets:
            appraisal = sheet.kind == AssessmentKind.APPRAISAL
            comment = (
                APPRAISAL_COMMENTS[(m.id + sheet.assessor) % len(APPRAISAL_COMMENTS)]
                if appraisal
                else SELF_COMMENT
            )
            assessments.append(
                (next_assessment, m.id, None, sheet.kind, m.criteria.id, users[sheet.assessor].pk,
                 names[sheet.assessor], APPRAISING_BODIES[sheet.assessor - 1] if appraisal else "",
                 sheet.total, sheet.grade, comment, fmt(sheet.at), fmt(sheet.at))
            )  # fmt: skip
            for (criterion, _maximum), points in zip(m.criteria.criteria, sheet.points, strict=True):
                scores.append((next_assessment, criterion, Decimal(points).scaleb(-2), ""))
            next_assessment += 1
    written.assessments = Table(Assessment, ASSESSMENT_FIELDS).write(assessments)
    written.scores = Table(Score, SCORE_FIELDS).write(scores)
    events = sorted(
        ((m.id, kind, at, text) for m in drawn.models for kind, at, text in m.events),
        key=lambda e: (e[2], e[0]),
    )
    written.events = Table(ModelEvent, MODEL_EVENT_FIELDS).write(
        (model_id, kind, fmt(at), None, text) for model_id, kind, at, text in events
    )
    # Saving a set's first score sheet freezes it (scoring.save_assessment).
    used = {m.criteria.id for m in drawn.models if m.sheets}
    CriteriaSet.objects.filter(pk__in=used, frozen_at__isnull=True).update(frozen_at=timezone.now())
    national._reset_sequences(EmulationModel, RecognitionDecision, Assessment, Score, ModelEvent)
    return written
