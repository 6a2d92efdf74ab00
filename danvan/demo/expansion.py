"""Generated petitions written by the database itself, from a few small tables drawn in Python.

Python draws a few thousand petition *shapes* (kind, channel, outcome, topic, texts and the
timeline relative to the day received, following the same rules as the services), which
communes get how many petitions (province volumes differ a lot), and which months. One
``INSERT … SELECT`` over a number sequence then combines shape, commune and month for each
petition: the n-th petition takes table entries at ``(n × a) mod m`` with pairwise coprime table
sizes, so every combination occurs evenly and the same seed gives the same rows. Dates, working
-day deadlines and tracking codes are table lookups or integer arithmetic that both SQLite and
PostgreSQL evaluate. Building rows in Python capped the generator near 10,000 petitions/s.

All moments are handled as local minutes since 1970-01-01 and days as days since then.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import Max
from django.utils import timezone

from danvan.meetings.models import Opinion
from danvan.petitions import deadlines
from danvan.petitions.choices import Channel, DayType, EventKind, Kind, Status
from danvan.petitions.models import LegalLimit, Petition, PetitionEvent, Topic
from danvan.petitions.pins import hash_pin
from danvan.petitions.services import TRACKING_ALPHABET
from danvan.pulse.models import SimilarityKey
from danvan.pulse.services import petition_keys
from danvan.textproc.folding import fold

EPOCH = datetime.date(1970, 1, 1)
# Table sizes: pairwise coprime, so (n mod each) runs through every combination evenly.
SHAPES = 8191  # 2**13 - 1, prime
COMMUNE_PICKS = 65536
MONTH_PICKS = 4093  # prime
# Multipliers coprime with their table size: consecutive petitions land far apart in each table.
STRIDES = {"shape": 7919, "commune": 40503, "month": 2089}
DUE_KEY = 100_000  # due-date table key: combination * DUE_KEY + day


@dataclass
class Spec:
    """What the expansion needs besides the shapes: ids, indexes and the seed."""

    first_index: int  # of the tracking-code sequence
    count: int
    first_id: int
    seed: int
    code_prefix: str
    code_chars: int
    code_multiplier: int
    code_offset: int


def day_number(day: datetime.date) -> int:
    return (day - EPOCH).days


def minute_number(moment: datetime.datetime) -> int:
    """Local naive moment -> local minutes since the epoch."""
    return day_number(moment.date()) * 1440 + moment.hour * 60 + moment.minute


class _Dialect:
    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        offset = timezone.get_current_timezone().utcoffset(datetime.datetime(2000, 1, 1))
        self.offset_seconds = int(offset.total_seconds())

    def numbers(self) -> str:
        """A CTE ``seq(n)`` from %s to %s."""
        if self.postgres:
            return "WITH seq(n) AS (SELECT generate_series(CAST(%s AS bigint), CAST(%s AS bigint)))"
        return "WITH RECURSIVE seq(n) AS (SELECT %s UNION ALL SELECT n + 1 FROM seq WHERE n < %s)"

    def moment(self, minutes: str) -> str:
        seconds = f"(({minutes}) * 60 - {self.offset_seconds})"
        if self.postgres:
            return f"to_timestamp({seconds})"
        # Django's text form of a moment; datetime() writes it 4× faster than the same strftime().
        return f"datetime({seconds}, 'unixepoch')"

    def date(self, days: str) -> str:
        if self.postgres:
            return f"(DATE '1970-01-01' + CAST({days} AS integer))"
        return f"date(({days}) * 86400, 'unixepoch')"


# --- the small tables ---------------------------------------------------------------------------

TABLES = {
    "gen_shape": "id INTEGER PRIMARY KEY, kind VARCHAR(20), channel VARCHAR(20), status VARCHAR(20), "
    "topic_id INTEGER, is_conf BOOLEAN, day_frac INTEGER, minute_of_day INTEGER, use_hamlet BOOLEAN, "
    "hamlet_frac INTEGER, is_complex BOOLEAN, is_remote BOOLEAN, acc_combo INTEGER, res_combo INTEGER, "
    "ext_combo INTEGER, accept_off INTEGER, handling_up BOOLEAN, extensions INTEGER, public_answer TEXT, "
    "answered_off INTEGER, closed_off INTEGER, rating INTEGER, title TEXT, body TEXT, search_key TEXT, "
    "citizen_name TEXT, outcome VARCHAR(20), on_spot BOOLEAN, n_events INTEGER",
    "gen_shape_event": "shape_id INTEGER, seq INTEGER, kind VARCHAR(20), offset_min INTEGER, "
    "from_commune BOOLEAN, to_province BOOLEAN, rating INTEGER, due_ref INTEGER, PRIMARY KEY (seq, shape_id)",
    "gen_shape_key": "shape_id INTEGER, key INTEGER",
    "gen_commune": "idx INTEGER PRIMARY KEY, id INTEGER, province_id INTEGER, pcode VARCHAR(16), "
    "dcode VARCHAR(16), ccode VARCHAR(16), n_hamlets INTEGER",
    "gen_hamlet": "key INTEGER PRIMARY KEY, unit_id INTEGER",
    "gen_month": "idx INTEGER PRIMARY KEY, ym INTEGER, n_wd INTEGER",
    "gen_wd": "key INTEGER PRIMARY KEY, d INTEGER",
    "gen_meeting": "key BIGINT PRIMARY KEY, meeting_id INTEGER, venue INTEGER, start_min INTEGER",
    "gen_due": "key INTEGER PRIMARY KEY, due_day INTEGER",
    "gen_cpick": "idx INTEGER PRIMARY KEY, commune_idx INTEGER",
    "gen_mpick": "idx INTEGER PRIMARY KEY, month_idx INTEGER",
    "gen_position": "meeting_id INTEGER PRIMARY KEY, m INTEGER",
    "gen_p": "id BIGINT, n BIGINT, shape_id INTEGER, commune_idx INTEGER, ym INTEGER, "
    "received_min BIGINT, unit_id INTEGER, handling_id INTEGER, meeting_id INTEGER, acc_due INTEGER, "
    "due1 INTEGER, due2 INTEGER",
}


def _fill(cursor, table: str, rows: Sequence[Sequence]) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        placeholders = ", ".join(["%s"] * len(rows[0]))
        cursor.executemany(f"INSERT INTO {table} VALUES ({placeholders})", list(rows))


class _Calendar:
    """Working-day arithmetic by table: the n-th working day after d is ``working[before[d] + n - 1]``."""

    def __init__(self, first: datetime.date, last: datetime.date):
        self.first = day_number(first)
        self.working: list[int] = []
        self.before: list[int] = []  # working days on or before each day, from ``first``
        day = first
        while day <= last:
            if deadlines.is_working_day(day):
                self.working.append(day_number(day))
            self.before.append(len(self.working))
            day += datetime.timedelta(days=1)

    def add(self, day: int, days: int, day_type: str) -> int:
        if day_type == DayType.CALENDAR:
            return day + days
        return self.working[self.before[day - self.first] + days - 1]

    def days(self) -> range:
        return range(self.first, self.first + len(self.before))


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def shapes_draw(
    *, seed: int, kinds, channels, statuses, phrases, answers, names, texts=None
) -> tuple[list[tuple], list[tuple], dict[tuple[int, str], int], list[tuple[int, int]]]:
    """The petition shapes and their timelines (offsets in minutes from receipt), the (days, day
    type) combinations their deadlines use, and each shape's similar-opinion keys.

    ``texts`` maps a topic id to opinions written like real ones (the textproc training corpus),
    so that the similar-opinion index holds what a real one would; without one, a stock phrase."""
    texts = texts or {}
    rng = random.Random(f"shapes-{seed}")
    rand = rng.random

    def randint(low: int, high: int) -> int:
        return low + int(rand() * (high - low + 1))

    def pick(pairs):
        values, cum = [v for v, _ in pairs], _cumulative([w for _, w in pairs])
        return rng.choices(values, cum_weights=cum, k=SHAPES)

    limits = {limit.kind: limit for limit in LegalLimit.objects.all()}
    combos: dict[tuple[int, str], int] = {}

    def combo(days: int | None, kind: str) -> int | None:
        if not days:
            return None
        key = (days, limits[kind].day_type if kind in limits else DayType.WORKING)
        return combos.setdefault(key, len(combos) + 1)

    leaves = list(Topic.objects.filter(parent__isnull=False, is_active=True).order_by("code"))
    topic_rng = random.Random(f"topics-{seed}")
    ranks = list(range(len(leaves)))
    topic_rng.shuffle(ranks)
    topic_ids = [t.pk for t in leaves] or [None]
    topics = rng.choices(
        topic_ids,
        cum_weights=_cumulative([1.0 / (r + 1) ** 1.1 for r in ranks]) if leaves else None,
        k=SHAPES,
    )
    topic_names = {t.pk: t.name for t in leaves}
    family, middle, given = names
    day, minute = 1440, 1
    shapes, events, keys = [], [], []
    keys_of: dict[tuple[str, str], list[int]] = {}
    for sid, kind, channel, status, topic in zip(
        range(SHAPES), pick(kinds), pick(channels), pick(statuses), topics, strict=True
    ):
        is_conf = channel == Channel.CONFERENCE
        if is_conf and kind in (Kind.COMPLAINT, Kind.DENUNCIATION):
            kind = Kind.PETITION  # said aloud at a conference, not filed
        limit = limits.get(kind)
        day_frac, minute_of_day = randint(0, 999), randint(7, 16) * 60 + randint(0, 59)
        use_hamlet, hamlet_frac = rand() < 0.7, randint(0, 999)
        complex_, remote = kind == Kind.COMPLAINT and rand() < 0.15, rand() < 0.05
        acc_combo = combo(limit.acceptance_days if limit else 10, kind)
        res_days = deadlines.resolution_days(limit, is_complex=complex_, is_remote=remote) if limit else 15
        res_combo = ext_combo = answered_off = closed_off = rating = None
        accept_off, extensions, public_answer, handling_up = 0, 0, "", False
        timeline = [(EventKind.RECEIVED, 0, False, False, None, None)]
        on_spot = is_conf and status in (Status.ANSWERED, Status.CLOSED) and rand() < 0.6
        at = 0
        if on_spot:
            public_answer = answers[randint(0, len(answers) - 1)]
            answered_off = 0
            timeline.append((EventKind.ANSWERED_ON_SPOT, 0, False, False, None, None))
        elif status == Status.FORWARDED:
            at = day * randint(1, 5)
            handling_up = True
            timeline.append((EventKind.FORWARDED, at, True, True, None, None))
        elif status == Status.REJECTED:
            at = closed_off = day * randint(2, 9)
            public_answer = "Không thuộc thẩm quyền hoặc không đủ điều kiện thụ lý."
            timeline.append((EventKind.REJECTED, at, False, False, None, None))
        elif status != Status.NEW:
            at = accept_off = day * randint(1, 9) + minute * randint(0, 300)
            res_combo = combo(res_days, kind)
            timeline.append((EventKind.ACCEPTED, at, False, False, None, 1 if res_combo else None))
            if limit and limit.max_extensions and limit.extension_days and res_combo and rand() < 0.3:
                at += day * randint(5, 20)
                ext_combo = combo(limit.extension_days, kind)
                extensions = 1
                timeline.append((EventKind.EXTENDED, at, False, False, None, 2))
            if status in (Status.ANSWERED, Status.CLOSED):
                at += day * randint(3, int((res_days or 15) * 1.6))
                answered_off = at
                public_answer = answers[randint(0, len(answers) - 1)]
                timeline.append((EventKind.ANSWERED, at, False, False, None, None))
        if status in (Status.ANSWERED, Status.CLOSED):
            if rand() < 0.3:
                at += day * randint(1, 10)
                rating = (5, 5, 4, 4, 4, 3, 2, 1)[randint(0, 7)]
                timeline.append((EventKind.RATED, at, False, False, rating, None))
            if status == Status.CLOSED:
                at += day * randint(1, 15)
                closed_off = at
                timeline.append((EventKind.CLOSED, at, False, False, None, None))
        subject = topic_names.get(topic, "Đời sống dân cư")
        title = f"{Kind(kind).label} về {subject.lower()}"
        written = texts.get(topic)
        body = (
            written[randint(0, len(written) - 1)]
            if written
            else f"{title}: {phrases[randint(0, len(phrases) - 1)]}."
        )
        name = (
            f"{family[randint(0, len(family) - 1)]} {middle[randint(0, len(middle) - 1)]} "
            + (given[randint(0, len(given) - 1)])
        )
        outcome = "answered_on_spot" if on_spot else "forwarded" if status == Status.FORWARDED else "recorded"
        shapes.append(
            (sid, kind, channel, status, topic, is_conf, day_frac, minute_of_day, use_hamlet, hamlet_frac,
             complex_, remote, acc_combo, res_combo, ext_combo, accept_off, handling_up, extensions,
             public_answer, answered_off, closed_off, rating, title, body, fold(f"{title} {body}"), name,
             outcome, on_spot, len(timeline))
        )  # fmt: skip
        for seq, (event_kind, off, from_commune, to_province, rated, due_ref) in enumerate(timeline):
            events.append((sid, seq, event_kind, off, from_commune, to_province, rated, due_ref))
        if (title, body) not in keys_of:  # a few thousand distinct texts among the shapes
            keys_of[(title, body)] = list(dict.fromkeys(petition_keys(title=title, text=body)))
        keys.extend((sid, key) for key in keys_of[(title, body)])
    return shapes, events, combos, keys


def petitions_expand(
    *,
    spec: Spec,
    communes: Sequence,
    months: Sequence[tuple[int, int]],
    meeting_of: dict,
    working: dict,
    shapes: tuple[list, list, dict],
    commune_weights: Sequence[float],
    month_weights: Sequence[float],
    now: datetime.datetime,
    seconds: dict[str, float],
) -> tuple[int, int, int]:
    """Write ``spec.count`` petitions with their timelines and conference opinions; returns
    (petitions, events, opinions) written."""
    sql = _Dialect()
    shape_rows, event_rows, combos, key_rows = shapes
    rng = random.Random(f"picks-{spec.seed}")
    clock = time.perf_counter()
    first_day = datetime.date(*months[0], 1)
    last_month = months[-1]
    calendar_ = _Calendar(first_day, datetime.date(last_month[0] + 2, 12, 31))
    due_rows = [
        (number * DUE_KEY + d, calendar_.add(d, days, day_type))
        for (days, day_type), number in combos.items()
        for d in calendar_.days()[: len(calendar_.before) - 400]
    ]
    commune_rows = [
        (i, c.id, c.province_id, *c.codes, len(c.hamlets)) for i, c in enumerate(communes)
    ]  # fmt: skip
    hamlet_rows = [(i * 1000 + k, h) for i, c in enumerate(communes) for k, h in enumerate(c.hamlets)]
    month_rows = [(i, y * 100 + m, len(working[(y, m)])) for i, (y, m) in enumerate(months)]
    wd_rows = [
        ((y * 100 + m) * 100 + k, day_number(d)) for (y, m) in months for k, d in enumerate(working[(y, m)])
    ]
    index_of = {c.id: i for i, c in enumerate(communes)}
    meeting_rows = [
        (index_of[commune_id] * 1_000_000 + ym, meeting_id, venue, minute_number(starts))
        for (commune_id, ym), (meeting_id, venue, starts) in meeting_of.items()
        if commune_id in index_of
    ]
    cpick_rows = list(
        enumerate(
            rng.choices(range(len(communes)), cum_weights=_cumulative(commune_weights), k=COMMUNE_PICKS)
        )
    )
    mpick_rows = list(
        enumerate(rng.choices(range(len(months)), cum_weights=_cumulative(month_weights), k=MONTH_PICKS))
    )
    offsets = [rng.randrange(1_000_000) for _ in range(3)]
    position_rows = []
    if spec.first_index:
        position_rows = list(
            Opinion.objects.filter(meeting_id__in=[m[1] for m in meeting_rows])
            .values("meeting_id")
            .annotate(m=Max("position"))
            .values_list("meeting_id", "m")
        )
    with connection.cursor() as cursor:
        for table, columns in TABLES.items():
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute(f"CREATE TEMPORARY TABLE {table} ({columns})")
        for table, rows in [
            ("gen_shape", shape_rows),
            ("gen_shape_event", event_rows),
            ("gen_shape_key", key_rows),
            ("gen_commune", commune_rows),
            ("gen_hamlet", hamlet_rows),
            ("gen_month", month_rows),
            ("gen_wd", wd_rows),
            ("gen_meeting", meeting_rows),
            ("gen_due", due_rows),
            ("gen_cpick", cpick_rows),
            ("gen_mpick", mpick_rows),
            ("gen_position", position_rows),
        ]:
            _fill(cursor, table, rows)
        if sql.postgres:
            for table in TABLES:
                cursor.execute(f"ANALYZE {table}")
            cursor.execute("SET LOCAL work_mem = '256MB'")
        seconds["tables"] = time.perf_counter() - clock

        clock = time.perf_counter()
        received = "CASE WHEN s.is_conf THEN mt.start_min ELSE wd.d * 1440 + s.minute_of_day END"
        cursor.execute(
            f"""{sql.numbers()}
            INSERT INTO gen_p (id, n, shape_id, commune_idx, ym, received_min, unit_id, handling_id,
                               meeting_id, acc_due, due1, due2)
            SELECT b.id, b.n, b.shape_id, b.commune_idx, b.ym, b.received_min, b.unit_id, b.handling_id,
                   b.meeting_id, a.due_day, r1.due_day, r2.due_day
            FROM (
                SELECT seq.n + %s AS id, seq.n AS n, s.id AS shape_id, c.idx AS commune_idx, mo.ym AS ym,
                    {received} AS received_min,
                    CASE WHEN s.is_conf THEN COALESCE(mt.venue, c.id)
                         WHEN s.use_hamlet AND h.unit_id IS NOT NULL THEN h.unit_id ELSE c.id END AS unit_id,
                    CASE WHEN s.handling_up THEN c.province_id ELSE c.id END AS handling_id,
                    CASE WHEN s.is_conf THEN mt.meeting_id END AS meeting_id
                FROM seq
                JOIN gen_shape s ON s.id = ((seq.n + %s) * {STRIDES["shape"]}) %% {SHAPES}
                JOIN gen_cpick cp ON cp.idx = ((seq.n + %s) * {STRIDES["commune"]}) %% {COMMUNE_PICKS}
                JOIN gen_commune c ON c.idx = cp.commune_idx
                JOIN gen_mpick mp ON mp.idx = ((seq.n + %s) * {STRIDES["month"]}) %% {MONTH_PICKS}
                JOIN gen_month mo ON mo.idx = mp.month_idx
                LEFT JOIN gen_wd wd ON wd.key = mo.ym * 100 + (s.day_frac * mo.n_wd) / 1000
                LEFT JOIN gen_hamlet h ON h.key = c.idx * 1000 + (s.hamlet_frac * c.n_hamlets) / 1000
                LEFT JOIN gen_meeting mt ON mt.key = CAST(c.idx AS BIGINT) * 1000000 + mo.ym
            ) b
            JOIN gen_shape s ON s.id = b.shape_id
            LEFT JOIN gen_due a ON a.key = s.acc_combo * {DUE_KEY} + b.received_min / 1440
            LEFT JOIN gen_due r1 ON r1.key = s.res_combo * {DUE_KEY} + (b.received_min + s.accept_off) / 1440
            LEFT JOIN gen_due r2 ON r2.key = s.ext_combo * {DUE_KEY} + r1.due_day""",
            [
                spec.first_index,
                spec.first_index + spec.count - 1,
                spec.first_id - spec.first_index,
                *offsets,
            ],
        )
        if sql.postgres:
            cursor.execute("ANALYZE gen_p")
        seconds["staged"] = time.perf_counter() - clock

        clock = time.perf_counter()
        petitions = _petitions_insert(cursor, sql, spec)
        seconds["petition rows"] = time.perf_counter() - clock
        clock = time.perf_counter()
        events = 0
        for seq in range(max((row[-1] for row in shape_rows), default=0)):
            events += _events_insert(cursor, sql, seq)
        seconds["event rows"] = time.perf_counter() - clock
        clock = time.perf_counter()
        opinions = _opinions_insert(cursor, sql, now)
        seconds["opinion rows"] = time.perf_counter() - clock
        clock = time.perf_counter()
        _keys_insert(cursor)
        seconds["similarity keys"] = time.perf_counter() - clock
        for table in TABLES:
            cursor.execute(f"DROP TABLE {table}")
    return petitions, events, opinions


def _columns(model, names: Sequence[str]) -> str:
    return ", ".join(connection.ops.quote_name(model._meta.get_field(name).column) for name in names)


def _tracking_code(spec: Spec, n: str) -> str:
    """SQL for petition n's tracking code: the same bijection as ``national.tracking_code``."""
    space = len(TRACKING_ALPHABET) ** spec.code_chars
    value = f"(({n}) * {spec.code_multiplier} + {spec.code_offset}) %% {space}"
    base = len(TRACKING_ALPHABET)
    digits = [
        f"substr('{TRACKING_ALPHABET}', CAST(({value} / {base**k}) %% {base} AS integer) + 1, 1)"
        for k in range(spec.code_chars)
    ]
    return " || ".join([f"'{spec.code_prefix}'", *digits])


def _petitions_insert(cursor, sql: _Dialect, spec: Spec) -> int:
    names = [
        "id", "tracking_code", "pin_hash", "kind", "channel", "topic_id", "unit_id", "handling_unit_id",
        "handling_organisation_id", "province_code", "district_code", "commune_code", "yyyymm", "title",
        "text", "citizen_name", "citizen_phone", "citizen_email", "citizen_address", "is_complex",
        "is_remote", "received_at", "acceptance_due", "due_date", "extensions", "status", "public_answer",
        "answered_at", "closed_at", "rating", "rating_comment", "citizen_reopened", "merged_into_id",
        "search_key", "version", "created_by_id",
    ]  # fmt: skip
    table = connection.ops.quote_name(Petition._meta.db_table)
    cursor.execute(
        f"""INSERT INTO {table} ({_columns(Petition, names)})
        SELECT p.id, {_tracking_code(spec, "p.n")}, %s, s.kind, s.channel, s.topic_id, p.unit_id,
            p.handling_id, NULL, c.pcode, c.dcode, c.ccode, p.ym, s.title, s.body, s.citizen_name, '', '', '',
            s.is_complex, s.is_remote, {sql.moment("p.received_min")}, {sql.date("p.acc_due")},
            {sql.date("COALESCE(p.due2, p.due1)")}, s.extensions, s.status, s.public_answer,
            {sql.moment("p.received_min + s.answered_off")}, {sql.moment("p.received_min + s.closed_off")},
            s.rating, '', %s, NULL, s.search_key, s.n_events, NULL
        FROM gen_p p JOIN gen_shape s ON s.id = p.shape_id JOIN gen_commune c ON c.idx = p.commune_idx""",
        [hash_pin("000000"), False],
    )
    return cursor.rowcount


def _events_insert(cursor, sql: _Dialect, seq: int) -> int:
    """One pass per position in the timeline, so that a petition's events are in id order."""
    names = [
        "petition_id", "kind", "at", "actor_id", "text", "is_internal", "from_unit_id", "to_unit_id",
        "organisation_id", "other_petition_id", "rating", "due_date",
    ]  # fmt: skip
    table = connection.ops.quote_name(PetitionEvent._meta.db_table)
    cursor.execute(
        f"""INSERT INTO {table} ({_columns(PetitionEvent, names)})
        SELECT p.id, e.kind, {sql.moment("p.received_min + e.offset_min")}, NULL, '', %s,
            CASE WHEN e.from_commune THEN c.id END, CASE WHEN e.to_province THEN c.province_id END,
            NULL, NULL, e.rating,
            CASE e.due_ref WHEN 1 THEN {sql.date("p.due1")} WHEN 2 THEN {sql.date("p.due2")} END
        FROM gen_shape_event e JOIN gen_p p ON p.shape_id = e.shape_id
        JOIN gen_commune c ON c.idx = p.commune_idx
        WHERE e.seq = %s""",
        [False, seq],
    )
    return cursor.rowcount


def _opinions_insert(cursor, sql: _Dialect, now: datetime.datetime) -> int:
    names = ["meeting_id", "position", "text", "topic_id", "outcome", "answer", "petition_id", "created_at"]
    table = connection.ops.quote_name(Opinion._meta.db_table)
    cursor.execute(
        f"""INSERT INTO {table} ({_columns(Opinion, names)})
        SELECT p.meeting_id, ROW_NUMBER() OVER (PARTITION BY p.meeting_id ORDER BY p.id) + COALESCE(x.m, 0),
            s.body, s.topic_id, s.outcome, CASE WHEN s.on_spot THEN s.public_answer ELSE '' END, p.id,
            {sql.moment("%s")}
        FROM gen_p p JOIN gen_shape s ON s.id = p.shape_id
        LEFT JOIN gen_position x ON x.meeting_id = p.meeting_id
        WHERE p.meeting_id IS NOT NULL""",
        [minute_number(now)],
    )
    return cursor.rowcount


def _keys_insert(cursor) -> int:
    """Each petition's similar-opinion keys: its shape's, as ``pulse.services.index_petition`` writes."""
    table = connection.ops.quote_name(SimilarityKey._meta.db_table)
    columns = _columns(SimilarityKey, ["key", "petition_id", "province_code", "commune_code"])
    cursor.execute(
        f"""INSERT INTO {table} ({columns})
        SELECT k.key, p.id, c.pcode, c.ccode FROM gen_p p JOIN gen_shape_key k ON k.shape_id = p.shape_id
        JOIN gen_commune c ON c.idx = p.commune_idx ORDER BY p.id"""
    )
    return cursor.rowcount
