"""Plans, dialogue conferences and citizen-reception sessions, and the opinions raised there."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.petitions.models import Petition, Topic
from danvan.units.models import Unit

from .choices import ChairRole, Frequency, MeetingCategory, MeetingStatus, Outcome


class MeetingType(models.Model):
    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    category = models.CharField(_("nhóm"), max_length=30, choices=MeetingCategory.choices)
    description = models.TextField(_("mô tả"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("loại hội nghị")
        verbose_name_plural = _("loại hội nghị")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Plan(models.Model):
    """A unit's plan ("158-KH/HU ngày 28/11/2023") and what it requires of subordinate units."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="plans"
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=300)
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    pilot_units = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị làm điểm"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-issued_on"]
        constraints = [models.UniqueConstraint(fields=["unit", "number"], name="plan_unique_number_per_unit")]

    def __str__(self) -> str:
        return f"{self.number} ngày {self.issued_on:%d/%m/%Y}"


class PlanRequirement(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="requirements")
    meeting_type = models.ForeignKey(MeetingType, verbose_name=_("loại hội nghị"), on_delete=models.PROTECT)
    target_level = models.CharField(
        _("áp dụng cho cấp"),
        max_length=16,
        choices=[("province", _("Cấp tỉnh")), ("district", _("Cấp huyện")), ("commune", _("Cấp xã"))],
    )
    times = models.PositiveSmallIntegerField(_("số lần"), default=1)
    frequency = models.CharField(
        _("tần suất"), max_length=10, choices=Frequency.choices, default=Frequency.MONTH
    )
    pilot_only = models.BooleanField(_("chỉ đơn vị làm điểm"), default=False)

    class Meta:
        verbose_name = _("yêu cầu của kế hoạch")
        verbose_name_plural = _("yêu cầu của kế hoạch")

    def __str__(self) -> str:
        return f"{self.meeting_type} × {self.times} {self.get_frequency_display()}"


class Meeting(models.Model):
    meeting_type = models.ForeignKey(MeetingType, verbose_name=_("loại hội nghị"), on_delete=models.PROTECT)
    host_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="meetings_hosted"
    )
    venue_unit = models.ForeignKey(
        Unit,
        verbose_name=_("địa bàn (thôn, ấp)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("thời gian"))
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.HELD
    )
    level = models.CharField(_("cấp"), max_length=16, editable=False)
    province_code = models.CharField(max_length=16, blank=True)
    district_code = models.CharField(max_length=16, blank=True)
    commune_code = models.CharField(max_length=16, blank=True)
    yyyymm = models.PositiveIntegerField()
    title = models.CharField(_("chủ đề"), max_length=300, blank=True)
    attendance = models.PositiveIntegerField(_("số người dự"), null=True, blank=True)
    attendance_composition = models.CharField(_("thành phần"), max_length=500, blank=True)
    policies_explained = models.TextField(_("chủ trương, chính sách được thông tin"), blank=True)
    minutes = models.TextField(_("biên bản"), blank=True)
    minutes_file = models.FileField(_("tệp biên bản"), upload_to="meetings/%Y/%m/", blank=True)
    is_public = models.BooleanField(_("công khai lịch"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")
        ordering = ["-starts_at"]
        indexes = [
            models.Index(fields=["province_code", "yyyymm"], name="meeting_province_month"),
            models.Index(fields=["commune_code", "yyyymm"], name="meeting_commune_month"),
            models.Index(fields=["starts_at"], name="meeting_starts_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance__isnull=True) | Q(attendance__lte=1_000_000),
                name="meeting_attendance_sane",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_type} — {self.host_unit} — {self.starts_at:%d/%m/%Y}"


class MeetingChair(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="chairs")
    name = models.CharField(_("họ tên"), max_length=120)
    role = models.CharField(_("chức vụ"), max_length=40, choices=ChairRole.choices)

    class Meta:
        verbose_name = _("chủ trì")
        verbose_name_plural = _("chủ trì")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Opinion(models.Model):
    """One line said at a meeting; each becomes a petition (channel: conference) followed to its end."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="opinions")
    position = models.PositiveIntegerField()
    text = models.TextField(_("ý kiến"))
    topic = models.ForeignKey(
        Topic, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, null=True, blank=True
    )
    outcome = models.CharField(_("kết quả"), max_length=20, choices=Outcome.choices)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    petition = models.OneToOneField(Petition, on_delete=models.PROTECT, related_name="opinion")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến tại hội nghị")
        verbose_name_plural = _("ý kiến tại hội nghị")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="opinion_unique_position")
        ]

    def __str__(self) -> str:
        return self.text[:80]
