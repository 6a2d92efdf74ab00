"""Periodic figures for the synthetic national set (issue 11, "Data"), and what the generator's
other activity parts share (``national_emulation``).

For every active data set, one entry form per reporting unit of the since-2025 tree (provinces,
communes) and period of the generated years, as the services would have left it: mostly
approved, some sent and waiting, a few drafts, timed inside the period's submission window; one
figure per cell (and per option of a breakdown) drawn so that the data set's validation rules
hold (parts first, totals as their sums), communes smaller than provinces; and the form's
history. Rows are tuples handed to ``national._insert`` (COPY on PostgreSQL, executemany on
SQLite) with ids assigned here; the same seed gives the same rows.
"""

from __future__ import annotations

import contextlib
import datetime
import itertools
import math
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, models

from danvan.activities.choices import EventKind as FormEvent
from danvan.activities.choices import State, ValueType
from danvan.activities.models import DataSet, DataValue, Submission, SubmissionEvent
from danvan.activities.periods import Period, periods_between
from danvan.activities.validation import Schema, counts
from danvan.bulkload import indexes_deferred
from danvan.units.choices import Level, Tree
from danvan.units.models import Unit

from . import national

CHUNK = 50_000  # rows per executemany on SQLite, so a large load is never held in memory at once

# --- writing ------------------------------------------------------------------------------------


class Table:
    """Rows of ``model`` as tuples in ``names`` order. A column added to the model later gets its
    default, so a new field with a default does not break the generator."""

    def __init__(self, model: type[models.Model], names: Sequence[str]):
        self.model = model
        rest = [
            f
            for f in model._meta.concrete_fields
            if f.name not in names and f.attname not in names and not f.primary_key
        ]
        self.names = [*names, *(f.name for f in rest)]
        self.extra = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)

    def write(self, rows: Iterable[tuple]) -> int:
        if self.extra:
            rows = (row + self.extra for row in rows)
        if connection.vendor == "postgresql":
            return national._insert(self.model, self.names, rows)
        written, rows = 0, iter(rows)
        while chunk := list(itertools.islice(rows, CHUNK)):
            written += national._insert(self.model, self.names, chunk)
        return written


def day_formatter() -> Callable[[datetime.date], str | datetime.date]:
    if connection.vendor == "postgresql":
        return lambda day: day
    return lambda day: day.isoformat()


def moment_at(day: datetime.date, minutes: float) -> datetime.datetime:
    """``day`` at ``minutes`` after midnight, to the minute."""
    hour, minute = divmod(int(minutes), 60)
    return datetime.datetime(day.year, day.month, day.day, hour, minute)


def office_time(rand: Callable[[], float], day: datetime.date) -> datetime.datetime:
    return moment_at(day, 7.5 * 60 + rand() * 9 * 60)


def weighted_pick(rand: Callable[[], float], weighted: Sequence[tuple[object, float]]):
    threshold = rand() * sum(w for _value, w in weighted)
    for value, weight in weighted:
        threshold -= weight
        if threshold < 0:
            return value
    return weighted[-1][0]


def poisson(rand: Callable[[], float], mean: float) -> int:
    limit, k, product = math.exp(-mean), 0, rand()
    while product > limit:
        k += 1
        product *= rand()
    return k


@dataclass
class Place:
    """A unit the generator writes for: a current commune or province."""

    id: int
    name: str
    codes: tuple[str, str, str]
    province_id: int
    path: str
    hamlets: int = 0

    @property
    def is_province(self) -> bool:
        return self.id == self.province_id


def places(communes: Sequence[national._Commune]) -> tuple[list[Place], list[Place]]:
    """(provinces, communes) of the since-2025 tree, in code order."""
    units = {
        pk: (name, path)
        for pk, name, path in Unit.objects.filter(
            tree=Tree.SINCE_2025, level__in=[Level.PROVINCE, Level.COMMUNE]
        ).values_list("id", "name", "path")
    }
    provinces = [
        Place(pk, units[pk][0], (code, "", ""), pk, units[pk][1])
        for pk, code in Unit.objects.filter(tree=Tree.SINCE_2025, level=Level.PROVINCE)
        .order_by("code")
        .values_list("id", "code")
    ]
    return provinces, [
        Place(c.id, units[c.id][0], c.codes, c.province_id, units[c.id][1], len(c.hamlets)) for c in communes
    ]


def province_weights(provinces: Sequence[Place], seed: str) -> dict[int, float]:
    # Provinces differ a lot in how active they are, as for petitions.
    rng = random.Random(seed)
    return {p.id: rng.lognormvariate(0, 0.6) for p in provinces}


# --- periodic figures ---------------------------------------------------------------------------

Cells = dict[str, object]  # cell key -> int, Decimal or an option code


def _dossiers(rand, scale: float, province: bool, options) -> Cells:
    received = max(1, int((18_000 if province else 650) * scale * (0.8 + 0.4 * rand())))
    returned = int(received * 0.02 * rand())
    in_progress = int(received * (0.005 + 0.035 * rand()))
    late = int(received * 0.02 * rand())
    return {
        "received": received,
        "settled_on_time": received - returned - in_progress - late,
        "settled_late": late,
        "in_progress": in_progress,
        "returned": returned,
    }


SUPERVISION_RATES = {
    "fatherland_front": 2.0,
    "peoples_council": 1.5,
    "inspection_board": 1.2,
    "investment_board": 0.8,
    "womens_union": 0.8,
    "farmers_union": 0.7,
    "youth_union": 0.5,
    "veterans_association": 0.5,
    "trade_union": 0.3,
}


def _supervision(rand, scale: float, province: bool, options) -> Cells:
    cells: Cells = {}
    size = (6.0 if province else 1.0) * math.sqrt(scale)
    for option in options.get("supervisions", []):
        rate = SUPERVISION_RATES.get(option, 0.5) * size
        supervisions = int(rate * (0.4 + 1.2 * rand()) + rand())
        critiques = int(rate * 0.3 * rand() + 0.3 * rand())
        recommendations = int((supervisions + critiques) * (0.5 + 2.5 * rand()))
        cells[f"supervisions.{option}"] = supervisions
        cells[f"critiques.{option}"] = critiques
        cells[f"recommendations.{option}"] = recommendations
        cells[f"recommendations_settled.{option}"] = int(recommendations * (0.4 + 0.6 * rand()))
    return cells


TRAINEE_WEIGHTS = {
    "mobilisation_officials": 3,
    "front_and_unions": 4,
    "government_officials": 2,
    "party_members": 5,
    "others": 2,
}


def _training(rand, scale: float, province: bool, options) -> Cells:
    conferences = int((8.0 if province else 1.2) * math.sqrt(scale) * 2 * rand())
    kinds = options.get("participants", [])
    cells: Cells = {"conferences": conferences}
    if not kinds:
        return cells
    total = int(conferences * ((80 + 120 * rand()) if province else (30 + 50 * rand())))
    weights = [TRAINEE_WEIGHTS.get(kind, 1) * (0.3 + rand()) for kind in kinds]
    shares = [int(total * w / sum(weights)) for w in weights]
    shares[0] += total - sum(shares)  # the parts add up to the total exactly
    cells.update({f"participants.{kind}": n for kind, n in zip(kinds, shares, strict=True)})
    return cells


def _democracy(rand, scale: float, province: bool, options) -> Cells:
    if province:
        agencies = 200 + int(700 * math.sqrt(scale) * rand())
        enterprises = 100 + int(1500 * scale * rand())
    else:
        agencies, enterprises = 3 + int(12 * rand()), int(15 * scale * rand())
    return {
        "agencies_total": agencies,
        "agencies_held": agencies - int(agencies * 0.12 * rand()),
        "enterprises_total": enterprises,
        "enterprises_held": enterprises - int(enterprises * 0.35 * rand()),
    }


FRIENDLY_BANDS = [(90, "tot"), (80, "kha"), (65, "dat"), (0, "chua_dat")]


def _friendly(rand, scale: float, province: bool, options) -> Cells:
    score = 600 + int(390 * rand())
    rating = next(code for floor, code in FRIENDLY_BANDS if score >= floor * 10)
    return {
        "self_score": Decimal(score).scaleb(-1),
        "satisfaction": Decimal(750 + int(245 * rand())).scaleb(-1),
        "rating": rating,
    }


# The shipped data sets (activities.catalogue), parts drawn first and totals as their sums, so the
# rules hold; a data set or a cell not listed here gets plain figures, checked form by form.
RECIPES: dict[str, Callable] = {
    "ho-so-thu-tuc-hanh-chinh": _dossiers,
    "giam-sat-phan-bien": _supervision,
    "tap-huan": _training,
    "dan-chu-co-so": _democracy,
    "chinh-quyen-than-thien": _friendly,
}
SAMPLE_CHECKED = 200  # forms of each data set run through its rules before the rest are trusted
SUBMISSION_FIELDS = [
    "id", "data_set", "unit", "period_type", "period", "province_code", "district_code", "commune_code",
    "yyyymm", "yyyymm_end", "state", "blocking_count", "warning_count", "version", "created_at", "created_by",
    "updated_at", "updated_by", "submitted_at", "submitted_by", "approved_at", "approved_by", "return_reason",
]  # fmt: skip
VALUE_FIELDS = [
    "submission", "data_element", "option_code", "value", "text_value", "unit", "period", "province_code",
    "district_code", "commune_code", "yyyymm", "yyyymm_end", "batch", "updated_at",
]  # fmt: skip
FORM_EVENT_FIELDS = ["submission", "kind", "actor", "at", "note", "batch"]
APPROVAL_NOTES = ["", "", "Số liệu khớp."]


def _generic(rand, element, options: list[str], scale: float):
    if element.value_type == ValueType.OPTION:
        return options[int(rand() * len(options))] if options else None
    if element.value_type == ValueType.BOOLEAN:
        return 1 if rand() < 0.8 else 0
    if element.value_type == ValueType.PERCENT:
        return Decimal(500 + int(500 * rand())).scaleb(-1)
    if element.value_type == ValueType.NUMBER:
        return Decimal(int(1000 * rand())).scaleb(-1)
    return int(20 * scale * rand())


@dataclass
class FigureCounts:
    submissions: int = 0
    values: int = 0
    events: int = 0
    checked: int = 0  # forms run through their data set's rules


class _Form:
    """One data set's cells, how each is drawn, and the reporting units and periods it is filed for."""

    def __init__(self, data_set: DataSet):
        self.data_set = data_set
        self.schema = Schema(data_set)
        self.recipe = RECIPES.get(data_set.code)
        self.options = {
            e.code: [o.code for o in e.breakdown_options] for e in self.schema.elements if e.breakdown_id
        }
        self.cells = []  # (key, element id, option code, element, allowed values, low, high)
        for cell in self.schema.cells:
            element = cell.element
            allowed = []
            if element.value_type == ValueType.OPTION:
                allowed = [code for code, _name in element.option_list]
            high = element.max_value
            if element.value_type == ValueType.PERCENT and high is None:
                high = Decimal(100)
            option = cell.option.code if cell.option else ""
            self.cells.append((cell.key, element.pk, option, element, allowed, element.min_value, high))
        self.keys = {(element_id, option): key for key, element_id, option, *_rest in self.cells}
        self.check_all = self.recipe is None
        self.checked = 0
        self.units: list[Place] = []
        self.periods: list[Period] = []

    def figures(self, rand, scale: float, province: bool) -> list[tuple[int, str, object, str]]:
        """(element id, option code, number, option value) for every cell."""
        drawn = self.recipe(rand, scale, province, self.options) if self.recipe else {}
        out = []
        for key, element_id, option, element, allowed, low, high in self.cells:
            value = drawn.get(key)
            if value is None or (allowed and value not in allowed):
                value = _generic(rand, element, allowed, scale)
                if value is None:
                    continue
            if isinstance(value, str):
                out.append((element_id, option, None, value))
                continue
            if low is not None and value < low:
                value = low
            if high is not None and value > high:
                value = high
            out.append((element_id, option, value, ""))
        return out

    def cells_of(self, figures) -> dict:
        """The figures as the rules read them (``services.cells_of``)."""
        return {self.keys[(e, o)]: text if text else Decimal(number) for e, o, number, text in figures}

    def violations(self, figures, state: str) -> list:
        """The rules' verdict as the services store it; once a sample passed, the recipe is trusted."""
        if not self.check_all and self.checked >= SAMPLE_CHECKED:
            return []
        self.checked += 1
        found = self.schema.check(self.cells_of(figures), require_complete=state != State.DRAFT)
        if found:
            self.check_all = True  # the rules were changed since the recipe was written
        return found


def figures_generate(
    *,
    provinces: list[Place],
    communes: list[Place],
    years: list[int],
    seed: int,
    now: datetime.datetime,
    seconds: dict[str, float] | None = None,
) -> FigureCounts:
    """One form per active data set, reporting unit and period of ``years`` that has none yet."""
    rng = random.Random(f"figures-{seed}")
    rand = rng.random
    weights = province_weights(provinces, f"figures-provinces-{seed}")
    unit_rng = random.Random(f"figure-units-{seed}")
    scale = {p.id: weights[p.id] for p in provinces}
    scale.update({c.id: weights[c.province_id] * (0.5 + unit_rng.random()) for c in communes})
    first, last = datetime.date(years[0], 1, 1), datetime.date(years[-1], 12, 31)
    forms = [_Form(d) for d in DataSet.objects.filter(is_active=True).order_by("sort_order", "code")]
    for form in forms:
        levels = form.data_set.levels or []
        form.units = [p for p in provinces if Level.PROVINCE in levels]
        form.units += [c for c in communes if Level.COMMUNE in levels]
        form.periods = list(periods_between(form.data_set.period_type, first, last))
    existing = set(
        Submission.objects.filter(
            data_set__in=[f.data_set for f in forms], period__in={p.key for f in forms for p in f.periods}
        ).values_list("data_set_id", "unit_id", "period")
    )
    counted = FigureCounts()
    expected = sum(len(f.units) * len(f.periods) * len(f.cells) for f in forms)
    # As for petitions: a large load into small tables goes faster without their secondary indexes.
    bulk = expected >= national.BULK_LOAD_FROM and expected > DataValue.objects.count()
    deferred = indexes_deferred([Submission, DataValue, SubmissionEvent]) if bulk else None
    with deferred or contextlib.nullcontext():
        next_id = national._next_id(Submission)
        for form in forms:
            next_id = _forms_write(form, existing, scale, rand, now, next_id, counted)
        written = time.perf_counter()
    if seconds is not None and bulk:
        seconds["figure indexes rebuilt"] = time.perf_counter() - written
    counted.checked = sum(form.checked for form in forms)
    national._reset_sequences(Submission, DataValue, SubmissionEvent)
    return counted


def _forms_write(
    form: _Form,
    existing: set,
    scale: dict[int, float],
    rand: Callable[[], float],
    now: datetime.datetime,
    next_id: int,
    counted: FigureCounts,
) -> int:
    """Write one data set's forms, their figures and their history; returns the next free id."""
    data_set, fmt = form.data_set, national._moment_formatter()
    data_set_id = data_set.pk
    minute = datetime.timedelta(minutes=1)
    submissions, values, events = [], [], []
    final = form.periods[-1] if form.periods else None
    for period in form.periods:
        key, first_month, last_month = period.key, period.yyyymm_start, period.yyyymm_end
        opens = period.cutoff_end if data_set.uses_cutoff else period.end
        due = period.due_date(data_set.days_to_submit)
        closes, span = moment_at(due, 17 * 60), max(1, (due - opens).days)
        drafts, pending = (0.08, 0.3) if period == final else (0.02, 0.08)
        for place in form.units:
            if (data_set_id, place.id, key) in existing:
                continue
            created = office_time(rand, opens + datetime.timedelta(days=int(rand() * span * 0.7)))
            if created > now:
                continue
            saved = created + minute * (1 + int(rand() * 40))
            submitted = min(saved + minute * (20 + int(rand() * 2880)), closes)
            approved = submitted + minute * (120 + int(rand() * 8640))
            draw = rand()
            state = State.DRAFT if draw < drafts else State.SUBMITTED if draw < pending else State.APPROVED
            if state == State.APPROVED and approved > now:
                state = State.SUBMITTED
            if state == State.SUBMITTED and submitted > now:
                state = State.DRAFT
            figures = form.figures(rand, scale[place.id], place.is_province)
            found = form.violations(figures, state)
            blocking, warnings = counts(found) if found else (0, 0)
            if blocking:
                state = State.DRAFT  # the services would have refused to send it
                found = form.schema.check(form.cells_of(figures))
                blocking, warnings = counts(found)
            pk, next_id = next_id, next_id + 1
            created_at, saved_at = fmt(created), fmt(saved)
            submitted_at = fmt(submitted) if state != State.DRAFT else None
            approved_at = fmt(approved) if state == State.APPROVED else None
            version = 3 if approved_at else 2 if submitted_at else 1
            submissions.append(
                (pk, data_set_id, place.id, period.type, key, *place.codes, first_month, last_month, state,
                 blocking, warnings, version, created_at, None, approved_at or submitted_at or saved_at, None,
                 submitted_at, None, approved_at, None, "")
            )  # fmt: skip
            tail = (place.id, key, *place.codes, first_month, last_month, None, saved_at)
            head = (pk,)
            values.extend(head + figure + tail for figure in figures)
            events.append((pk, FormEvent.CREATED, None, created_at, "", None))
            events.append((pk, FormEvent.SAVED, None, saved_at, f"{len(figures)} ô thay đổi.", None))
            if submitted_at:
                note = "\n".join(v.message for v in found)
                events.append((pk, FormEvent.SUBMITTED, None, submitted_at, note, None))
            if approved_at:
                note = APPROVAL_NOTES[int(rand() * len(APPROVAL_NOTES))]
                events.append((pk, FormEvent.APPROVED, None, approved_at, note, None))
    counted.submissions += Table(Submission, SUBMISSION_FIELDS).write(submissions)
    counted.values += Table(DataValue, VALUE_FIELDS).write(values)
    counted.events += Table(SubmissionEvent, FORM_EVENT_FIELDS).write(events)
    return next_id
