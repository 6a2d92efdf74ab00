"""Hot spots (pulse) in the periodic report: how many arose in the period, by rule and by status now.

A hot spot belongs to one unit; a report counts those of its subtree and of the units it
succeeded, each once (a hot spot is not shared out between successors).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.facts.selectors import memoised
from danvan.pulse.models import Hotspot, HotspotStatus, Rule

from .. import narrative
from .base import IndicatorValue, indicator

GROUP = "pulse"


def _cells(scope, period) -> dict[tuple[str, str], int]:
    def read():
        under = Q(pk__in=[])
        for path, _share in scope.parts:
            under |= Q(unit__path__under=path)
        rows = (
            Hotspot.objects.filter(
                under, first_detected_on__gte=period.start, first_detected_on__lte=period.end
            )
            .values_list("rule", "status")
            .annotate(n=Count("id"))
        )
        return {(rule, status): n for rule, status, n in rows}

    return memoised(("hotspots", tuple(scope.parts), period.start, period.end), read)


def _value(cells: dict[tuple[str, str], int]) -> IndicatorValue:
    by_rule: dict[str, Decimal] = defaultdict(Decimal)
    by_status: dict[str, Decimal] = defaultdict(Decimal)
    for (rule, status), n in cells.items():
        by_rule[rule] += n
        by_status[status] += n
    return IndicatorValue(
        value=Decimal(sum(cells.values())),
        breakdowns={"hotspot_rule": dict(by_rule), "hotspot_status": dict(by_status)},
    )


@indicator(
    key="hotspots_detected",
    label=gettext_lazy("Điểm nóng phát sinh"),
    noun=gettext_lazy("điểm nóng"),
    group=GROUP,
    breakdowns=("hotspot_rule", "hotspot_status"),
)
def hotspots_detected(scope, period):
    return _value(_cells(scope, period))


@indicator(
    key="hotspots_settled",
    label=gettext_lazy("Điểm nóng đã xử lý, kết thúc"),
    noun=gettext_lazy("điểm nóng"),
    group=GROUP,
    breakdowns=("hotspot_rule",),
)
def hotspots_settled(scope, period):
    settled = {HotspotStatus.HANDLED, HotspotStatus.CLOSED}
    value = _value({key: n for key, n in _cells(scope, period).items() if key[1] in settled})
    value.breakdowns.pop("hotspot_status")
    return value


RULE_WORDS = {
    Rule.SURGE: gettext_lazy("ý kiến tăng đột biến"),
    Rule.REPEATED: gettext_lazy("ý kiến lặp lại, kéo dài"),
    Rule.SKIPPED_LEVEL: gettext_lazy("khiếu nại vượt cấp"),
    Rule.CROWD: gettext_lazy("đơn, đoàn đông người"),
    Rule.STALLED: gettext_lazy("tồn đọng, quá hạn"),
}


def _lines(report) -> list[str]:
    detected = report.values.get("hotspots_detected")
    if detected is None:
        return []
    n = narrative.n
    if not detected.value:
        return [_("Trong kỳ không phát sinh điểm nóng.")]
    by_rule = detected.breakdowns.get("hotspot_rule", {})
    parts = [f"{n(by_rule[rule])} {RULE_WORDS[rule]}" for rule in Rule.values if by_rule.get(rule)]
    settled = report.values.get("hotspots_settled")
    return [
        _("Trong kỳ phát sinh %(total)s điểm nóng (%(parts)s); đã xử lý, kết thúc %(settled)s điểm nóng.")
        % {
            "total": n(detected.value),
            "parts": "; ".join(parts),
            "settled": n(settled.value if settled else Decimal(0)),
        }
    ]


narrative.EXTRA_LINES.append(_lines)
