"""Indicators over citizens' opinions and petitions (counted from their timelines)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ..measures import measure_counts
from .base import IndicatorValue, indicator

# Cell dimensions of petition measures: dim_a kind, dim_b channel, dim_c topic code.
DIMENSIONS = {"kind": "dim_a", "channel": "dim_b", "topic": "dim_c", "level": "unit__level"}


def _value(measure: str, scope, period, breakdowns=("kind", "channel", "topic", "level")) -> IndicatorValue:
    total = measure_counts(measure=measure, scope=scope, period=period).get((), Decimal(0))
    result = IndicatorValue(value=total)
    for name in breakdowns:
        cells = measure_counts(measure=measure, scope=scope, period=period, by=[DIMENSIONS[name]])
        result.breakdowns[name] = {key[0] or "—": value for key, value in sorted(cells.items()) if value}
    return result


@indicator(
    key="petitions_received",
    label=_("Ý kiến, kiến nghị tiếp nhận"),
    noun=_("ý kiến, kiến nghị"),
    group="petitions",
    breakdowns=("kind", "channel", "topic", "level"),
)
def petitions_received(scope, period):
    return _value("petition.received", scope, period)


@indicator(
    key="petitions_answered_on_spot",
    label=_("Trả lời tại chỗ"),
    noun=_("ý kiến"),
    group="petitions",
    breakdowns=("kind", "channel", "topic", "level"),
)
def petitions_answered_on_spot(scope, period):
    return _value("petition.answered_on_spot", scope, period)


@indicator(
    key="petitions_forwarded",
    label=_("Chuyển cấp có thẩm quyền"),
    noun=_("ý kiến"),
    group="petitions",
    breakdowns=("kind", "channel", "topic", "level"),
)
def petitions_forwarded(scope, period):
    return _value("petition.forwarded", scope, period)


@indicator(
    key="petitions_answered",
    label=_("Trả lời sau khi thụ lý"),
    noun=_("ý kiến"),
    group="petitions",
    breakdowns=("kind", "channel", "topic", "level"),
)
def petitions_answered(scope, period):
    return _value("petition.answered", scope, period)


@indicator(
    key="petitions_rejected",
    label=_("Không thụ lý"),
    noun=_("ý kiến"),
    group="petitions",
    breakdowns=("kind", "channel"),
)
def petitions_rejected(scope, period):
    return _value("petition.rejected", scope, period, ("kind", "channel"))


@indicator(
    key="petitions_rated",
    label=_("Người dân đánh giá câu trả lời"),
    noun=_("lượt"),
    group="petitions",
    breakdowns=("kind",),
)
def petitions_rated(scope, period):
    return _value("petition.rated", scope, period, ("kind",))
