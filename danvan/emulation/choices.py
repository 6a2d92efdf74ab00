"""Choices of the "Dân vận khéo" movement: a Vietnamese label each and, where shown as a badge, a colour."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.units.choices import Level

# The district level was abolished on 1 July 2025; no recognition at that level after it.
DISTRICT_ABOLISHED = datetime.date(2025, 7, 1)


class Subject(models.TextChoices):
    """What a criteria set assesses."""

    COLLECTIVE_MODEL = "collective_model", _("Mô hình tập thể")
    INDIVIDUAL_MODEL = "individual_model", _("Điển hình cá nhân")
    COMMUNE_PARTY = "commune_party", _("Tổ chức cơ sở đảng cấp xã")
    AGENCY = "agency", _("Cơ quan, đơn vị")

    @classmethod
    def rating_values(cls) -> list[str]:
        """The subjects rated once a year, rather than registered as models."""
        return [cls.COMMUNE_PARTY, cls.AGENCY]


class Kind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")

    @property
    def subject(self) -> str:
        return Subject.COLLECTIVE_MODEL if self == Kind.COLLECTIVE else Subject.INDIVIDUAL_MODEL


class Field(models.TextChoices):
    ECONOMY = "economy", _("Kinh tế")
    CULTURE_SOCIETY = "culture_society", _("Văn hóa – xã hội")
    DEFENCE_SECURITY = "defence_security", _("Quốc phòng – an ninh")
    POLITICAL_SYSTEM = "political_system", _("Xây dựng hệ thống chính trị")


FIELD_COLOUR = {
    Field.ECONOMY: "#166534",
    Field.CULTURE_SOCIETY: "#1d4ed8",
    Field.DEFENCE_SECURITY: "#7f1d1d",
    Field.POLITICAL_SYSTEM: "#9a3412",
}


class Status(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    SELF_ASSESSED = "self_assessed", _("Đã tự chấm điểm")
    APPRAISED = "appraised", _("Đã thẩm định")
    RECOGNISED = "recognised", _("Được công nhận")
    NOT_RECOGNISED = "not_recognised", _("Không công nhận")
    REPLICATED = "replicated", _("Đã nhân rộng")

    @classmethod
    def recognised_values(cls) -> list[str]:
        """A replicated model stays recognised."""
        return [cls.RECOGNISED, cls.REPLICATED]

    @classmethod
    def open_values(cls) -> list[str]:
        """Not yet decided: the unit and the board still work on these."""
        return [cls.REGISTERED, cls.SELF_ASSESSED, cls.APPRAISED]


STATUS_COLOUR = {
    Status.REGISTERED: "#4b5563",
    Status.SELF_ASSESSED: "#1d4ed8",
    Status.APPRAISED: "#7c3aed",
    Status.RECOGNISED: "#166534",
    Status.NOT_RECOGNISED: "#991b1b",
    Status.REPLICATED: "#0f766e",
}


class RecognitionLevel(models.TextChoices):
    COMMUNE = "commune", _("Cấp xã")
    DISTRICT = "district", _("Cấp huyện (trước 01/7/2025)")
    PROVINCE = "province", _("Cấp tỉnh")

    @property
    def unit_level(self) -> str:
        return {"commune": Level.COMMUNE, "district": Level.DISTRICT, "province": Level.PROVINCE}[self.value]

    @property
    def rank(self) -> int:
        return {"commune": 1, "district": 2, "province": 3}[self.value]


LEVEL_COLOUR = {
    RecognitionLevel.COMMUNE: "#166534",
    RecognitionLevel.DISTRICT: "#1e40af",
    RecognitionLevel.PROVINCE: "#9a3412",
}


class Award(models.TextChoices):
    NONE = "", _("Không kèm khen thưởng")
    CERTIFICATE = "certificate", _("Giấy chứng nhận")
    GIAY_KHEN = "giay_khen", _("Giấy khen")
    BANG_KHEN = "bang_khen", _("Bằng khen")


class IssuerKind(models.TextChoices):
    PARTY = "party", _("Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)")
    STATE = "state", _("Văn bản hành chính (Nghị định 30/2020/NĐ-CP)")


class CriteriaSetStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đang áp dụng")
    SUPERSEDED = "superseded", _("Đã thay thế")


CRITERIA_STATUS_COLOUR = {
    CriteriaSetStatus.DRAFT: "#92400e",
    CriteriaSetStatus.PUBLISHED: "#166534",
    CriteriaSetStatus.SUPERSEDED: "#6b7280",
}


class AssessmentKind(models.TextChoices):
    SELF = "self", _("Tự chấm")
    APPRAISAL = "appraisal", _("Thẩm định")


class RatingStatus(models.TextChoices):
    OPENED = "opened", _("Đã mở đợt đánh giá")
    SELF_ASSESSED = "self_assessed", _("Đã tự chấm điểm")
    APPRAISED = "appraised", _("Đã thẩm định")
    RATED = "rated", _("Đạt “Dân vận khéo”")
    NOT_RATED = "not_rated", _("Chưa đạt")


RATING_STATUS_COLOUR = {
    RatingStatus.OPENED: "#4b5563",
    RatingStatus.SELF_ASSESSED: "#1d4ed8",
    RatingStatus.APPRAISED: "#7c3aed",
    RatingStatus.RATED: "#166534",
    RatingStatus.NOT_RATED: "#991b1b",
}


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("Đăng ký mô hình")
    UPDATED = "updated", _("Cập nhật thông tin")
    EVIDENCE_ADDED = "evidence_added", _("Thêm minh chứng")
    EVIDENCE_REMOVED = "evidence_removed", _("Gỡ minh chứng")
    REPORTED = "reported", _("Báo cáo quý")
    SELF_ASSESSED = "self_assessed", _("Tự chấm điểm")
    APPRAISED = "appraised", _("Thẩm định")
    RECOGNISED = "recognised", _("Công nhận")
    NOT_RECOGNISED = "not_recognised", _("Không công nhận")
    REPLICATED = "replicated", _("Nhân rộng")
