"""Vietnamese names for breakdown dimensions and their members (the JSON keeps the codes)."""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import gettext as _

DIMENSIONS = {
    "kind": _("loại"),
    "channel": _("kênh"),
    "topic": _("lĩnh vực"),
    "level": _("cấp"),
    "category": _("nhóm"),
    "type": _("loại hội nghị"),
    "outcome": _("kết quả"),
    "total": _("tổng số"),
    "field": _("lĩnh vực"),
    "model_kind": _("hình thức"),
    "timeliness": _("thời hạn"),
    "disclosure": _("nội dung công khai"),
    "consultation_subject": _("nội dung lấy ý kiến"),
    "opinion_channel": _("hình thức góp ý"),
    "result": _("kết quả"),
    "decision_matter": _("nội dung"),
    "board_kind": _("ban"),
    "hotspot_rule": _("dấu hiệu"),
    "hotspot_status": _("tình trạng"),
}


@lru_cache(maxsize=1)
def _choices() -> dict[str, dict[str, str]]:
    from danvan.emulation.choices import Field
    from danvan.emulation.choices import Kind as ModelKind
    from danvan.meetings.choices import MeetingCategory, Outcome
    from danvan.petitions.choices import Channel, Kind
    from danvan.units.choices import Level

    return {
        "kind": dict(Kind.choices),
        "channel": dict(Channel.choices),
        "level": dict(Level.choices),
        "category": dict(MeetingCategory.choices),
        "outcome": dict(Outcome.choices),
        "total": {"communes": _("đơn vị cấp xã")},
        "field": dict(Field.choices),
        "model_kind": dict(ModelKind.choices),
        **_democracy_choices(),
        **_hotspot_choices(),
    }


def _hotspot_choices() -> dict[str, dict[str, str]]:
    from danvan.pulse.models import HotspotStatus, Rule

    return {"hotspot_rule": dict(Rule.choices), "hotspot_status": dict(HotspotStatus.choices)}


def _democracy_choices() -> dict[str, dict[str, str]]:
    from danvan.democracy.choices import BoardKind, OpinionChannel

    return {
        "timeliness": {"on_time": _("đúng hạn"), "late": _("chậm")},
        "result": {"passed": _("được thông qua"), "not_passed": _("không được thông qua")},
        "opinion_channel": dict(OpinionChannel.choices),
        "board_kind": dict(BoardKind.choices),
    }


def _lookup(dim: str) -> dict[str, str]:
    if dim == "topic":
        from danvan.petitions.models import Topic

        return dict(Topic.objects.values_list("code", "name"))
    if dim in ("disclosure", "consultation_subject", "decision_matter"):
        from danvan.democracy import models

        model = {
            "disclosure": models.DisclosureCategory,
            "consultation_subject": models.ConsultationSubject,
            "decision_matter": models.DecisionMatter,
        }[dim]
        return dict(model.objects.values_list("code", "name"))
    if dim == "type":
        from danvan.meetings.models import MeetingType

        return dict(MeetingType.objects.values_list("code", "name"))
    return {str(k): str(v) for k, v in _choices().get(dim, {}).items()}


def dimension_label(dim: str) -> str:
    return str(DIMENSIONS.get(dim, dim))


def labelled(breakdowns: dict[str, dict[str, object]]) -> list[tuple[str, list[tuple[str, object]]]]:
    """[(dimension label, [(member label, value)…])…] for pages and documents."""
    result = []
    for dim, members in breakdowns.items():
        if not members:
            continue
        names = _lookup(dim)
        result.append((dimension_label(dim), [(names.get(str(m), str(m)), v) for m, v in members.items()]))
    return result
