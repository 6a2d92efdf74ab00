"""A Vietnamese draft of the review's narrative, in the seeds' style, from the figures."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from .figures import format_number

LEVEL_WORDS = {"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã"}


def n(value: Decimal) -> str:
    """25723 → "25.723"; a share-weighted 2.5 → "2,5"."""
    from fractions import Fraction

    return format_number(int(value) if value == value.to_integral_value() else Fraction(value))


def _levels(value, noun: str) -> str:
    levels = value.breakdowns.get("level", {})
    parts = [
        f"{n(levels[k])} {noun} {LEVEL_WORDS[k]}"
        for k in ("province", "district", "commune")
        if levels.get(k)
    ]
    return f" ({'; '.join(parts)})" if len(parts) > 1 else ""


def draft(report) -> list[str]:
    period = _("Từ ngày %(start)s đến ngày %(end)s") % {
        "start": report.period.start.strftime("%d/%m/%Y"),
        "end": report.period.end.strftime("%d/%m/%Y"),
    }
    lines = []
    values = report.values
    if (v := values.get("dialogues_party_heads")) and v.value:
        lines.append(
            _(
                "%(period)s, người đứng đầu cấp ủy các cấp đã chủ trì, tham dự "
                "%(total)s hội nghị đối thoại%(levels)s."
            )
            % {"period": period, "total": n(v.value), "levels": _levels(v, "hội nghị")}
        )
    if (v := values.get("dialogues_government_heads")) and v.value:
        lines.append(
            _("Người đứng đầu chính quyền các cấp đã chủ trì %(total)s hội nghị đối thoại%(levels)s.")
            % {"total": n(v.value), "levels": _levels(v, "hội nghị")}
        )
    if (v := values.get("communes_with_conference")) and v.value:
        conferences = values.get("conferences_held")
        lines.append(
            _(
                "%(held)s/%(total)s xã, phường, thị trấn đã tổ chức %(count)s hội nghị "
                "tại chi bộ ấp, khu dân cư."
            )
            % {
                "held": n(v.value),
                "total": n(v.breakdowns["total"]["communes"]),
                "count": n(conferences.value if conferences else Decimal(0)),
            }
        )
    if (v := values.get("communes_with_dialogue")) and v.value:
        lines.append(
            _("%(held)s/%(total)s xã, phường, thị trấn đã tổ chức đối thoại trực tiếp với Nhân dân.")
            % {"held": n(v.value), "total": n(v.breakdowns["total"]["communes"])}
        )
    if (v := values.get("opinions_raised")) and v.value:
        outcomes = v.breakdowns.get("outcome", {})
        lines.append(
            _(
                "Tại các hội nghị có %(total)s ý kiến của Nhân dân; %(spot)s ý kiến được trả lời tại chỗ, "
                "%(forwarded)s ý kiến được chuyển cấp có thẩm quyền giải quyết."
            )
            % {
                "total": n(v.value),
                "spot": n(outcomes.get("answered_on_spot", Decimal(0))),
                "forwarded": n(outcomes.get("forwarded", Decimal(0))),
            }
        )
    if (v := values.get("petitions_received")) and v.value:
        lines.append(
            _("Tiếp nhận %(total)s ý kiến, kiến nghị của Nhân dân qua các kênh.") % {"total": n(v.value)}
        )
    if (v := values.get("models_recognised")) and v.value:
        fields = v.breakdowns.get("field", {})
        levels = v.breakdowns.get("level", {})
        field_words = {
            "economy": "kinh tế",
            "culture_society": "văn hóa – xã hội",
            "defence_security": "quốc phòng – an ninh",
            "political_system": "xây dựng hệ thống chính trị",
        }
        by_level = "; ".join(
            f"{n(levels[k])} mô hình {LEVEL_WORDS[k]}"
            for k in ("province", "district", "commune")
            if levels.get(k)
        )
        by_field = "; ".join(
            f"{n(fields[k])} mô hình lĩnh vực {w}" for k, w in field_words.items() if fields.get(k)
        )
        lines.append(
            _("Công nhận %(total)s mô hình, điển hình “Dân vận khéo” (%(levels)s), gồm %(fields)s.")
            % {"total": n(v.value), "levels": by_level, "fields": by_field}
        )
    for extra in EXTRA_LINES:
        lines.extend(extra(report))
    return lines


# Lines added by providers (models, periodic data).
EXTRA_LINES: list = []
