"""Checks run on every report; each finding names the figures that disagree."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .indicators import CATALOGUE


@dataclass
class Finding:
    rule: str
    message: str
    figures: dict[str, Decimal]


# Breakdowns that cover every record, so their members must add up to the total.
EXHAUSTIVE = {"kind", "channel", "topic", "level", "category", "type", "outcome", "field", "model_kind"}


def run(report) -> list[Finding]:
    findings = []
    for key, value in report.values.items():
        for dim, members in value.breakdowns.items():
            if dim not in EXHAUSTIVE or not members:
                continue
            parts = sum(members.values(), Decimal(0))
            if parts != value.value:
                label = value.label or str(CATALOGUE[key].label)
                findings.append(
                    Finding(
                        rule=f"sum:{key}:{dim}",
                        message=_(
                            "%(label)s: tổng các phần theo %(dim)s (%(parts)s) khác tổng số (%(total)s)."
                        )
                        % {"label": label, "dim": dim, "parts": parts, "total": value.value},
                        figures={"total": value.value, **{f"{dim}.{m}": v for m, v in members.items()}},
                    )
                )
    for extra in EXTRA_RULES:
        findings.extend(extra(report))
    return findings


def _opinions_outcomes(report) -> list[Finding]:
    if "opinions_raised" not in report.values or "communes_with_conference" not in report.values:
        return []
    held = report.value("communes_with_conference")
    total = report.values["communes_with_conference"].breakdowns.get("total", {}).get("communes", Decimal(0))
    if held > total:
        return [
            Finding(
                rule="communes_with_conference<=communes",
                message=_("Số xã đã tổ chức (%(held)s) lớn hơn tổng số xã (%(total)s).")
                % {"held": held, "total": total},
                figures={"held": held, "communes": total},
            )
        ]
    return []


# Domain rules added by providers (periodic data, models); each takes the report and returns findings.
EXTRA_RULES = [_opinions_outcomes]
