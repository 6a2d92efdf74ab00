"""Indicators of grassroots democracy (QCDC, Law 10/2022/QH15), counted from the records.

Items published (on time or late), consultations held and the opinions they received,
decisions taken by the households, the supervision boards' activities and their
recommendations answered. Volumes are small (a few hundred rows a commune a year), so the
records are counted directly, all six sources in one statement per report; a part of the scope
that came from a divided commune counts with its share, as the other providers do across the
2025 reform.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.activities.choices import RecommendationStatus
from danvan.activities.models import Recommendation, SupervisionActivity
from danvan.democracy.models import (
    BoardActivity,
    Consultation,
    ConsultationOpinion,
    ConsultationSubject,
    Decision,
    DecisionMatter,
    DisclosureCategory,
    Posting,
    SupervisionBoard,
)
from danvan.facts.selectors import disjoint, memoised
from danvan.rawsql import under_sql
from danvan.units.models import Unit

from .. import narrative
from .base import IndicatorValue, indicator

GROUP = "democracy"


# (source, date column, key columns, FROM … JOIN … with the unit aliased "u"), one grouped read each.
def _sources() -> list[tuple[str, str, str, str]]:
    quote = connection.ops.quote_name

    def table(model) -> str:
        return quote(model._meta.db_table)

    unit = table(Unit)
    board_join = (
        f"JOIN {table(BoardActivity)} b ON b.activity_id = a.id "
        f"JOIN {table(SupervisionBoard)} sb ON sb.id = b.board_id JOIN {unit} u ON u.id = sb.unit_id"
    )
    return [
        (
            "posting",
            "p.posted_on",
            "CASE WHEN p.on_time THEN 'on_time' ELSE 'late' END, c.code",
            f"{table(Posting)} p JOIN {unit} u ON u.id = p.unit_id "
            f"JOIN {table(DisclosureCategory)} c ON c.id = p.category_id",
        ),
        (
            "consultation",
            "x.opens_on",
            "s.code, ''",
            f"{table(Consultation)} x JOIN {unit} u ON u.id = x.unit_id "
            f"JOIN {table(ConsultationSubject)} s ON s.id = x.subject_id",
        ),
        (
            "opinion",
            "o.received_on",
            "o.channel, ''",
            f"{table(ConsultationOpinion)} o JOIN {table(Consultation)} x ON x.id = o.consultation_id "
            f"JOIN {unit} u ON u.id = x.unit_id",
        ),
        (
            "decision",
            "d.held_on",
            "CASE WHEN d.passed THEN 'passed' ELSE 'not_passed' END, m.code",
            f"{table(Decision)} d JOIN {unit} u ON u.id = d.unit_id "
            f"JOIN {table(DecisionMatter)} m ON m.id = d.matter_id",
        ),
        ("board_activity", "a.held_on", "sb.kind, ''", f"{table(SupervisionActivity)} a {board_join}"),
        (
            "recommendation",
            "a.held_on",
            f"sb.kind, CASE WHEN r.status = '{RecommendationStatus.SETTLED}' THEN 'settled' ELSE 'open' END",
            f"{table(Recommendation)} r "
            f"JOIN {table(SupervisionActivity)} a ON a.id = r.activity_id {board_join}",
        ),
    ]


def _read(scope, period) -> dict[str, dict[tuple[str, str], Decimal]]:
    """{source: {(key, key): share-weighted count}}: every source in one statement (UNION ALL), each
    row tagged with its part's share; parts lying within one another are read one at a time."""
    if disjoint([path for path, _share in scope.parts]):
        by_share: dict[Decimal, list[str]] = defaultdict(list)
        for path, share in scope.parts:
            by_share[Decimal(share)].append(path)
        reads = [by_share]
    else:
        reads = [{Decimal(share): [path]} for path, share in scope.parts]
    vendor = connection.vendor
    dates = [connection.ops.adapt_datefield_value(day) for day in (period.start, period.end)]
    result: dict[str, dict[tuple[str, str], Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for groups in reads:
        shares = list(groups)
        tag_params: list = []
        if len(groups) > 1:
            whens = []
            for index, paths in enumerate(groups.values()):
                condition, condition_params = under_sql("u.path", paths, vendor)
                whens.append(f"WHEN {condition} THEN {index}")
                tag_params += condition_params
            tag = f"CASE {' '.join(whens)} END"
        else:
            tag = "0"
        every, every_params = under_sql("u.path", [p for paths in groups.values() for p in paths], vendor)
        selects, params = [], []
        for source, day, keys, joins in _sources():
            selects.append(
                f"SELECT '{source}', {tag}, {keys}, COUNT(*) FROM {joins} "
                f"WHERE {every} AND {day} >= %s AND {day} <= %s GROUP BY 2, 3, 4"
            )
            params += [*tag_params, *every_params, *dates]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            rows = cursor.fetchall()
        for source, index, first, second, n in rows:
            result[source][(first, second)] += Decimal(n) * shares[int(index)]
    return result


def _source(scope, period, source: str) -> dict[tuple[str, str], Decimal]:
    read = memoised(("democracy", tuple(scope.parts), period.start, period.end), lambda: _read(scope, period))
    return read.get(source, {})


def _value(cells, dims: tuple[str, ...]) -> IndicatorValue:
    result = IndicatorValue(value=sum(cells.values(), Decimal(0)))
    for index, dim in enumerate(dims):
        members: dict[str, Decimal] = defaultdict(Decimal)
        for key, value in cells.items():
            members[str(key[index])] += value
        result.breakdowns[dim] = dict(sorted(members.items()))
    return result


def _postings(scope, period):
    return _source(scope, period, "posting")


@indicator(
    key="qcdc_items_published",
    label=gettext_lazy("Nội dung được công khai theo Luật Thực hiện dân chủ ở cơ sở"),
    noun=gettext_lazy("nội dung"),
    group=GROUP,
    breakdowns=("timeliness", "disclosure"),
)
def items_published(scope, period):
    return _value(_postings(scope, period), ("timeliness", "disclosure"))


@indicator(
    key="qcdc_items_on_time",
    label=gettext_lazy("Nội dung được công khai đúng hạn"),
    noun=gettext_lazy("nội dung"),
    group=GROUP,
    breakdowns=("disclosure",),
)
def items_on_time(scope, period):
    cells = {
        (code,): n for (timeliness, code), n in _postings(scope, period).items() if timeliness == "on_time"
    }
    return _value(cells, ("disclosure",))


@indicator(
    key="qcdc_consultations_held",
    label=gettext_lazy("Dự thảo được đưa ra lấy ý kiến Nhân dân"),
    noun=gettext_lazy("dự thảo"),
    group=GROUP,
    breakdowns=("consultation_subject",),
)
def consultations_held(scope, period):
    return _value(_source(scope, period, "consultation"), ("consultation_subject",))


@indicator(
    key="qcdc_consultation_opinions",
    label=gettext_lazy("Ý kiến góp ý dự thảo đã nhận"),
    noun=gettext_lazy("ý kiến"),
    group=GROUP,
    breakdowns=("opinion_channel",),
)
def consultation_opinions(scope, period):
    return _value(_source(scope, period, "opinion"), ("opinion_channel",))


@indicator(
    key="qcdc_decisions_taken",
    label=gettext_lazy("Việc Nhân dân bàn và quyết định"),
    noun=gettext_lazy("việc"),
    group=GROUP,
    breakdowns=("result", "decision_matter"),
)
def decisions_taken(scope, period):
    return _value(_source(scope, period, "decision"), ("result", "decision_matter"))


@indicator(
    key="qcdc_board_activities",
    label=gettext_lazy(
        "Cuộc giám sát, kiểm tra của Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng"
    ),
    noun=gettext_lazy("cuộc"),
    group=GROUP,
    breakdowns=("board_kind",),
)
def board_activities(scope, period):
    return _value(_source(scope, period, "board_activity"), ("board_kind",))


@indicator(
    key="qcdc_recommendations_made",
    label=gettext_lazy("Kiến nghị của các ban giám sát ở cơ sở"),
    noun=gettext_lazy("kiến nghị"),
    group=GROUP,
    breakdowns=("board_kind",),
)
def recommendations_made(scope, period):
    return _value(_source(scope, period, "recommendation"), ("board_kind",))


@indicator(
    key="qcdc_recommendations_answered",
    label=gettext_lazy("Kiến nghị của các ban giám sát ở cơ sở đã được giải quyết"),
    noun=gettext_lazy("kiến nghị"),
    group=GROUP,
    breakdowns=("board_kind",),
)
def recommendations_answered(scope, period):
    cells = {key: n for key, n in _source(scope, period, "recommendation").items() if key[1] == "settled"}
    return _value(cells, ("board_kind",))


def _lines(report) -> list[str]:
    values, n = report.values, narrative.n
    published = values.get("qcdc_items_published")
    lines = []
    if published and published.value:
        on_time = published.breakdowns.get("timeliness", {}).get("on_time", Decimal(0))
        lines.append(
            _(
                "Thực hiện Luật Thực hiện dân chủ ở cơ sở, công khai %(total)s nội dung, "
                "trong đó %(on_time)s nội dung đúng hạn."
            )
            % {"total": n(published.value), "on_time": n(on_time)}
        )
    held, decided = values.get("qcdc_consultations_held"), values.get("qcdc_decisions_taken")
    if (held and held.value) or (decided and decided.value):
        opinions = values.get("qcdc_consultation_opinions")
        passed = decided.breakdowns.get("result", {}).get("passed", Decimal(0)) if decided else Decimal(0)
        lines.append(
            _(
                "Lấy ý kiến Nhân dân về %(held)s dự thảo với %(opinions)s ý kiến; Nhân dân bàn và quyết định "
                "%(decided)s việc, %(passed)s việc được thông qua."
            )
            % {
                "held": n(held.value if held else Decimal(0)),
                "opinions": n(opinions.value if opinions else Decimal(0)),
                "decided": n(decided.value if decided else Decimal(0)),
                "passed": n(passed),
            }
        )
    activities = values.get("qcdc_board_activities")
    if activities and activities.value:
        made, answered = values.get("qcdc_recommendations_made"), values.get("qcdc_recommendations_answered")
        lines.append(
            _(
                "Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng thực hiện %(activities)s "
                "cuộc giám sát, kiến nghị %(made)s nội dung, %(answered)s nội dung đã được giải quyết."
            )
            % {
                "activities": n(activities.value),
                "made": n(made.value if made else Decimal(0)),
                "answered": n(answered.value if answered else Decimal(0)),
            }
        )
    return lines


narrative.EXTRA_LINES.append(_lines)
