"""The five hot-spot rules, each a plain function judged "as of" a day from the records received up to it.

A rule reads petitions (conference and reception opinions are petitions too) and returns
``Finding`` values; it writes nothing. ``hotspot_services`` turns findings into hot spots.
Every rule can be narrowed (one place and topic, some petitions, one sender) so the check
after one new record reads little.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Q, When
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.petitions.choices import EventKind, Kind, Status
from danvan.petitions.models import Petition, PetitionEvent, Topic
from danvan.textproc.folding import fold
from danvan.units.choices import LEVEL_DEPTH, Level
from danvan.units.models import Unit

from .hotspot_basis import (
    contact_tokens,
    day_end,
    poisson_tail,
    sender_key,
    senders,
    tet_days,
    tet_period,
    touches_tet,
)
from .models import ConcernMember, HotspotSettings, Rule, Severity

MAX_RECORDS = 500  # records kept behind one hot spot: the evidence, not an export
LAMBDA_FLOOR = 0.5  # a unit that never had a record on a topic still "expects" some


@dataclass
class Finding:
    rule: str
    key: str
    unit_id: int
    topic_id: int | None
    severity: str
    records: list[int]
    figures: dict
    title: str
    concern_id: int | None = None

    def as_json(self, units: dict[int, str], topics: dict[int, str]) -> dict:
        return {
            "rule": self.rule,
            "unit": units.get(self.unit_id, ""),
            "topic": topics.get(self.topic_id) if self.topic_id else None,
            "severity": self.severity,
            "records": sorted(self.records),
        }


@dataclass
class Narrowing:
    """What one check looks at; empty means everything (a full scan)."""

    within: Unit | None = None  # petitions that arose in this subtree
    place_id: int | None = None  # one commune (or the unit a record arose in)
    topic_id: int | None = None
    topic_set: bool = False  # topic_id is meant (None = records without a topic)
    petition_ids: list[int] | None = None
    sender: dict | None = None  # citizen_name, citizen_phone, citizen_email, citizen_address

    def petitions(self, qs):
        if self.within is not None:
            qs = qs.filter(unit__path__under=self.within.path)
        if self.petition_ids is not None:
            qs = qs.filter(pk__in=self.petition_ids)
        return qs


# --- settings ------------------------------------------------------------------------------------


class Thresholds:
    """The rules' parameters for any unit: its nearest ancestor's override, else the defaults."""

    def __init__(self, rows: Iterable[HotspotSettings]):
        self.by_unit: dict[int | None, HotspotSettings] = {row.unit_id: row for row in rows}
        self.default = self.by_unit.get(None) or HotspotSettings()

    @classmethod
    def load(cls) -> Thresholds:
        return cls(HotspotSettings.objects.all())

    def for_path(self, path: str) -> HotspotSettings:
        if len(self.by_unit) > (None in self.by_unit):
            for part in reversed([p for p in path.strip("/").split("/") if p]):
                row = self.by_unit.get(int(part))
                if row is not None:
                    return row
        return self.default


def _paths(unit_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted({i for i in unit_ids if i})
    found: dict[int, str] = {}
    for start in range(0, len(ids), 900):
        found.update(Unit.objects.filter(pk__in=ids[start : start + 900]).values_list("pk", "path"))
    return found


def _ratings(petition_ids: list[int], end: datetime.datetime) -> dict[int, tuple[int, datetime.datetime]]:
    """Each petition's last rating given before ``end``: (rating, when)."""
    found: dict[int, tuple[int, datetime.datetime]] = {}
    for start in range(0, len(petition_ids), 900):
        events = (
            PetitionEvent.objects.filter(
                petition_id__in=petition_ids[start : start + 900], kind=EventKind.RATED, at__lt=end
            )
            .order_by("at", "pk")
            .values_list("petition_id", "rating", "at")
        )
        for petition_id, rating, at in events:
            if rating is not None:
                found[petition_id] = (rating, at)
    return found


def _place():
    """The commune a record arose in (a hamlet's record counts for its commune)."""
    return Case(
        When(unit__level=Level.HAMLET, then=F("unit__parent_id")),
        default=F("unit_id"),
        output_field=IntegerField(),
    )


def _severity(rank: int) -> str:
    return [Severity.LOW, Severity.MEDIUM, Severity.HIGH][max(0, min(2, rank - 1))]


# --- 1. surge ------------------------------------------------------------------------------------


def judge_surge(
    as_of: datetime.date, *, narrowing: Narrowing | None = None, thresholds: Thresholds | None = None
) -> list[Finding]:
    """A unit × topic whose count in the last window is far above its own baseline.

    Baseline: the mean of the previous windows, leaving out windows that touch Tết. When the
    current window touches Tết, the same window around last year's Tết is a floor of what is
    expected, so the usual after-holiday rush is not a surge.
    """
    narrowing = narrowing or Narrowing()
    thresholds = thresholds or Thresholds.load()
    width, windows = thresholds.default.surge_window_days, thresholds.default.surge_baseline_windows
    end = day_end(as_of)
    first_day = as_of - datetime.timedelta(days=width * (windows + 1) - 1)
    qs = narrowing.petitions(
        Petition.objects.filter(
            received_at__gte=day_end(first_day - datetime.timedelta(days=1)), received_at__lt=end
        )
    ).exclude(status=Status.MERGED)
    qs = qs.annotate(place=_place())
    if narrowing.place_id is not None:
        qs = qs.filter(place=narrowing.place_id)
    if narrowing.topic_set:
        qs = qs.filter(topic_id=narrowing.topic_id)
    counts: dict[tuple[int, int | None], list[int]] = defaultdict(lambda: [0] * (windows + 1))
    for row in qs.values("place", "topic_id", day=TruncDate("received_at")).annotate(n=Count("id")):
        index = (as_of - row["day"]).days // width
        if 0 <= index <= windows:
            counts[(row["place"], row["topic_id"])][index] += row["n"]
    window_days = [
        (as_of - datetime.timedelta(days=width * (i + 1) - 1), as_of - datetime.timedelta(days=width * i))
        for i in range(windows + 1)
    ]
    ordinary = [i for i in range(1, windows + 1) if not touches_tet(*window_days[i])] or list(
        range(1, windows + 1)
    )
    current_tet = touches_tet(*window_days[0])
    paths = _paths(place for place, _topic in counts)
    findings = []
    for (place, topic_id), by_window in counts.items():
        now = by_window[0]
        rules = thresholds.for_path(paths.get(place, ""))
        if now < rules.surge_min_count:
            continue
        expected = max(LAMBDA_FLOOR, sum(by_window[i] for i in ordinary) / len(ordinary))
        last_year = None
        if current_tet:
            last_year = _last_year_tet_count(place, topic_id, window_days[0])
            expected = max(expected, last_year)
        p_value = poisson_tail(now, expected)
        if p_value >= rules.surge_p_value:
            continue
        ratio = now / expected
        records = list(
            Petition.objects.annotate(place=_place())
            .filter(
                place=place,
                topic_id=topic_id,
                received_at__gte=day_end(window_days[0][0] - datetime.timedelta(days=1)),
                received_at__lt=end,
            )
            .exclude(status=Status.MERGED)
            .order_by("-received_at")
            .values_list("pk", flat=True)[:MAX_RECORDS]
        )
        figures = {
            "count": now,
            "expected": round(expected, 2),
            "ratio": round(ratio, 1),
            "p_value": float(f"{p_value:.3g}"),
            "window_days": width,
            "baseline": by_window[1:],
            "window": [window_days[0][0].isoformat(), window_days[0][1].isoformat()],
            "tet": current_tet,
        }
        if last_year is not None:
            figures["last_year_tet_count"] = last_year
        findings.append(
            Finding(
                rule=Rule.SURGE,
                key=f"surge:{place}:{topic_id or 0}",
                unit_id=place,
                topic_id=topic_id,
                severity=_severity(1 + (ratio >= 2) + (ratio >= 4 and now >= 10)),
                records=records,
                figures=figures,
                title=_("%(count)s ý kiến trong %(days)s ngày, gấp %(ratio)s lần mức thường")
                % {"count": now, "days": width, "ratio": f"{ratio:.1f}".replace(".", ",")},
            )
        )
    return findings


def _last_year_tet_count(
    place: int, topic_id: int | None, window: tuple[datetime.date, datetime.date]
) -> int:
    """The count in the window at the same distance from last year's Tết."""
    first = window[0]
    this_tet = tet_days(first.year if first >= tet_period(first.year)[0] else first.year - 1)[0]
    if abs((first - this_tet).days) > 60:
        this_tet = tet_days(window[1].year)[0]
    last_tet = tet_days(this_tet.year - 1)[0]
    start = last_tet + (first - this_tet)
    stop = last_tet + (window[1] - this_tet)
    return (
        Petition.objects.annotate(place=_place())
        .filter(
            place=place,
            topic_id=topic_id,
            received_at__gte=day_end(start - datetime.timedelta(days=1)),
            received_at__lt=day_end(stop),
        )
        .exclude(status=Status.MERGED)
        .count()
    )


# --- 2. repeated ---------------------------------------------------------------------------------


def judge_repeated(
    as_of: datetime.date, *, narrowing: Narrowing | None = None, thresholds: Thresholds | None = None
) -> list[Finding]:
    narrowing = narrowing or Narrowing()
    thresholds = thresholds or Thresholds.load()
    return _repeated_concerns(as_of, narrowing, thresholds) + _repeated_senders(as_of, narrowing, thresholds)


def _well_answered(row: dict, rating: tuple | None, end: datetime.datetime, good: int) -> bool:
    answered = row["answered_at"] is not None and row["answered_at"] < end
    return answered and rating is not None and rating[0] >= good


def _repeated_concerns(as_of, narrowing: Narrowing, thresholds: Thresholds) -> list[Finding]:
    """One concern raised ≥ 3 times whose records are not all answered and well rated."""
    end = day_end(as_of)
    members = ConcernMember.objects.filter(petition__received_at__lt=end)
    if narrowing.within is not None:
        members = members.filter(concern__unit__path__under=narrowing.within.path)
    if narrowing.petition_ids is not None:
        concern_ids = ConcernMember.objects.filter(petition_id__in=narrowing.petition_ids).values(
            "concern_id"
        )
        members = members.filter(concern_id__in=concern_ids)
    least = min(
        [thresholds.default.repeat_min_records, *(r.repeat_min_records for r in thresholds.by_unit.values())]
    )
    big = (
        members.values("concern_id")
        .annotate(n=Count("id"))
        .filter(n__gte=least)
        .values_list("concern_id", flat=True)
    )
    rows = list(
        members.filter(concern_id__in=list(big)).values(
            "concern_id",
            "concern__unit_id",
            "concern__unit__path",
            "concern__title",
            "petition_id",
            "petition__topic_id",
            "petition__answered_at",
            "petition__received_at",
        )
    )
    ratings = _ratings([r["petition_id"] for r in rows], end)
    by_concern: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_concern[row["concern_id"]].append(row)
    findings = []
    for concern_id, concern_rows in by_concern.items():
        rules = thresholds.for_path(concern_rows[0]["concern__unit__path"])
        if len(concern_rows) < rules.repeat_min_records:
            continue
        unsettled = [
            r["petition_id"]
            for r in concern_rows
            if not _well_answered(
                {"answered_at": r["petition__answered_at"]},
                ratings.get(r["petition_id"]),
                end,
                rules.repeat_good_rating,
            )
        ]
        if not unsettled:
            continue
        low = [
            pid
            for pid, (rating, _at) in ratings.items()
            if pid in {r["petition_id"] for r in concern_rows} and rating <= rules.repeat_low_rating
        ]
        topics = [r["petition__topic_id"] for r in concern_rows if r["petition__topic_id"]]
        topic_id = max(set(topics), key=topics.count) if topics else None
        count = len(concern_rows)
        findings.append(
            Finding(
                rule=Rule.REPEATED,
                key=f"repeated:concern:{concern_id}",
                unit_id=concern_rows[0]["concern__unit_id"],
                topic_id=topic_id,
                concern_id=concern_id,
                severity=_severity(2 + (count >= 2 * rules.repeat_min_records or bool(low))),
                records=sorted(r["petition_id"] for r in concern_rows)[:MAX_RECORDS],
                figures={"count": count, "unsettled": len(unsettled), "low_ratings": len(low)},
                title=_(
                    "Vấn đề “%(title)s” được nêu %(count)s lần, %(open)s lần chưa được giải quyết thỏa đáng"
                )
                % {"title": concern_rows[0]["concern__title"], "count": count, "open": len(unsettled)},
            )
        )
    return findings


def _repeated_senders(as_of, narrowing: Narrowing, thresholds: Thresholds) -> list[Finding]:
    """The same sender coming back within 90 days after an answer (not well rated) or a low rating."""
    end = day_end(as_of)
    days = thresholds.default.repeat_days
    qs = Petition.objects.filter(
        received_at__gte=end - datetime.timedelta(days=3 * days), received_at__lt=end
    ).exclude(citizen_name="")
    if narrowing.sender is not None:
        contact = Q(pk__in=[])
        for name, value in narrowing.sender.items():
            if value and name != "citizen_name":
                contact |= Q(**{f"{name}__iexact": value})
        qs = qs.filter(contact)
    elif narrowing.petition_ids is not None:
        return []  # a check of some records looks at their sender through ``sender``
    qs = narrowing.petitions(qs.exclude(status=Status.MERGED)) if narrowing.sender is None else qs
    rows = list(
        qs.annotate(place=_place()).values(
            "pk",
            "citizen_name",
            "citizen_phone",
            "citizen_email",
            "citizen_address",
            "received_at",
            "answered_at",
            "topic_id",
            "place",
            "unit__path",
        )
    )
    if narrowing.sender is not None:
        name = " ".join(fold(narrowing.sender.get("citizen_name", "")).split())
        rows = [r for r in rows if " ".join(fold(r["citizen_name"]).split()) == name]
    groups = senders(rows)
    ratings = _ratings([r["pk"] for g in groups for r in g], end)
    findings = []
    for group in groups:
        group.sort(key=lambda r: (r["received_at"], r["pk"]))
        latest = group[-1]
        rules = thresholds.for_path(latest["unit__path"])
        window = datetime.timedelta(days=rules.repeat_days)
        chain: set[int] = set()
        low_seen = False
        for later in group:
            if later["received_at"] < end - window:
                continue
            for earlier in group:
                if earlier is later or earlier["received_at"] >= later["received_at"]:
                    continue
                rating = ratings.get(earlier["pk"])
                rated_low = (
                    rating is not None
                    and rating[0] <= rules.repeat_low_rating
                    and rating[1] <= later["received_at"]
                )
                answered = (
                    earlier["answered_at"] is not None and earlier["answered_at"] <= later["received_at"]
                )
                well = (
                    rating is not None
                    and rating[0] >= rules.repeat_good_rating
                    and rating[1] <= later["received_at"]
                )
                since = rating[1] if rated_low else earlier["answered_at"]
                if (rated_low or (answered and not well)) and later["received_at"] - since <= window:
                    chain.update((earlier["pk"], later["pk"]))
                    low_seen = low_seen or rated_low
        if not chain:
            continue
        token = min(set.intersection(*(r["_tokens"] for r in group)) or min(r["_tokens"] for r in group))
        findings.append(
            Finding(
                rule=Rule.REPEATED,
                key=f"repeated:sender:{sender_key(latest['_name'], token)}",
                unit_id=latest["place"],
                topic_id=latest["topic_id"],
                severity=_severity(2 + (len(chain) >= 3 or low_seen)),
                records=sorted(chain)[:MAX_RECORDS],
                figures={"count": len(chain), "low_rating": low_seen, "days": rules.repeat_days},
                title=_("Cùng một người gửi quay lại %(count)s lần sau khi được trả lời")
                % {"count": len(chain) - 1},
            )
        )
    return findings


# --- 3. skipped level ----------------------------------------------------------------------------


def judge_skipped_level(
    as_of: datetime.date, *, narrowing: Narrowing | None = None, thresholds: Thresholds | None = None
) -> list[Finding]:
    """A complaint received above the level competent for it, before that level had its turn.

    It fires when the competent level had not received the matter (no earlier record of the same
    sender handled at that level), or had received it and its deadline had not yet passed.
    """
    narrowing = narrowing or Narrowing()
    thresholds = thresholds or Thresholds.load()
    end = day_end(as_of)
    days = thresholds.default.skipped_level_days
    candidates = list(
        narrowing.petitions(
            Petition.objects.filter(
                kind__in=[Kind.COMPLAINT, Kind.DENUNCIATION],
                received_at__gte=end - datetime.timedelta(days=days),
                received_at__lt=end,
            ).exclude(competent_level="")
        )
        .exclude(status=Status.MERGED)
        .values(
            "pk",
            "competent_level",
            "received_at",
            "topic_id",
            "unit__path",
            "people_count",
            "citizen_name",
            "citizen_phone",
            "citizen_email",
            "citizen_address",
        )
    )
    if not candidates:
        return []
    received_level = dict(
        PetitionEvent.objects.filter(
            petition_id__in=[c["pk"] for c in candidates], kind=EventKind.RECEIVED
        ).values_list("petition_id", "to_unit__level")
    )
    skipped = [
        c
        for c in candidates
        if received_level.get(c["pk"])
        and LEVEL_DEPTH[received_level[c["pk"]]] < LEVEL_DEPTH[c["competent_level"]]
    ]
    ancestor_ids = {int(p) for c in skipped for p in c["unit__path"].strip("/").split("/") if p}
    units = {u["pk"]: u for u in Unit.objects.filter(pk__in=ancestor_ids).values("pk", "level", "path")}
    findings = []
    for c in skipped:
        chain = [units.get(int(p)) for p in c["unit__path"].strip("/").split("/") if p]
        competent = next((u for u in chain if u and u["level"] == c["competent_level"]), None)
        if competent is None:
            continue
        rules = thresholds.for_path(competent["path"])
        if c["received_at"] < end - datetime.timedelta(days=rules.skipped_level_days):
            continue
        earlier = _earlier_at_level(c, competent["pk"])
        if earlier is not None and (
            (earlier["due_date"] is not None and earlier["due_date"] < timezone.localdate(c["received_at"]))
            or (earlier["answered_at"] is not None and earlier["answered_at"] <= c["received_at"])
        ):
            continue  # the competent level had its turn: going up is the citizen's right
        tokens = contact_tokens(
            phone=c["citizen_phone"], email=c["citizen_email"], address=c["citizen_address"]
        )
        name = " ".join(fold(c["citizen_name"]).split())
        who = sender_key(name, min(tokens)) if name and tokens else f"p{c['pk']}"
        gap = LEVEL_DEPTH[c["competent_level"]] - LEVEL_DEPTH[received_level[c["pk"]]]
        records = [c["pk"]] + ([earlier["pk"]] if earlier else [])
        findings.append(
            Finding(
                rule=Rule.SKIPPED_LEVEL,
                key=f"skipped_level:{competent['pk']}:{who}",
                unit_id=competent["pk"],
                topic_id=c["topic_id"],
                severity=_severity(2 + (gap >= 2 or (c["people_count"] or 0) >= 5)),
                records=records,
                figures={
                    "received_level": received_level[c["pk"]],
                    "competent_level": c["competent_level"],
                    "competent_had_it": earlier is not None,
                    "competent_due": earlier["due_date"].isoformat()
                    if earlier and earlier["due_date"]
                    else None,
                },
                title=_("Khiếu nại gửi vượt cấp (%(received)s thay vì %(competent)s)")
                % {
                    "received": Level(received_level[c["pk"]]).label,
                    "competent": Level(c["competent_level"]).label,
                },
            )
        )
    return _merge_same_key(findings)


def _earlier_at_level(candidate: dict, competent_unit_id: int) -> dict | None:
    """The same sender's latest earlier record handled by the competent unit, if any."""
    name = " ".join(fold(candidate["citizen_name"]).split())
    tokens = contact_tokens(
        phone=candidate["citizen_phone"],
        email=candidate["citizen_email"],
        address=candidate["citizen_address"],
    )
    if not name or not tokens:
        return None
    rows = (
        Petition.objects.filter(handling_unit_id=competent_unit_id, received_at__lt=candidate["received_at"])
        .exclude(citizen_name="")
        .order_by("-received_at")
        .values(
            "pk",
            "citizen_name",
            "citizen_phone",
            "citizen_email",
            "citizen_address",
            "due_date",
            "answered_at",
        )[:500]
    )
    for row in rows:
        if " ".join(fold(row["citizen_name"]).split()) == name and tokens & contact_tokens(
            phone=row["citizen_phone"], email=row["citizen_email"], address=row["citizen_address"]
        ):
            return row
    return None


def _merge_same_key(findings: list[Finding]) -> list[Finding]:
    merged: dict[str, Finding] = {}
    for finding in findings:
        if finding.key in merged:
            kept = merged[finding.key]
            kept.records = sorted(set(kept.records) | set(finding.records))[:MAX_RECORDS]
            if Severity.values.index(finding.severity) > Severity.values.index(kept.severity):
                kept.severity = finding.severity
            kept.figures["count"] = kept.figures.get("count", 1) + 1
        else:
            merged[finding.key] = finding
    return list(merged.values())


# --- 4. crowd ------------------------------------------------------------------------------------


def judge_crowd(
    as_of: datetime.date, *, narrowing: Narrowing | None = None, thresholds: Thresholds | None = None
) -> list[Finding]:
    """Petitions signed, or delegations attended, by ≥ 5 people, grouped by place and topic."""
    narrowing = narrowing or Narrowing()
    thresholds = thresholds or Thresholds.load()
    end = day_end(as_of)
    least = min(
        [thresholds.default.crowd_min_people, *(r.crowd_min_people for r in thresholds.by_unit.values())]
    )
    longest = max([thresholds.default.crowd_days, *(r.crowd_days for r in thresholds.by_unit.values())])
    qs = narrowing.petitions(
        Petition.objects.filter(
            people_count__gte=least,
            received_at__gte=end - datetime.timedelta(days=longest),
            received_at__lt=end,
        )
    ).exclude(status=Status.MERGED)
    qs = qs.annotate(place=_place())
    if narrowing.place_id is not None:
        qs = qs.filter(place=narrowing.place_id)
    groups: dict[tuple[int, int | None], list[dict]] = defaultdict(list)
    for row in qs.values("pk", "place", "topic_id", "people_count", "received_at", "unit__path"):
        rules = thresholds.for_path(row["unit__path"])
        if row["people_count"] >= rules.crowd_min_people and row["received_at"] >= end - datetime.timedelta(
            days=rules.crowd_days
        ):
            groups[(row["place"], row["topic_id"])].append(row)
    findings = []
    for (place, topic_id), rows in groups.items():
        people = max(r["people_count"] for r in rows)
        findings.append(
            Finding(
                rule=Rule.CROWD,
                key=f"crowd:{place}:{topic_id or 0}",
                unit_id=place,
                topic_id=topic_id,
                severity=_severity(2 + (people >= 20 or len(rows) >= 2)),
                records=sorted(r["pk"] for r in rows)[:MAX_RECORDS],
                figures={
                    "petitions": len(rows),
                    "most_people": people,
                    "people": sum(r["people_count"] for r in rows),
                },
                title=_("%(n)s đơn, đoàn đông người (đông nhất %(people)s người)")
                % {"n": len(rows), "people": people},
            )
        )
    return findings


# --- 5. stalled ----------------------------------------------------------------------------------


def judge_stalled(
    as_of: datetime.date, *, narrowing: Narrowing | None = None, thresholds: Thresholds | None = None
) -> list[Finding]:
    """Many overdue or reopened records in one handling unit and topic."""
    narrowing = narrowing or Narrowing()
    thresholds = thresholds or Thresholds.load()
    end = day_end(as_of)
    overdue = narrowing.petitions(
        Petition.objects.filter(received_at__lt=end, due_date__lt=as_of)
        .filter(Q(answered_at__isnull=True) | Q(answered_at__gte=end))
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=end))
        .exclude(status__in=[Status.MERGED, Status.REJECTED])
    )
    reopened = PetitionEvent.objects.filter(
        kind=EventKind.REOPENED, at__lt=end, at__gte=end - datetime.timedelta(days=90)
    )
    if narrowing.within is not None:
        reopened = reopened.filter(petition__unit__path__under=narrowing.within.path)
    if narrowing.petition_ids is not None:
        reopened = reopened.filter(petition_id__in=narrowing.petition_ids)
    least = min(
        [
            thresholds.default.stalled_min_records,
            *(r.stalled_min_records for r in thresholds.by_unit.values()),
        ]
    )
    groups: dict[tuple[int, int | None], set[int]] = defaultdict(set)
    overdue_counts = {
        (r["handling_unit_id"], r["topic_id"]): r["n"]
        for r in overdue.values("handling_unit_id", "topic_id").annotate(n=Count("id"))
    }
    reopened_rows = list(
        reopened.values_list("petition__handling_unit_id", "petition__topic_id", "petition_id")
    )
    reopened_counts: dict[tuple[int, int | None], set[int]] = defaultdict(set)
    for unit_id, topic_id, petition_id in reopened_rows:
        reopened_counts[(unit_id, topic_id)].add(petition_id)
    candidates = {
        key
        for key in set(overdue_counts) | set(reopened_counts)
        if overdue_counts.get(key, 0) + len(reopened_counts.get(key, ())) >= least
    }
    paths = _paths(unit_id for unit_id, _topic in candidates)
    findings = []
    for unit_id, topic_id in candidates:
        rules = thresholds.for_path(paths.get(unit_id, ""))
        ids = set(
            overdue.filter(handling_unit_id=unit_id, topic_id=topic_id)
            .order_by("due_date")
            .values_list("pk", flat=True)[:MAX_RECORDS]
        )
        late = len(ids)
        ids |= reopened_counts.get((unit_id, topic_id), set())
        groups[(unit_id, topic_id)] = ids
        total = overdue_counts.get((unit_id, topic_id), 0) + len(reopened_counts.get((unit_id, topic_id), ()))
        if total < rules.stalled_min_records:
            continue
        findings.append(
            Finding(
                rule=Rule.STALLED,
                key=f"stalled:{unit_id}:{topic_id or 0}",
                unit_id=unit_id,
                topic_id=topic_id,
                severity=_severity(
                    1 + (total >= 2 * rules.stalled_min_records) + (total >= 4 * rules.stalled_min_records)
                ),
                records=sorted(ids)[:MAX_RECORDS],
                figures={
                    "overdue": overdue_counts.get((unit_id, topic_id), 0),
                    "reopened": len(reopened_counts.get((unit_id, topic_id), ())),
                    "shown_overdue": late,
                },
                title=_("%(overdue)s ý kiến quá hạn, %(reopened)s ý kiến bị mở lại")
                % {
                    "overdue": overdue_counts.get((unit_id, topic_id), 0),
                    "reopened": len(reopened_counts.get((unit_id, topic_id), ())),
                },
            )
        )
    return findings


RULES = {
    Rule.SURGE: judge_surge,
    Rule.REPEATED: judge_repeated,
    Rule.SKIPPED_LEVEL: judge_skipped_level,
    Rule.CROWD: judge_crowd,
    Rule.STALLED: judge_stalled,
}


def judge_all(
    as_of: datetime.date, *, narrowing: Narrowing | None = None, rules: Iterable[str] | None = None
) -> list[Finding]:
    thresholds = Thresholds.load()
    findings: list[Finding] = []
    for rule in rules or RULES:
        findings.extend(RULES[rule](as_of, narrowing=narrowing, thresholds=thresholds))
    return findings


def labels(findings: list[Finding]) -> tuple[dict[int, str], dict[int, str]]:
    """Unit codes and topic codes of the findings, for printing them."""
    units = dict(Unit.objects.filter(pk__in={f.unit_id for f in findings}).values_list("pk", "code"))
    topics = dict(
        Topic.objects.filter(pk__in={f.topic_id for f in findings if f.topic_id}).values_list("pk", "code")
    )
    return units, topics
