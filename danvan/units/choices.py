"""Choices that carry a value, a translated label and a colour (for badges)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    NATION = "nation", _("Quốc gia")
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")
    HAMLET = "hamlet", _("Thôn, tổ dân phố")

    @property
    def depth(self) -> int:
        return LEVEL_DEPTH[self.value]


LEVEL_DEPTH = {"nation": 0, "province": 1, "district": 2, "commune": 3, "hamlet": 4}
LEVEL_COLOUR = {
    "nation": "#7f1d1d",
    "province": "#9a3412",
    "district": "#1e40af",
    "commune": "#166534",
    "hamlet": "#4b5563",
}


class Tree(models.TextChoices):
    """Which edition of the national tree a unit belongs to.

    Codes are reused across the 2025 reform (Hà Nội is 01 in both), so a unit's
    natural key is (tree, level, code).
    """

    NATIONAL = "national", _("Chung")
    BEFORE_2025 = "before_2025", _("Trước 01/7/2025 (63 tỉnh)")
    SINCE_2025 = "since_2025", _("Từ 01/7/2025 (34 tỉnh)")


class HamletKind(models.TextChoices):
    AP = "ấp", _("Ấp")
    KHOM = "khóm", _("Khóm")
    THON = "thôn", _("Thôn")
    XOM = "xóm", _("Xóm")
    BAN = "bản", _("Bản")
    BUON = "buôn", _("Buôn")
    PHUM = "phum", _("Phum")
    SOC = "sóc", _("Sóc")
    TO_DAN_PHO = "tổ dân phố", _("Tổ dân phố")
    KHU_PHO = "khu phố", _("Khu phố")


class OrganisationKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("Cấp ủy Đảng")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
    FATHERLAND_FRONT = "fatherland_front", _("Mặt trận Tổ quốc")
    WOMENS_UNION = "womens_union", _("Hội Liên hiệp Phụ nữ")
    YOUTH_UNION = "youth_union", _("Đoàn Thanh niên")
    FARMERS_UNION = "farmers_union", _("Hội Nông dân")
    VETERANS_ASSOCIATION = "veterans_association", _("Hội Cựu chiến binh")
    TRADE_UNION = "trade_union", _("Công đoàn")
    AGENCY = "agency", _("Cơ quan, đơn vị")

    @classmethod
    def mass_organisations(cls) -> list[str]:
        return [
            cls.WOMENS_UNION,
            cls.YOUTH_UNION,
            cls.FARMERS_UNION,
            cls.VETERANS_ASSOCIATION,
            cls.TRADE_UNION,
        ]


ORGANISATION_COLOUR = {
    "party_committee": "#b91c1c",
    "peoples_committee": "#1d4ed8",
    "peoples_council": "#6d28d9",
    "fatherland_front": "#b45309",
    "agency": "#374151",
}
