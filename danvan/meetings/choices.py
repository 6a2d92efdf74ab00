from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingCategory(models.TextChoices):
    CONFERENCE = "conference", _("Hội nghị tại chi bộ ấp, khu dân cư")
    DIALOGUE = "dialogue", _("Đối thoại trực tiếp")
    RECEPTION = "reception", _("Tiếp công dân")
    OFFICIALS_CONFERENCE = "officials_conference", _("Hội nghị cán bộ, công chức")
    WORKERS_CONFERENCE = "workers_conference", _("Hội nghị người lao động")


class ChairRole(models.TextChoices):
    PARTY_SECRETARY = "party_secretary", _("Bí thư cấp ủy")
    DEPUTY_PARTY_SECRETARY = "deputy_party_secretary", _("Phó Bí thư cấp ủy")
    PEOPLES_COMMITTEE_CHAIR = "peoples_committee_chair", _("Chủ tịch UBND")
    PEOPLES_COMMITTEE_VICE_CHAIR = "peoples_committee_vice_chair", _("Phó Chủ tịch UBND")
    PEOPLES_COUNCIL_CHAIR = "peoples_council_chair", _("Chủ tịch HĐND")
    FRONT_CHAIR = "front_chair", _("Chủ tịch UBMTTQ")
    MASS_MOBILISATION_HEAD = "mass_mobilisation_head", _("Trưởng ban Dân vận")
    BRANCH_SECRETARY = "branch_secretary", _("Bí thư chi bộ")
    OTHER = "other", _("Khác")

    @classmethod
    def heads_of_party(cls) -> list[str]:
        return [cls.PARTY_SECRETARY, cls.DEPUTY_PARTY_SECRETARY]

    @classmethod
    def heads_of_government(cls) -> list[str]:
        return [cls.PEOPLES_COMMITTEE_CHAIR, cls.PEOPLES_COMMITTEE_VICE_CHAIR]


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Dự kiến")
    HELD = "held", _("Đã tổ chức")
    CANCELLED = "cancelled", _("Hủy")


class Outcome(models.TextChoices):
    ANSWERED_ON_SPOT = "answered_on_spot", _("Trả lời tại chỗ")
    FORWARDED = "forwarded", _("Chuyển cấp có thẩm quyền")
    RECORDED = "recorded", _("Ghi nhận, giao xử lý")


class Frequency(models.TextChoices):
    MONTH = "month", _("mỗi tháng")
    QUARTER = "quarter", _("mỗi quý")
    YEAR = "year", _("mỗi năm")

    @property
    def months(self) -> int:
        return {"month": 1, "quarter": 3, "year": 12}[self.value]
