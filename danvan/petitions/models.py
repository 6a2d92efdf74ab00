"""Citizens' opinions and petitions, their append-only timeline, attachments and legal limits."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.units.choices import Level
from danvan.units.models import Organisation, Unit

from .choices import STATUS_COLOUR, Channel, DayType, EventKind, Kind, Status


class Topic(models.Model):
    """A two-level taxonomy: groups (parent empty) and topics under them."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("nhóm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=160)
    keywords = models.TextField(
        _("từ khóa"), blank=True, help_text=_("Mỗi dòng một từ khóa, dùng để gợi ý lĩnh vực.")
    )
    search_key = models.CharField(max_length=320, editable=False, db_index=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name


class LegalLimit(models.Model):
    """How long each kind may take, from the law; administrators may edit it."""

    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, unique=True)
    acceptance_days = models.PositiveSmallIntegerField(
        _("hạn thông báo thụ lý"), default=10, help_text=_("Quy định 11-QĐi/TW: 10 ngày làm việc.")
    )
    resolution_days = models.PositiveSmallIntegerField(_("hạn giải quyết"), null=True, blank=True)
    resolution_days_complex = models.PositiveSmallIntegerField(
        _("hạn giải quyết vụ việc phức tạp"), null=True, blank=True
    )
    remote_resolution_days = models.PositiveSmallIntegerField(
        _("hạn ở vùng sâu, vùng xa"), null=True, blank=True
    )
    remote_resolution_days_complex = models.PositiveSmallIntegerField(
        _("hạn ở vùng sâu, vùng xa, phức tạp"), null=True, blank=True
    )
    day_type = models.CharField(
        _("cách tính ngày"), max_length=10, choices=DayType.choices, default=DayType.WORKING
    )
    max_extensions = models.PositiveSmallIntegerField(_("số lần gia hạn tối đa"), default=0)
    extension_days = models.PositiveSmallIntegerField(_("số ngày mỗi lần gia hạn"), default=0)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thời hạn theo luật")
        verbose_name_plural = _("thời hạn theo luật")

    def __str__(self) -> str:
        return str(Kind(self.kind).label)


class Petition(models.Model):
    tracking_code = models.CharField(_("mã tra cứu"), max_length=16, unique=True)
    pin_hash = models.CharField(max_length=200, editable=False)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.PETITION)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=20, choices=Channel.choices)
    topic = models.ForeignKey(
        Topic, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, null=True, blank=True
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("nơi phát sinh"), on_delete=models.PROTECT, related_name="petitions_arisen"
    )
    handling_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị có thẩm quyền"),
        on_delete=models.PROTECT,
        related_name="petitions_handled",
        db_index=False,  # petition_handler_status_due leads with it
    )
    handling_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("tổ chức xử lý"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        db_index=False,  # petition_org_status leads with it
    )
    # Ancestor codes and a month key, copied from the unit when written, so reports
    # group facts without joining them to the tree (DESIGN.md §7).
    province_code = models.CharField(max_length=16, blank=True)
    district_code = models.CharField(max_length=16, blank=True)
    commune_code = models.CharField(max_length=16, blank=True)
    yyyymm = models.PositiveIntegerField()
    title = models.CharField(_("tóm tắt"), max_length=200)
    text = models.TextField(_("nội dung"))
    citizen_name = models.CharField(_("họ tên người gửi"), max_length=120, blank=True)
    citizen_phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    citizen_email = models.EmailField(_("thư điện tử"), blank=True)
    citizen_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    is_complex = models.BooleanField(_("vụ việc phức tạp"), default=False)
    # Judged at intake: the level whose authority the matter falls under; a complaint received
    # above it, before that level had its turn, is a skipped-level case (vượt cấp).
    competent_level = models.CharField(
        _("cấp có thẩm quyền"),
        max_length=16,
        blank=True,
        default="",
        db_default="",  # bulk loads that name their columns leave it out
        choices=[(v, label) for v, label in Level.choices if v not in ("nation", "hamlet")],
        help_text=_("Cấp có thẩm quyền giải quyết theo quy định, ghi nhận khi tiếp nhận."),
    )
    people_count = models.PositiveIntegerField(
        _("số người ký tên / có mặt"),
        null=True,
        blank=True,
        help_text=_("Đơn nhiều người ký hoặc đoàn đông người: ghi số người."),
    )
    is_remote = models.BooleanField(_("vùng sâu, vùng xa"), default=False)
    received_at = models.DateTimeField(_("ngày tiếp nhận"))
    acceptance_due = models.DateField(_("hạn thông báo thụ lý"))
    due_date = models.DateField(_("hạn giải quyết"), null=True, blank=True)
    extensions = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.NEW)
    public_answer = models.TextField(_("trả lời công khai"), blank=True)
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ngày kết thúc"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("đánh giá"), null=True, blank=True)
    rating_comment = models.TextField(_("nhận xét của người dân"), blank=True)
    citizen_reopened = models.BooleanField(default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("gộp vào"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        db_index=False,  # a partial index in Meta: almost every petition has none
    )
    search_key = models.TextField(editable=False, blank=True)
    # Bumped by every transition; a form carries it so the slower of two officers is refused.
    version = models.PositiveIntegerField(default=1)
    # Petitions from the portal and the API have no author account: indexed where set only.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )

    class Meta:
        verbose_name = _("ý kiến, kiến nghị")
        verbose_name_plural = _("ý kiến, kiến nghị")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["province_code", "yyyymm"], name="petition_province_month"),
            models.Index(fields=["commune_code", "yyyymm"], name="petition_commune_month"),
            models.Index(fields=["status", "due_date"], name="petition_status_due"),
            # Overdue petitions of a subtree's handling units (the dashboard, the daily reminders).
            models.Index(fields=["handling_unit", "status", "due_date"], name="petition_handler_status_due"),
            # Most petitions are handled by a unit: the organisations' inbox index holds only theirs.
            models.Index(
                fields=["handling_organisation", "status"],
                condition=Q(handling_organisation__isnull=False),
                name="petition_org_status",
            ),
            models.Index(
                fields=["created_by"], condition=Q(created_by__isnull=False), name="petition_created_by"
            ),
            # The inbox's default order: the newest page is read off the index, not sorted from all rows.
            models.Index(fields=["-received_at", "-id"], name="petition_received_desc"),
            models.Index(
                fields=["merged_into"], condition=Q(merged_into__isnull=False), name="petition_merged_into"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="petition_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} — {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in Status.open_values()

    @property
    def status_colour(self) -> str:
        return STATUS_COLOUR.get(self.status, "#4b5563")

    @property
    def is_public_listable(self) -> bool:
        return self.kind != Kind.DENUNCIATION and self.status in (Status.ANSWERED, Status.CLOSED)


class PetitionEvent(models.Model):
    """One step of a petition's life. Never updated or deleted: the status is derived from these."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=20, choices=EventKind.choices)
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    text = models.TextField(_("nội dung"), blank=True)
    is_internal = models.BooleanField(_("nội bộ"), default=False)
    # Only forwarding, organisation and merge events fill these: partial indexes (Meta) keep every
    # other event out of them, which makes the timeline's inserts and the indexes cheaper.
    from_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    to_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    other_petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("diễn biến")
        verbose_name_plural = _("diễn biến")
        ordering = ["at", "pk"]
        # Reports and the dashboard count this month's events of one kind straight from the timeline.
        indexes = [
            models.Index(fields=["kind", "at"], name="petitionevent_kind_at"),
            *(
                models.Index(
                    fields=[name], condition=Q(**{f"{name}__isnull": False}), name=f"petitionevent_{name}"
                )
                # A citizen's own steps (sending, rating) have no actor account.
                for name in ("from_unit", "to_unit", "organisation", "other_petition", "actor")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} @ {self.at:%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("petition events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("petition events are append-only")


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"petitions/{instance.petition.received_at:%Y/%m}/{instance.petition.tracking_code}/{filename}"


class Attachment(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"))
    is_public = models.BooleanField(_("công khai"), default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.original_name
