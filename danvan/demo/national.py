"""A reproducible synthetic national data set on the real unit tree, written in bulk (issue 11, "Data").

Hamlets for the current communes, petitions with a consistent timeline, one conference per
commune and month whose opinions are the conference petitions, then the monthly pre-aggregates.
Rows are written as tuples, not model instances: ``executemany`` on SQLite and ``COPY`` on
PostgreSQL; Django model construction alone would cap the rate well below 50,000 petitions/s.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from danvan.bulkload import indexes_deferred
from danvan.meetings.models import Meeting, MeetingChair, MeetingType, Opinion
from danvan.petitions import deadlines
from danvan.petitions.choices import Channel, Kind, Status
from danvan.petitions.models import Petition, PetitionEvent, Topic
from danvan.petitions.services import RESERVED_PREFIX, TRACKING_ALPHABET
from danvan.pulse.models import SimilarityKey
from danvan.textproc.corpus import training_rows
from danvan.textproc.folding import fold
from danvan.units.choices import Level, Tree
from danvan.units.models import Unit

from . import expansion

# Generated petitions' tracking codes start with this; the rest is a bijection of the index.
GENERATED_PREFIX = RESERVED_PREFIX
_CODE_CHARS = 10 - len(GENERATED_PREFIX)
_CODE_SPACE = len(TRACKING_ALPHABET) ** _CODE_CHARS
_CODE_MULTIPLIER = 387_420_489  # 3**18, coprime with 31**6: index -> code is one-to-one
_CODE_OFFSET = 123_456_789
CONFERENCE_TYPE = "hoi-nghi-chi-bo-ap"

KINDS = [
    (Kind.PETITION, 46),
    (Kind.FEEDBACK, 38),
    (Kind.SUGGESTION, 8),
    (Kind.COMPLAINT, 6),
    (Kind.DENUNCIATION, 2),
]
CHANNELS = [
    (Channel.CONFERENCE, 34),
    (Channel.RECEPTION, 26),
    (Channel.PORTAL, 20),
    (Channel.PHONE, 7),
    (Channel.MAIL, 6),
    (Channel.MASS_ORGANISATION, 5),
    (Channel.PRESS, 2),
]
# Outcome templates; each is a sequence of event kinds that lifecycle.derive_status accepts.
STATUSES = [
    (Status.CLOSED, 46),
    (Status.ANSWERED, 30),
    (Status.IN_PROGRESS, 10),
    (Status.FORWARDED, 6),
    (Status.REJECTED, 5),
    (Status.NEW, 3),
]
FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE_NAMES = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Thu"]
GIVEN_NAMES = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long", "Mai", "Nam", "Tâm"]
PHRASES = [
    "đề nghị cơ quan có thẩm quyền xem xét, giải quyết",
    "bà con trong thôn phản ánh nhiều lần chưa được xử lý",
    "đề nghị công khai kết quả giải quyết",
    "ảnh hưởng đến sinh hoạt của nhiều hộ dân",
    "đề nghị kiểm tra thực tế và có phương án khắc phục",
]
ANSWERS = [
    "Đã kiểm tra thực tế và giao bộ phận chuyên môn khắc phục.",
    "Đã giải thích chính sách; người dân thống nhất.",
    "Đưa vào kế hoạch năm sau; đã thông báo cho người dân.",
]


@dataclass
class GenerationSummary:
    hamlets: int = 0
    petitions: int = 0
    events: int = 0
    meetings: int = 0
    chairs: int = 0
    opinions: int = 0
    models: int = 0
    decisions: int = 0
    assessments: int = 0
    scores: int = 0
    model_events: int = 0
    submissions: int = 0
    figures: int = 0
    submission_events: int = 0
    aggregate_cells: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def petitions_per_second(self) -> float:
        spent = self.seconds.get("petitions", 0.0)
        return self.petitions / spent if spent else 0.0


def tracking_code(*, index: int) -> str:
    """The ``index``-th generated tracking code: distinct for every index below 31**6."""
    value = (index * _CODE_MULTIPLIER + _CODE_OFFSET) % _CODE_SPACE
    chars = []
    base = len(TRACKING_ALPHABET)
    for _ in range(_CODE_CHARS):
        value, digit = divmod(value, base)
        chars.append(TRACKING_ALPHABET[digit])
    return GENERATED_PREFIX + "".join(chars)


def generated_count() -> int:
    return Petition.objects.filter(tracking_code__startswith=GENERATED_PREFIX).count()


# --- writing ------------------------------------------------------------------------------------


def _columns(model: type[models.Model], names: Sequence[str]) -> list[str]:
    return [model._meta.get_field(name).column for name in names]


def _insert(model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Write tuples in ``names`` order: COPY on PostgreSQL, executemany elsewhere."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _columns(model, names))
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        else:
            rows = list(rows)
            placeholders = ", ".join(["%s"] * len(names))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)
            count = len(rows)
    return count


BULK_LOAD_FROM = 100_000


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def _reset_sequences(*model_list: type[models.Model]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _moment_formatter() -> Callable[[datetime.datetime], str | datetime.datetime]:
    """Local naive datetimes to what each backend is given: UTC text for SQLite, an aware
    datetime for PostgreSQL (the zone has no DST)."""
    offset = timezone.get_current_timezone().utcoffset(datetime.datetime(2000, 1, 1))
    if connection.vendor == "postgresql":
        # An aware datetime is written by psycopg's C dumper: formatting text here in Python was
        # the generator's largest single cost (1.2 million moments for 200,000 petitions).
        zone = datetime.timezone(offset)
        return lambda moment: moment.replace(tzinfo=zone)
    return lambda moment: str(moment - offset)


# --- units --------------------------------------------------------------------------------------


@dataclass
class _Commune:
    id: int
    code: str
    codes: tuple[str, str, str]
    province_id: int
    hamlets: list[int]


def hamlets_ensure(*, seed: int, per_commune: int = 10) -> int:
    """Give every current commune without hamlets about ``per_commune`` of them; returns how many."""
    rng = random.Random(f"hamlets-{seed}")
    with_hamlets = set(
        Unit.objects.filter(tree=Tree.SINCE_2025, level=Level.HAMLET).values_list("parent_id", flat=True)
    )
    communes = Unit.objects.filter(tree=Tree.SINCE_2025, level=Level.COMMUNE).order_by("code")
    rows = []
    for commune in communes.only("id", "code", "tree", "valid_from", "valid_to"):
        if commune.pk in with_hamlets:
            continue
        spread = max(1, per_commune // 5)
        for n in range(1, per_commune + rng.randint(-spread, spread) + 1):
            name = f"Thôn {n}"
            rows.append(
                Unit(
                    tree=commune.tree,
                    level=Level.HAMLET,
                    code=f"{commune.code}-{n:03d}",
                    name=name,
                    short_name=name,
                    kind_name="Thôn",
                    parent_id=commune.pk,
                    path="",
                    valid_from=commune.valid_from,
                    valid_to=commune.valid_to,
                    search_key=fold(name),
                )
            )
    Unit.objects.bulk_create(rows, batch_size=2000)
    table = Unit._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET path = (SELECT p.path FROM {table} p WHERE p.id = {table}.parent_id) "
            f"|| CAST(id AS VARCHAR(20)) || '/' WHERE level = %s AND path = ''",
            [Level.HAMLET],
        )
    return len(rows)


def _communes() -> list[_Commune]:
    units = {
        pk: (level, code)
        for pk, level, code in Unit.objects.filter(tree=Tree.SINCE_2025)
        .exclude(level=Level.HAMLET)
        .values_list("id", "level", "code")
    }
    hamlets: dict[int, list[int]] = {}
    for pk, parent_id in (
        Unit.objects.filter(tree=Tree.SINCE_2025, level=Level.HAMLET)
        .order_by("code")
        .values_list("id", "parent_id")
    ):
        hamlets.setdefault(parent_id, []).append(pk)
    result = []
    for pk, code, path in (
        Unit.objects.filter(tree=Tree.SINCE_2025, level=Level.COMMUNE)
        .order_by("code")
        .values_list("id", "code", "path")
    ):
        # Same as units.selectors.unit_ancestor_codes, read off the path instead of one query per unit.
        codes = {"province": "", "district": "", "commune": ""}
        ids = [int(part) for part in path.strip("/").split("/")]
        for node in ids:
            level, node_code = units.get(node, ("", ""))
            if level in codes:
                codes[level] = node_code
                if level == Level.PROVINCE:
                    province_id = node
        result.append(
            _Commune(
                pk,
                code,
                (codes["province"], codes["district"], codes["commune"]),
                province_id,
                hamlets.get(pk, []),
            )
        )
    return result


# --- calendar -----------------------------------------------------------------------------------


def _months(start_year: int, years: int) -> list[tuple[int, int]]:
    return [(year, month) for year in range(start_year, start_year + years) for month in range(1, 13)]


def _working_days(year: int, month: int) -> list[datetime.date]:
    days = [datetime.date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
    return [d for d in days if deadlines.is_working_day(d)] or days


# --- the generator ------------------------------------------------------------------------------

MEETING_FIELDS = [
    "id", "meeting_type_id", "host_unit_id", "venue_unit_id", "venue", "starts_at", "status", "level",
    "province_code", "district_code", "commune_code", "yyyymm", "title", "attendance",
    "attendance_composition", "policies_explained", "minutes", "minutes_file", "is_public", "created_by_id",
    "created_at",
]  # fmt: skip
CHAIR_FIELDS = ["meeting_id", "name", "role"]
# The pre-aggregates the generated facts feed; a source registered later for models or figures
# (facts.services.register_source) is rebuilt too.
AGGREGATED = ("petition.", "meeting.", "emulation.", "activities.", "activity.")


def national_generate(
    *,
    petitions: int,
    years: int,
    seed: int,
    start_year: int | None = None,
    append: bool = False,
    rebuild: bool = True,
    emulation: bool = True,
    figures: bool = True,
    hotspot_cases: bool = False,
    log: Callable[[str], None] | None = None,
) -> GenerationSummary:
    """Write the synthetic set; raises ValueError when generated data exists and ``append`` is false.

    ``emulation`` and ``figures`` add "Dân vận khéo" models and periodic figures; units and periods
    that already have them are left as they are, so an append adds none twice. ``hotspot_cases``
    plants surges, repeats, skipped-level and crowd cases on the period's last days
    (``demo.hotspot_cases``) for the pulse to find."""
    log = log or (lambda _message: None)
    last_complete = timezone.localdate().year - 1
    start_year = start_year if start_year is not None else last_complete - years + 1
    if years < 1 or petitions < 0:
        raise ValueError("Số năm phải từ 1 trở lên và số ý kiến không âm.")
    if start_year + years - 1 > last_complete:
        raise ValueError(f"Dữ liệu chỉ được sinh đến hết năm {last_complete} (năm trọn vẹn gần nhất).")
    existing = generated_count()
    if existing and not append:
        raise ValueError(
            f"Đã có {existing} ý kiến sinh tự động (mã bắt đầu bằng {GENERATED_PREFIX}); "
            "dùng --append để sinh thêm."
        )
    summary = GenerationSummary()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # the default 2 MB page cache thrashes on the random-key indexes
            cursor.execute("PRAGMA cache_size = -262144")
    clock = time.perf_counter()
    with transaction.atomic():
        summary.hamlets = hamlets_ensure(seed=seed)
        summary.seconds["hamlets"] = time.perf_counter() - clock
        log(f"Thôn: {summary.hamlets} ({summary.seconds['hamlets']:.1f} s)")
        clock = time.perf_counter()
        communes = _communes()
        if not communes:
            raise ValueError("Chưa có đơn vị hành chính; hãy chạy `manage.py load_units` trước.")
        months = _months(start_year, years)
        meeting_of = _meetings_write(communes=communes, months=months, seed=seed, summary=summary)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # The hamlets' and meetings' deferred foreign-key checks are their cost, not the
                # petitions': run them here rather than when the petition load alters its tables.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        summary.seconds["meetings"] = time.perf_counter() - clock
        log(f"Hội nghị: {summary.meetings} ({summary.seconds['meetings']:.1f} s)")
        clock = time.perf_counter()
        # A large load into small tables is faster without their secondary indexes and foreign keys,
        # rebuilt once afterwards (the time to rebuild them counts in the rate).
        bulk = petitions >= BULK_LOAD_FROM and petitions >= existing
        deferred = (
            indexes_deferred([Petition, PetitionEvent, Opinion, SimilarityKey], summary.seconds)
            if bulk
            else None
        )
        with deferred or contextlib.nullcontext():
            _petitions_write(
                communes=communes,
                months=months,
                meeting_of=meeting_of,
                count=petitions,
                first_index=existing,
                seed=seed,
                summary=summary,
            )
        _reset_sequences(Petition, PetitionEvent, Meeting, MeetingChair, Opinion, Unit)
        if hotspot_cases and not append and petitions:
            from .hotspot_cases import hotspot_cases_plant

            # Surges, repeats, skipped-level and crowd cases on the period's last days (the pulse).
            hotspot_cases_plant(
                as_of=datetime.date(start_year + years - 1, 12, 31),
                seed=seed,
                per_rule=max(3, min(30, petitions // 2000)),
            )
        summary.seconds["petitions"] = time.perf_counter() - clock
        log(
            f"Ý kiến: {summary.petitions}, diễn biến: {summary.events}, ý kiến tại hội nghị: "
            f"{summary.opinions} ({summary.seconds['petitions']:.1f} s, "
            f"{summary.petitions_per_second:,.0f} ý kiến/s)"
        )
        _activity_generate(
            communes=communes,
            years=list(range(start_year, start_year + years)),
            seed=seed,
            emulation=emulation,
            figures=figures,
            summary=summary,
            log=log,
        )
        if rebuild:
            from danvan.facts.services import aggregates_rebuild, sources

            clock = time.perf_counter()
            prefixes = [p for p in sources() if p.startswith(AGGREGATED)]
            summary.aggregate_cells = aggregates_rebuild(prefixes=prefixes)
            summary.seconds["aggregates"] = time.perf_counter() - clock
            log(f"Tổng hợp theo tháng: {summary.aggregate_cells} ({summary.seconds['aggregates']:.1f} s)")
    if connection.vendor == "postgresql":
        clock = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        summary.seconds["analyze"] = time.perf_counter() - clock
    return summary


def _activity_generate(
    *,
    communes: list[_Commune],
    years: list[int],
    seed: int,
    emulation: bool,
    figures: bool,
    summary: GenerationSummary,
    log: Callable[[str], None],
) -> None:
    from . import national_activity, national_emulation

    provinces, places = national_activity.places(communes)
    if emulation:
        clock = time.perf_counter()
        written = national_emulation.emulation_generate(
            provinces=provinces, communes=places, years=years, seed=seed
        )
        summary.models, summary.decisions = written.models, written.decisions
        summary.assessments, summary.scores, summary.model_events = (
            written.assessments,
            written.scores,
            written.events,
        )
        seconds = summary.seconds["emulation"] = time.perf_counter() - clock
        rows = written.models + written.decisions + written.assessments + written.scores + written.events
        log(
            f"Mô hình “Dân vận khéo”: {written.models}, quyết định công nhận: {written.decisions}, "
            f"phiếu chấm: {written.assessments}, điểm tiêu chí: {written.scores}, diễn biến: "
            f"{written.events} ({seconds:.1f} s, {rows / seconds if seconds else 0:,.0f} dòng/s)"
        )
    if figures:
        clock = time.perf_counter()
        written = national_activity.figures_generate(
            provinces=provinces,
            communes=places,
            years=years,
            seed=seed,
            now=timezone.localtime().replace(tzinfo=None),
            seconds=summary.seconds,
        )
        summary.submissions, summary.figures = written.submissions, written.values
        summary.submission_events = written.events
        seconds = summary.seconds["figures"] = time.perf_counter() - clock
        rows = written.submissions + written.values + written.events
        log(
            f"Báo cáo số liệu định kỳ: {written.submissions}, ô số liệu: {written.values}, diễn biến: "
            f"{written.events} ({seconds:.1f} s, {rows / seconds if seconds else 0:,.0f} dòng/s)"
        )


def _meetings_write(
    *, communes: list[_Commune], months: list[tuple[int, int]], seed: int, summary: GenerationSummary
) -> dict[tuple[int, int], tuple[int, int, datetime.datetime]]:
    """One held conference per commune and month (reusing any already there): (commune, month) ->
    (meeting id, venue unit id, local start)."""
    rng = random.Random(f"meetings-{seed}")
    conference = MeetingType.objects.get(code=CONFERENCE_TYPE)
    yyyymms = [y * 100 + m for y, m in months]
    existing = {
        (host, ym): (pk, venue, timezone.localtime(starts).replace(tzinfo=None))
        for pk, host, ym, venue, starts in Meeting.objects.filter(
            meeting_type=conference, yyyymm__in=yyyymms, host_unit__level=Level.COMMUNE
        ).values_list("id", "host_unit_id", "yyyymm", "venue_unit_id", "starts_at")
    }
    fmt = _moment_formatter()
    now = fmt(timezone.localtime().replace(tzinfo=None))
    working = {(y, m): _working_days(y, m) for y, m in months}
    next_id = _next_id(Meeting)
    meetings, chairs, result = [], [], {}
    for commune in communes:
        for i, (year, month) in enumerate(months):
            key = (commune.id, year * 100 + month)
            if key in existing:
                result[key] = existing[key]
                continue
            days = working[(year, month)]
            day = days[min(len(days) - 1, len(days) // 2 + rng.randint(-4, 4))]
            starts = datetime.datetime.combine(day, datetime.time(8 if rng.random() < 0.7 else 14))
            venue = commune.hamlets[i % len(commune.hamlets)] if commune.hamlets else None
            meetings.append(
                (next_id, conference.pk, commune.id, venue, "", fmt(starts), "held", Level.COMMUNE,
                 *commune.codes, key[1], "", rng.randint(25, 90), "Đảng viên, hội viên các đoàn thể, bà con",
                 "", "", "", True, None, now)
            )  # fmt: skip
            chairs.append(
                (next_id, f"{rng.choice(FAMILY_NAMES)} Văn {rng.choice(GIVEN_NAMES)}", "party_secretary")
            )
            result[key] = (next_id, venue, starts)
            next_id += 1
    summary.meetings = _insert(Meeting, MEETING_FIELDS, meetings)
    summary.chairs = _insert(MeetingChair, CHAIR_FIELDS, chairs)
    return result


def _written_texts() -> dict[int, list[str]]:
    """Opinions written like real ones, by topic id: the textproc training corpus."""
    ids = dict(Topic.objects.values_list("code", "pk"))
    texts: dict[int, list[str]] = {}
    for row in training_rows():
        if row["topic"] in ids:
            texts.setdefault(ids[row["topic"]], []).append(row["text"])
    return texts


def _petitions_write(
    *,
    communes: list[_Commune],
    months: list[tuple[int, int]],
    meeting_of: dict,
    count: int,
    first_index: int,
    seed: int,
    summary: GenerationSummary,
) -> None:
    if not count:
        return
    clock = time.perf_counter()
    shapes = expansion.shapes_draw(
        seed=seed,
        kinds=KINDS,
        channels=CHANNELS,
        statuses=STATUSES,
        phrases=PHRASES,
        answers=ANSWERS,
        names=(FAMILY_NAMES, MIDDLE_NAMES, GIVEN_NAMES),
        texts=_written_texts(),
    )
    summary.seconds["shapes"] = time.perf_counter() - clock
    # Provinces differ a lot in volume (population, how active the front is); communes within one less.
    province_weight: dict[int, float] = {}
    unit_rng = random.Random(f"units-{seed}")
    for commune in communes:
        if commune.province_id not in province_weight:
            province_weight[commune.province_id] = unit_rng.lognormvariate(0, 0.8)
    commune_weights = [province_weight[c.province_id] * unit_rng.uniform(0.5, 1.5) for c in communes]
    month_weights = [1.0 + 0.3 * i / max(1, len(months) - 1) for i in range(len(months))]
    spec = expansion.Spec(
        first_index=first_index,
        count=count,
        first_id=_next_id(Petition),
        seed=seed,
        code_prefix=GENERATED_PREFIX,
        code_chars=_CODE_CHARS,
        code_multiplier=_CODE_MULTIPLIER,
        code_offset=_CODE_OFFSET,
    )
    petitions, events, opinions = expansion.petitions_expand(
        spec=spec,
        communes=communes,
        months=months,
        meeting_of=meeting_of,
        working={ym: _working_days(*ym) for ym in months},
        shapes=shapes,
        commune_weights=commune_weights,
        month_weights=month_weights,
        now=timezone.localtime().replace(tzinfo=None, second=0, microsecond=0),
        seconds=summary.seconds,
    )
    summary.petitions += petitions
    summary.events += events
    summary.opinions += opinions
