"""The "Dân vận khéo" movement: criteria sets, models, assessments, decisions and annual ratings."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.units.models import Organisation, Unit

from .choices import (
    CRITERIA_STATUS_COLOUR,
    FIELD_COLOUR,
    LEVEL_COLOUR,
    RATING_STATUS_COLOUR,
    STATUS_COLOUR,
    AssessmentKind,
    Award,
    CriteriaSetStatus,
    EventKind,
    Field,
    IssuerKind,
    Kind,
    RatingStatus,
    RecognitionLevel,
    Status,
    Subject,
)

POINTS = {"max_digits": 6, "decimal_places": 2}


# --- criteria sets ----------------------------------------------------------------------------


class CriteriaSet(models.Model):
    """One version of the criteria a board issues for one subject.

    ``unit`` is the issuing unit (empty for the system's default set). A set is frozen
    once an assessment uses it; a change then makes a new version, and publishing that
    version supersedes the old one. Assessments keep pointing at the version they used.
    """

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị ban hành"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="emulation_criteria_sets",
        help_text=_("Để trống: bộ tiêu chí mặc định của hệ thống."),
    )
    subject = models.CharField(_("đối tượng"), max_length=20, choices=Subject.choices)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    name = models.CharField(_("tên bộ tiêu chí"), max_length=255)
    description = models.TextField(_("căn cứ, hướng dẫn"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=CriteriaSetStatus.choices, default=CriteriaSetStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("sửa từ phiên bản"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
    )
    frozen_at = models.DateTimeField(_("khóa từ"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("ngày áp dụng"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bộ tiêu chí")
        verbose_name_plural = _("bộ tiêu chí")
        ordering = ["subject", "unit__path", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "subject", "version"], name="criteria_set_unique_version"
            ),
            models.UniqueConstraint(
                fields=["subject", "version"],
                condition=Q(unit__isnull=True),
                name="criteria_set_unique_default_version",
            ),
            models.UniqueConstraint(
                fields=["unit", "subject"],
                condition=Q(status="published"),
                name="criteria_set_one_published",
            ),
            models.UniqueConstraint(
                fields=["subject"],
                condition=Q(status="published", unit__isnull=True),
                name="criteria_set_one_default_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    @property
    def is_editable(self) -> bool:
        return not self.is_frozen and self.status != CriteriaSetStatus.SUPERSEDED

    @property
    def status_colour(self) -> str:
        return CRITERIA_STATUS_COLOUR.get(self.status, "#4b5563")

    @property
    def max_total(self) -> Decimal:
        return sum((c.max_points for c in Criterion.objects.filter(group__criteria_set=self)), Decimal(0))


class CriteriaGroup(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="groups")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mục"), max_length=10, blank=True, help_text=_("Ví dụ: I, II, III."))
    title = models.CharField(_("nhóm tiêu chí"), max_length=500)

    class Meta:
        verbose_name = _("nhóm tiêu chí")
        verbose_name_plural = _("nhóm tiêu chí")
        ordering = ["criteria_set", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}" if self.code else self.title


class Criterion(models.Model):
    group = models.ForeignKey(CriteriaGroup, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("số hiệu"), max_length=10, blank=True, help_text=_("Ví dụ: 1.1"))
    text = models.TextField(_("nội dung tiêu chí"))
    max_points = models.DecimalField(_("điểm tối đa"), **POINTS)
    evidence = models.CharField(_("minh chứng cần có"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["group__order", "order", "pk"]
        constraints = [models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_positive")]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}".strip()


class GradeBand(models.Model):
    """ "From ``min_points`` up: ``label``": the grade a total earns, and whether it may be recognised."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="grades")
    label = models.CharField(_("xếp loại"), max_length=100)
    min_points = models.DecimalField(_("từ điểm"), **POINTS)
    qualifies = models.BooleanField(
        _("đủ điều kiện công nhận"), default=False, help_text=_("Đạt mức này thì được đề nghị công nhận.")
    )

    class Meta:
        verbose_name = _("mức xếp loại")
        verbose_name_plural = _("mức xếp loại")
        ordering = ["criteria_set", "-min_points"]

    def __str__(self) -> str:
        return f"{self.label} (≥ {self.min_points})"


# --- models and their decisions -----------------------------------------------------------------


class RecognitionDecision(models.Model):
    """A recognition decision (quyết định công nhận) and the document fields its DOCX needs."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="emulation_decisions"
    )
    level = models.CharField(_("cấp công nhận"), max_length=10, choices=RecognitionLevel.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=50)
    date = models.DateField(_("ngày ký"))
    issuer_kind = models.CharField(
        _("thể thức"), max_length=8, choices=IssuerKind.choices, default=IssuerKind.PARTY
    )
    issuer_parent = models.CharField(_("cơ quan cấp trên"), max_length=200, blank=True)
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=200)
    awarding_body = models.CharField(_("cơ quan khen thưởng"), max_length=200)
    award = models.CharField(_("hình thức khen thưởng"), max_length=12, choices=Award.choices, blank=True)
    place = models.CharField(_("địa danh"), max_length=100)
    basis = models.TextField(_("căn cứ"), blank=True)
    signer_on_behalf = models.CharField(_("thẩm quyền ký"), max_length=100, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("quyết định công nhận")
        verbose_name_plural = _("quyết định công nhận")
        ordering = ["-date", "-pk"]
        constraints = [models.UniqueConstraint(fields=["unit", "number"], name="decision_unique_number")]

    def __str__(self) -> str:
        return f"{self.number} ({self.date:%d/%m/%Y})"

    @property
    def year(self) -> int:
        return self.date.year


class EmulationModel(models.Model):
    """A "Dân vận khéo" model (mô hình tập thể) or exemplary individual (điển hình cá nhân)."""

    name = models.CharField(_("tên mô hình, điển hình"), max_length=255)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices, default=Kind.COLLECTIVE)
    field = models.CharField(_("lĩnh vực"), max_length=20, choices=Field.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="emulation_models"
    )
    # Ancestor codes copied from the unit when written, so reports group without joining the tree.
    province_code = models.CharField(max_length=16, blank=True)
    district_code = models.CharField(max_length=16, blank=True)
    commune_code = models.CharField(max_length=16, blank=True)
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("tổ chức chủ trì"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="emulation_models",
    )
    owner_name = models.CharField(
        _("chủ thể"), max_length=255, help_text=_("Tên tập thể hoặc họ tên cá nhân xây dựng mô hình.")
    )
    owner_position = models.CharField(_("chức vụ, nơi công tác"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("năm đăng ký"))
    period_start = models.DateField(_("thực hiện từ"), null=True, blank=True)
    period_end = models.DateField(_("đến"), null=True, blank=True)
    description = models.TextField(_("nội dung, cách làm"))
    results = models.TextField(_("kết quả đạt được"), blank=True)
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("bộ tiêu chí"), on_delete=models.PROTECT, null=True, blank=True
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.REGISTERED
    )
    self_score = models.DecimalField(_("điểm tự chấm"), null=True, blank=True, **POINTS)
    appraisal_score = models.DecimalField(_("điểm thẩm định (bình quân)"), null=True, blank=True, **POINTS)
    grade = models.CharField(_("xếp loại"), max_length=100, blank=True)
    recognition_level = models.CharField(
        _("cấp công nhận"), max_length=10, choices=RecognitionLevel.choices, blank=True
    )
    decision = models.ForeignKey(
        RecognitionDecision,
        verbose_name=_("quyết định"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="models",
    )
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    award = models.CharField(_("hình thức khen thưởng"), max_length=12, choices=Award.choices, blank=True)
    awarding_body = models.CharField(_("cơ quan khen thưởng"), max_length=200, blank=True)
    is_outstanding = models.BooleanField(_("điển hình tiêu biểu"), default=False)
    decision_note = models.TextField(_("ý kiến của Thường trực, Ban Thường vụ"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    replicated_from = models.ForeignKey(
        "self",
        verbose_name=_("nhân rộng từ mô hình"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replications",
    )
    replicated_at = models.DateField(_("ngày nhân rộng"), null=True, blank=True)
    replication_note = models.TextField(_("nơi, cách nhân rộng"), blank=True)
    search_key = models.TextField(editable=False, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("mô hình “Dân vận khéo”")
        verbose_name_plural = _("mô hình “Dân vận khéo”")
        ordering = ["-year", "-pk"]
        indexes = [
            models.Index(fields=["province_code", "decision_date"], name="emu_model_province_decided"),
            models.Index(fields=["commune_code", "decision_date"], name="emu_model_commune_decided"),
            models.Index(fields=["status", "year"], name="emu_model_status_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["recognised", "replicated"])
                | (Q(decision_date__isnull=False) & ~Q(recognition_level="")),
                name="emu_model_recognised_has_decision",
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="emu_model_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("emulation:detail", args=[self.pk])

    @property
    def status_colour(self) -> str:
        return STATUS_COLOUR.get(self.status, "#4b5563")

    @property
    def field_colour(self) -> str:
        return FIELD_COLOUR.get(self.field, "#4b5563")

    @property
    def level_colour(self) -> str:
        return LEVEL_COLOUR.get(self.recognition_level, "#4b5563")

    @property
    def subject(self) -> str:
        return Kind(self.kind).subject

    @property
    def is_recognised(self) -> bool:
        return self.status in Status.recognised_values()

    @property
    def is_open(self) -> bool:
        return self.status in Status.open_values()


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"emulation/{instance.model.year}/{instance.model.pk}/{filename}"


class Evidence(models.Model):
    """A file that proves what the model did: plans, minutes, photos, figures."""

    model = models.ForeignKey(EmulationModel, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"))
    caption = models.CharField(_("mô tả"), max_length=255, blank=True)
    is_public = models.BooleanField(
        _("hiện trên trang giới thiệu"),
        default=False,
        help_text=_("Chỉ ảnh; hiện khi mô hình được công nhận."),
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class QuarterReport(models.Model):
    """What the unit reports on its model each quarter."""

    model = models.ForeignKey(EmulationModel, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"), choices=[(q, q) for q in range(1, 5)])
    text = models.TextField(_("kết quả trong quý"))
    submitted_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("báo cáo quý")
        verbose_name_plural = _("báo cáo quý")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["model", "year", "quarter"], name="emu_report_one_per_quarter")
        ]

    def __str__(self) -> str:
        return f"Q{self.quarter}/{self.year}"


class ModelEvent(models.Model):
    """One step of a model's history; append-only."""

    model = models.ForeignKey(EmulationModel, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=20, choices=EventKind.choices)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("diễn biến")
        verbose_name_plural = _("diễn biến")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("model events are append-only")
        super().save(*args, **kwargs)


# --- annual ratings of party organisations and agencies -------------------------------------------


class AnnualRating(models.Model):
    """A commune party organisation (or an agency) rated "Dân vận khéo" for one year."""

    subject = models.CharField(
        _("đối tượng"),
        max_length=20,
        choices=[(s, Subject(s).label) for s in Subject.rating_values()],
        default=Subject.COMMUNE_PARTY,
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="emulation_ratings"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), on_delete=models.PROTECT, null=True, blank=True
    )
    name = models.CharField(_("tên tổ chức được đánh giá"), max_length=255)
    year = models.PositiveSmallIntegerField(_("năm"))
    province_code = models.CharField(max_length=16, blank=True)
    district_code = models.CharField(max_length=16, blank=True)
    commune_code = models.CharField(max_length=16, blank=True)
    criteria_set = models.ForeignKey(CriteriaSet, verbose_name=_("bộ tiêu chí"), on_delete=models.PROTECT)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=RatingStatus.choices, default=RatingStatus.OPENED
    )
    self_score = models.DecimalField(_("điểm tự chấm"), null=True, blank=True, **POINTS)
    appraisal_score = models.DecimalField(_("điểm thẩm định (bình quân)"), null=True, blank=True, **POINTS)
    grade = models.CharField(_("xếp loại"), max_length=100, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến kết luận"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("đánh giá “Dân vận khéo” hằng năm")
        verbose_name_plural = _("đánh giá “Dân vận khéo” hằng năm")
        ordering = ["-year", "unit__path", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "subject", "name", "year"], name="emu_rating_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("emulation:rating", args=[self.pk])

    @property
    def status_colour(self) -> str:
        return RATING_STATUS_COLOUR.get(self.status, "#4b5563")

    @property
    def is_open(self) -> bool:
        return self.status in (RatingStatus.OPENED, RatingStatus.SELF_ASSESSED, RatingStatus.APPRAISED)


# --- assessments ------------------------------------------------------------------------------


class Assessment(models.Model):
    """A score sheet: the unit's self-assessment or one appraiser's appraisal of a model or a rating."""

    model = models.ForeignKey(
        EmulationModel, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    rating = models.ForeignKey(
        AnnualRating, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=AssessmentKind.choices)
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, related_name="assessments")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chấm"),
        on_delete=models.PROTECT,
        related_name="emulation_assessments",
    )
    assessor_name = models.CharField(_("người chấm"), max_length=150)
    organisation = models.CharField(
        _("thay mặt"), max_length=200, blank=True, help_text=_("Ví dụ: Ban Dân vận, Ủy ban MTTQ.")
    )
    total = models.DecimalField(_("tổng điểm"), **POINTS)
    grade = models.CharField(_("xếp loại"), max_length=100, blank=True)
    comment = models.TextField(_("nhận xét"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phiếu chấm điểm")
        verbose_name_plural = _("phiếu chấm điểm")
        ordering = ["kind", "submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(model__isnull=False) & Q(rating__isnull=True))
                | (Q(model__isnull=True) & Q(rating__isnull=False)),
                name="assessment_of_model_or_rating",
            ),
            models.UniqueConstraint(
                fields=["model"], condition=Q(kind="self"), name="assessment_one_self_per_model"
            ),
            models.UniqueConstraint(
                fields=["rating"], condition=Q(kind="self"), name="assessment_one_self_per_rating"
            ),
            models.UniqueConstraint(
                fields=["model", "assessor"],
                condition=Q(kind="appraisal"),
                name="assessment_one_appraisal_per_model_assessor",
            ),
            models.UniqueConstraint(
                fields=["rating", "assessor"],
                condition=Q(kind="appraisal"),
                name="assessment_one_appraisal_per_rating_assessor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.assessor_name}: {self.total}"


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    points = models.DecimalField(_("điểm"), **POINTS)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="score_one_per_criterion"),
            models.CheckConstraint(condition=Q(points__gte=0), name="score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.points}"
