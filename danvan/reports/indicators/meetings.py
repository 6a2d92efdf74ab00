"""Indicators over dialogue conferences, citizen-reception days and the opinions raised."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.facts.selectors import memoised
from danvan.meetings.choices import ChairRole, MeetingCategory, MeetingStatus
from danvan.meetings.models import Meeting, MeetingType
from danvan.rawsql import under_sql
from danvan.units.choices import Level
from danvan.units.models import Unit

from ..measures import measure_counts
from .base import IndicatorValue, indicator

LEVELS = ("province", "district", "commune")


def _by_level(cells: dict[tuple, Decimal], keep) -> IndicatorValue:
    levels: dict[str, Decimal] = defaultdict(Decimal)
    for key, value in cells.items():
        if keep(key):
            levels[key[-1]] += value
    return IndicatorValue(
        value=sum(levels.values(), Decimal(0)),
        breakdowns={"level": {lvl: levels[lvl] for lvl in LEVELS if levels.get(lvl)}},
    )


@indicator(
    key="meetings_held",
    label=_("Hội nghị, buổi đối thoại, tiếp công dân đã tổ chức"),
    noun=_("hội nghị"),
    group="meetings",
    breakdowns=("category", "type", "level"),
)
def meetings_held(scope, period):
    cells = measure_counts(
        measure="meeting.held", scope=scope, period=period, by=["dim_a", "dim_b", "unit__level"]
    )
    result = _by_level(cells, lambda key: True)
    categories: dict[str, Decimal] = defaultdict(Decimal)
    types: dict[str, Decimal] = defaultdict(Decimal)
    for (type_code, category, _level), value in cells.items():
        categories[category] += value
        types[type_code] += value
    result.breakdowns["category"] = dict(sorted(categories.items()))
    result.breakdowns["type"] = dict(sorted(types.items()))
    return result


def _chaired(scope, period, roles, category=MeetingCategory.DIALOGUE):
    cells = measure_counts(
        measure="meeting.chair", scope=scope, period=period, by=["dim_a", "dim_b", "unit__level"]
    )
    return _by_level(cells, lambda key: key[0] in roles and key[1] == category)


@indicator(
    key="dialogues_party_heads",
    label=_("Hội nghị đối thoại do người đứng đầu cấp ủy chủ trì, tham dự"),
    noun=_("hội nghị đối thoại"),
    group="meetings",
    breakdowns=("level",),
)
def dialogues_party_heads(scope, period):
    return _chaired(scope, period, {ChairRole.PARTY_SECRETARY})


@indicator(
    key="dialogues_government_heads",
    label=_("Hội nghị đối thoại do người đứng đầu chính quyền chủ trì"),
    noun=_("hội nghị đối thoại"),
    group="meetings",
    breakdowns=("level",),
)
def dialogues_government_heads(scope, period):
    return _chaired(scope, period, {ChairRole.PEOPLES_COMMITTEE_CHAIR})


@indicator(
    key="conferences_held",
    label=_("Hội nghị tại chi bộ ấp, khu dân cư"),
    noun=_("hội nghị"),
    group="meetings",
    breakdowns=("level",),
)
def conferences_held(scope, period):
    cells = measure_counts(measure="meeting.held", scope=scope, period=period, by=["dim_b", "unit__level"])
    return _by_level(cells, lambda key: key[0] == MeetingCategory.CONFERENCE)


@indicator(
    key="reception_days",
    label=_("Buổi tiếp công dân"),
    noun=_("buổi"),
    group="meetings",
    breakdowns=("level",),
)
def reception_days(scope, period):
    cells = measure_counts(measure="meeting.held", scope=scope, period=period, by=["dim_b", "unit__level"])
    return _by_level(cells, lambda key: key[0] == MeetingCategory.RECEPTION)


@indicator(
    key="opinions_raised",
    label=_("Ý kiến nêu tại hội nghị"),
    noun=_("ý kiến"),
    group="meetings",
    breakdowns=("outcome", "topic"),
)
def opinions_raised(scope, period):
    cells = measure_counts(measure="meeting.opinion", scope=scope, period=period, by=["dim_a", "dim_b"])
    outcomes: dict[str, Decimal] = defaultdict(Decimal)
    topics: dict[str, Decimal] = defaultdict(Decimal)
    for (outcome, topic), value in cells.items():
        outcomes[outcome] += value
        topics[topic or "—"] += value
    return IndicatorValue(
        value=sum(outcomes.values(), Decimal(0)),
        breakdowns={"outcome": dict(sorted(outcomes.items())), "topic": dict(sorted(topics.items()))},
    )


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _communes_holding(scope, period, category) -> IndicatorValue:
    """n of m communes in the scope held at least one meeting of ``category`` (counted from records)."""
    holding, total = memoised(
        ("communes holding", tuple(scope.parts), period.start, period.end), lambda: _holding(scope, period)
    )
    return IndicatorValue(
        value=Decimal(holding.get(category, 0)), breakdowns={"total": {"communes": Decimal(total)}}
    )


def _holding(scope, period) -> tuple[dict[str, int], int]:
    """({meeting category: communes that held one}, communes in the scope): both categories at once,
    in one hand-written statement (the ORM took longer to compile it than the database to run it)."""
    quote, ops = connection.ops.quote_name, connection.ops
    under, paths = under_sql("u.path", [path for path, _share in scope.parts], connection.vendor)
    communes = (
        f"SELECT u.id FROM {quote(Unit._meta.db_table)} u WHERE {under} AND u.level = %s "
        "AND u.valid_from <= %s AND (u.valid_to IS NULL OR u.valid_to >= %s)"
    )
    communes_params = [*paths, Level.COMMUNE, ops.adapt_datefield_value(period.end)]
    communes_params.append(ops.adapt_datefield_value(period.start))
    # A range on the moment itself, not a per-row date cast: an index can serve it.
    moments = [
        ops.adapt_datetimefield_value(_day_start(period.start)),
        ops.adapt_datetimefield_value(_day_start(period.end + datetime.timedelta(days=1))),
    ]
    # The communes counted in the same statement, on a row of their own (no category is NULL).
    sql = (
        f"SELECT t.category, COUNT(DISTINCT m.host_unit_id) FROM {quote(Meeting._meta.db_table)} m "
        f"JOIN {quote(MeetingType._meta.db_table)} t ON t.id = m.meeting_type_id "
        f"WHERE m.host_unit_id IN ({communes}) AND m.status = %s AND m.starts_at >= %s AND m.starts_at < %s "
        f"GROUP BY t.category UNION ALL SELECT NULL, COUNT(*) FROM ({communes}) c"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*communes_params, MeetingStatus.HELD, *moments, *communes_params])
        counts = dict(cursor.fetchall())
    return counts, counts.pop(None)


@indicator(
    key="communes_with_conference",
    label=_("Đơn vị cấp xã đã tổ chức hội nghị tại chi bộ ấp"),
    noun=_("xã, phường, thị trấn"),
    group="meetings",
    breakdowns=("total",),
)
def communes_with_conference(scope, period):
    return _communes_holding(scope, period, MeetingCategory.CONFERENCE)


@indicator(
    key="communes_with_dialogue",
    label=_("Đơn vị cấp xã đã tổ chức đối thoại trực tiếp"),
    noun=_("xã, phường, thị trấn"),
    group="meetings",
    breakdowns=("total",),
)
def communes_with_dialogue(scope, period):
    return _communes_holding(scope, period, MeetingCategory.DIALOGUE)
