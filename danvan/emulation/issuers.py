"""Who issues a recognition decision, and how its header, symbol and signature read by default.

"Huyện ủy Tân Lạc", "Ban Thường vụ Đảng ủy xã An Bình", "QĐ/HU", "T/M BAN THƯỜNG VỤ":
derived from the issuing unit, so a board only types the number and the date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.units.choices import Level
from danvan.units.models import Unit
from danvan.units.selectors import unit_ancestors, unit_current

from .choices import DISTRICT_ABOLISHED, Award, IssuerKind, RecognitionLevel


def ancestor_at_level(unit: Unit, level: str) -> Unit | None:
    """``unit`` itself or its ancestor at ``level`` (a unit level: province, district, commune)."""
    if unit.level == level:
        return unit
    return next((node for node in unit_ancestors(unit=unit) if node.level == level), None)


def issuing_unit(unit: Unit, recognition_level: str, day: datetime.date) -> Unit | None:
    """The unit whose committee recognises a model of ``unit`` at ``recognition_level`` on ``day``.

    A model of a unit dissolved in a reform is recognised by the successor of its
    ancestor; there is no district level after 1 July 2025.
    """
    level = RecognitionLevel(recognition_level)
    if level == RecognitionLevel.DISTRICT and day >= DISTRICT_ABOLISHED:
        return None
    node = ancestor_at_level(unit, level.unit_level)
    if node is None:
        return None
    if not node.is_valid_on(day):
        node = unit_current(unit=node, day=day)
        if node.level != level.unit_level:
            return None
    return node


def _kind(unit: Unit) -> str:
    return (unit.kind_name or Level(unit.level).label).strip()


def _short(unit: Unit) -> str:
    return (unit.short_name or unit.name).strip()


def unit_phrase(unit: Unit) -> str:
    """ "xã An Bình", "huyện Tân Lạc", "tỉnh Hòa Bình": the unit as it reads inside a sentence."""
    if unit.kind_name and unit.short_name:
        return f"{unit.kind_name.lower()} {unit.short_name}"
    return unit.name


def party_committee(unit: Unit) -> str:
    """ "Tỉnh ủy Hòa Bình", "Huyện ủy Tân Lạc", "Thị ủy …", "Đảng ủy xã An Bình"."""
    kind = _kind(unit).lower()
    if unit.level == Level.PROVINCE:
        word = "Thành ủy" if kind.startswith("thành phố") else "Tỉnh ủy"
        return f"{word} {_short(unit)}"
    if unit.level == Level.DISTRICT:
        word = {"quận": "Quận ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}.get(kind, "Huyện ủy")
        return f"{word} {_short(unit)}"
    return f"Đảng ủy {unit_phrase(unit)}"


def peoples_committee(unit: Unit) -> str:
    return f"Ủy ban nhân dân {unit_phrase(unit)}"


@dataclass(frozen=True)
class DocumentDefaults:
    issuer_parent: str
    issuer_name: str
    awarding_body: str
    symbol: str
    signer_on_behalf: str
    signer_title: str
    place: str
    award: str


# The level as it reads inside a sentence: "công nhận … cấp huyện năm 2024".
LEVEL_PHRASE = {
    RecognitionLevel.PROVINCE: gettext_lazy("cấp tỉnh"),
    RecognitionLevel.DISTRICT: gettext_lazy("cấp huyện"),
    RecognitionLevel.COMMUNE: gettext_lazy("cấp xã"),
}
SYMBOL_BY_LEVEL = {Level.PROVINCE: "TU", Level.DISTRICT: "HU", Level.COMMUNE: "ĐU"}


def document_defaults(unit: Unit, issuer_kind: str = IssuerKind.PARTY) -> DocumentDefaults:
    """How a decision issued by ``unit`` is headed and signed, for a Party or a state document."""
    award = Award.BANG_KHEN if unit.level == Level.PROVINCE else Award.GIAY_KHEN
    place = _short(unit)
    if issuer_kind == IssuerKind.STATE:
        return DocumentDefaults(
            issuer_parent="",
            issuer_name=peoples_committee(unit).upper(),
            awarding_body=f"Chủ tịch {peoples_committee(unit)}",
            symbol="QĐ-UBND",
            signer_on_behalf="TM. ỦY BAN NHÂN DÂN",
            signer_title="CHỦ TỊCH",
            place=place,
            award=award,
        )
    committee = party_committee(unit)
    parent = unit.parent if unit.parent and unit.parent.level != Level.NATION else None
    symbol = "QĐ/" + SYMBOL_BY_LEVEL.get(unit.level, "ĐU")
    if unit.level == Level.PROVINCE and committee.startswith("Thành ủy"):
        symbol = "QĐ/TU"
    return DocumentDefaults(
        issuer_parent=f"ĐẢNG BỘ {parent.name}".upper() if parent else "",
        issuer_name=committee.upper(),
        awarding_body=f"Ban Thường vụ {committee}",
        symbol=symbol,
        signer_on_behalf="T/M BAN THƯỜNG VỤ",
        signer_title="BÍ THƯ",
        place=place,
        award=award,
    )


def default_basis(unit: Unit, issuer_kind: str = IssuerKind.PARTY) -> str:
    """The preamble (căn cứ), one line each; the board may rewrite it."""
    if issuer_kind == IssuerKind.STATE:
        return "\n".join(
            [
                _("Căn cứ Luật Tổ chức chính quyền địa phương;"),
                _("Căn cứ Luật Thi đua, khen thưởng;"),
                _("Căn cứ kế hoạch thực hiện phong trào thi đua “Dân vận khéo”;"),
                _("Xét đề nghị của Hội đồng Thi đua – Khen thưởng và kết quả thẩm định,"),
            ]
        )
    return "\n".join(
        [
            _("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"),
            _("Căn cứ Quy chế làm việc của %(committee)s;") % {"committee": party_committee(unit)},
            _("Căn cứ kế hoạch thực hiện phong trào thi đua “Dân vận khéo”;"),
            _("Xét đề nghị của Ban Dân vận và kết quả thẩm định,"),
        ]
    )
