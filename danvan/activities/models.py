"""Periodic figures, after DHIS2: data sets of data elements, entered per unit and period.

Configuration (declared as data, audited): option sets, data sets, data elements,
validation rules. Facts: one ``Submission`` per data set × unit × period with its
state and history, its ``DataValue`` cells, the import batches that wrote them,
and the individual supervision activities whose recommendations are followed up.
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danvan.units.choices import Level
from danvan.units.models import Unit

from . import expressions
from .choices import (
    RECOMMENDATION_COLOUR,
    STATE_COLOUR,
    EventKind,
    Importance,
    MissingValueStrategy,
    Operator,
    Organiser,
    PeriodType,
    RecommendationStatus,
    Source,
    State,
    SupervisionKind,
    ValueType,
)
from .periods import Period

ELEMENT_CODE = RegexValidator(
    r"^[a-z][a-z0-9_]*$", _("Chỉ dùng chữ thường không dấu, số và gạch dưới, bắt đầu bằng chữ.")
)
OPTION_CODE = RegexValidator(r"^[a-z0-9_]+$", _("Chỉ dùng chữ thường không dấu, số và gạch dưới."))


class OptionSet(models.Model):
    """A list of options: the breakdown of an element (organiser type) or the values of an option element."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=200)

    class Meta:
        verbose_name = _("danh mục phân tổ")
        verbose_name_plural = _("danh mục phân tổ")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Option(models.Model):
    option_set = models.ForeignKey(
        OptionSet, verbose_name=_("danh mục"), on_delete=models.CASCADE, related_name="options"
    )
    code = models.CharField(_("mã"), max_length=60, validators=[OPTION_CODE])
    name = models.CharField(_("tên"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("mục phân tổ")
        verbose_name_plural = _("mục phân tổ")
        ordering = ["option_set", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["option_set", "code"], name="option_unique_code")]

    def __str__(self) -> str:
        return self.name


class DataSet(models.Model):
    """What a unit reports each period: a list of data elements and the rules that check them."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True)
    period_type = models.CharField(_("kỳ báo cáo"), max_length=16, choices=PeriodType.choices)
    levels = models.JSONField(
        _("cấp báo cáo"), default=list, help_text=_("Các cấp đơn vị phải báo cáo bộ số liệu này.")
    )
    days_to_submit = models.PositiveSmallIntegerField(
        _("hạn gửi (số ngày sau kỳ)"), default=10, help_text=_("Báo cáo gửi sau hạn này bị tính là trễ hạn.")
    )
    uses_cutoff = models.BooleanField(
        _("chốt số liệu theo Nghị định 09/2019"),
        default=False,
        help_text=_("Số liệu tính từ ngày 15 tháng trước kỳ đến ngày 14 tháng cuối kỳ."),
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("bộ số liệu")
        verbose_name_plural = _("bộ số liệu")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown = [level for level in self.levels or [] if level not in Level.values]
        if not self.levels or unknown:
            raise ValidationError({"levels": gettext("Hãy chọn ít nhất một cấp đơn vị hợp lệ.")})

    def reports_at(self, unit: Unit) -> bool:
        return unit.level in (self.levels or [])

    @property
    def level_labels(self) -> list[str]:
        return [Level(level).label for level in self.levels or [] if level in Level.values]

    def period(self, key: str) -> Period:
        return Period.parse(key, self.period_type)

    @cached_property
    def element_list(self) -> list[DataElement]:
        return list(self.elements.select_related("breakdown", "option_set").order_by("sort_order", "pk"))

    @cached_property
    def rule_list(self) -> list[ValidationRule]:
        return list(self.rules.filter(is_active=True).order_by("sort_order", "pk"))


class DataElement(models.Model):
    """One figure of a data set, optionally broken down by an option set (one cell per option)."""

    data_set = models.ForeignKey(
        DataSet, verbose_name=_("bộ số liệu"), on_delete=models.CASCADE, related_name="elements"
    )
    code = models.CharField(
        _("mã"),
        max_length=60,
        validators=[ELEMENT_CODE],
        help_text=_(
            "Dùng trong quy tắc kiểm tra và tiêu đề cột của tệp nhập; chỉ chữ thường, số, gạch dưới."
        ),
    )
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=80, blank=True)
    help_text = models.CharField(_("hướng dẫn"), max_length=500, blank=True)
    value_type = models.CharField(
        _("kiểu giá trị"), max_length=16, choices=ValueType.choices, default=ValueType.INTEGER
    )
    breakdown = models.ForeignKey(
        OptionSet,
        verbose_name=_("phân tổ theo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="broken_down_elements",
    )
    option_set = models.ForeignKey(
        OptionSet,
        verbose_name=_("danh mục giá trị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="valued_elements",
        help_text=_("Chỉ dùng với kiểu “chọn một mức trong danh mục”."),
    )
    min_value = models.DecimalField(
        _("giá trị nhỏ nhất"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("giá trị lớn nhất"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    is_required = models.BooleanField(_("bắt buộc nhập"), default=False)
    source = models.CharField(_("lấy số từ"), max_length=60, choices=Source.choices, blank=True, default="")
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["data_set", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["data_set", "code"], name="element_unique_code")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.value_type == ValueType.OPTION and not self.option_set_id:
            raise ValidationError({"option_set": gettext("Chỉ tiêu chọn mức cần một danh mục giá trị.")})
        if self.value_type != ValueType.OPTION and self.option_set_id:
            raise ValidationError({"option_set": gettext("Chỉ chỉ tiêu chọn mức mới có danh mục giá trị.")})
        if self.source and self.value_type != ValueType.INTEGER:
            raise ValidationError({"source": gettext("Chỉ chỉ tiêu số nguyên mới đếm được từ hồ sơ.")})

    @cached_property
    def option_list(self) -> list[tuple[str, str]]:
        """The allowed values of an option element as (code, name)."""
        if not self.option_set_id:
            return []
        return list(self.option_set.options.order_by("sort_order", "pk").values_list("code", "name"))

    @cached_property
    def breakdown_options(self) -> list[Option]:
        if not self.breakdown_id:
            return []
        return list(self.breakdown.options.order_by("sort_order", "pk"))

    @property
    def cell_keys(self) -> list[str]:
        """``received`` for a plain element, ``supervisions.fatherland_front`` … for a broken-down one."""
        if not self.breakdown_id:
            return [self.code]
        return [f"{self.code}.{option.code}" for option in self.breakdown_options]

    @property
    def is_numeric(self) -> bool:
        return self.value_type in ValueType.numeric()


class ValidationRule(models.Model):
    """``left operator right``, e.g. ``settled_on_time + settled_late <= received``."""

    data_set = models.ForeignKey(
        DataSet, verbose_name=_("bộ số liệu"), on_delete=models.CASCADE, related_name="rules"
    )
    name = models.CharField(_("tên quy tắc"), max_length=200)
    left = models.CharField(_("vế trái"), max_length=500)
    operator = models.CharField(_("phép so sánh"), max_length=2, choices=Operator.choices)
    right = models.CharField(_("vế phải"), max_length=500)
    importance = models.CharField(
        _("mức độ"), max_length=8, choices=Importance.choices, default=Importance.HIGH
    )
    message = models.CharField(
        _("thông báo khi vi phạm"), max_length=500, help_text=_("Hiện bên cạnh ô số liệu ở vế trái.")
    )
    per_option = models.BooleanField(
        _("áp dụng cho từng mục phân tổ"),
        default=False,
        help_text=_("Kiểm tra riêng từng tổ chức, từng đối tượng thay vì tổng số."),
    )
    missing_value_strategy = models.CharField(
        _("khi có ô trống"),
        max_length=24,
        choices=MissingValueStrategy.choices,
        default=MissingValueStrategy.SKIP_IF_ALL_MISSING,
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("quy tắc kiểm tra")
        verbose_name_plural = _("quy tắc kiểm tra")
        ordering = ["data_set", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.data_set_id:
            return
        elements = {e.code: e for e in self.data_set.elements.select_related("breakdown")}
        errors: dict[str, str] = {}
        breakdowns = set()
        for side in ("left", "right"):
            try:
                tree = expressions.parse(getattr(self, side))
            except expressions.ExpressionError as error:
                errors[side] = str(error)
                continue
            for ref in expressions.references(tree):
                element = elements.get(ref.element)
                if element is None:
                    errors[side] = gettext("Không có chỉ tiêu mã “%(code)s”.") % {"code": ref.element}
                elif not element.is_numeric:
                    errors[side] = gettext("Chỉ tiêu “%(code)s” không phải là số.") % {"code": ref.element}
                elif ref.option and ref.option not in {o.code for o in element.breakdown_options}:
                    errors[side] = gettext("Chỉ tiêu “%(code)s” không có mục “%(option)s”.") % {
                        "code": ref.element,
                        "option": ref.option,
                    }
                elif element.breakdown_id and not ref.option:
                    breakdowns.add(element.breakdown_id)
        if self.per_option and len(breakdowns) != 1:
            errors["per_option"] = gettext(
                "Quy tắc theo từng mục cần các chỉ tiêu cùng một danh mục phân tổ."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def left_tree(self) -> expressions.Node:
        return expressions.parse(self.left)

    @property
    def right_tree(self) -> expressions.Node:
        return expressions.parse(self.right)


class Submission(models.Model):
    """The entry form of one data set for one unit and one period, with its state."""

    # Indexed by submission_unique_period and submission_set_period_state, which start with it.
    data_set = models.ForeignKey(
        DataSet,
        verbose_name=_("bộ số liệu"),
        on_delete=models.PROTECT,
        related_name="submissions",
        db_index=False,
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="activity_submissions"
    )
    period_type = models.CharField(_("loại kỳ"), max_length=16, choices=PeriodType.choices)
    period = models.CharField(_("kỳ báo cáo"), max_length=8)
    # Ancestor codes and month keys copied from the unit and period (DESIGN.md §7).
    province_code = models.CharField(max_length=16, blank=True)
    district_code = models.CharField(max_length=16, blank=True)
    commune_code = models.CharField(max_length=16, blank=True)
    yyyymm = models.PositiveIntegerField(help_text=_("Tháng đầu kỳ."))
    yyyymm_end = models.PositiveIntegerField(help_text=_("Tháng cuối kỳ."))
    state = models.CharField(_("trạng thái"), max_length=16, choices=State.choices, default=State.DRAFT)
    blocking_count = models.PositiveIntegerField(_("số lỗi chặn gửi"), default=0)
    warning_count = models.PositiveIntegerField(_("số cảnh báo"), default=0)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("ngày duyệt"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)

    class Meta:
        verbose_name = _("báo cáo số liệu")
        verbose_name_plural = _("báo cáo số liệu")
        ordering = ["data_set", "-yyyymm", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["data_set", "unit", "period"], name="submission_unique_period")
        ]
        indexes = [
            models.Index(fields=["data_set", "period", "state"], name="submission_set_period_state"),
            models.Index(fields=["province_code", "yyyymm"], name="submission_province_month"),
            models.Index(fields=["commune_code", "yyyymm"], name="submission_commune_month"),
        ]

    def __str__(self) -> str:
        return f"{self.data_set} · {self.unit} · {self.period_obj.label}"

    @property
    def period_obj(self) -> Period:
        return Period.parse(self.period, self.period_type)

    @property
    def is_editable(self) -> bool:
        return self.state in State.editable()

    @property
    def state_colour(self) -> str:
        return STATE_COLOUR.get(self.state, "#4b5563")


class SubmissionEvent(models.Model):
    """Who did what to a submission, and when; append-only."""

    # The form and the import an event belongs to are not checked again by the database per row
    # (600,000 checks at the commit of a 100,000-row import): every writer records events of a
    # form it holds locked or created in the same transaction, and the import's batch is its own,
    # unseen by others until it commits. Django's CASCADE and SET_NULL still apply.
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="events", db_constraint=False
    )
    kind = models.CharField(_("việc"), max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("lúc"))
    note = models.TextField(_("ghi chú"), blank=True)
    batch = models.ForeignKey(
        "ImportBatch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        db_constraint=False,
    )

    class Meta:
        verbose_name = _("diễn biến báo cáo")
        verbose_name_plural = _("diễn biến báo cáo")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.at:%d/%m/%Y %H:%M}"


class ImportBatch(models.Model):
    """One successful import of a file; its hash makes importing the same file again a no-op."""

    data_set = models.ForeignKey(DataSet, on_delete=models.PROTECT, related_name="import_batches")
    file_name = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(max_length=64)
    file_format = models.CharField(_("định dạng"), max_length=8)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    values_written = models.PositiveIntegerField(_("số ô ghi"), default=0)
    submissions_touched = models.PositiveIntegerField(_("số báo cáo"), default=0)
    submitted = models.PositiveIntegerField(_("số báo cáo đã gửi"), default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("lúc nhập"))
    seconds = models.FloatField(_("thời gian xử lý (giây)"), default=0)

    class Meta:
        verbose_name = _("lượt nhập tệp")
        verbose_name_plural = _("lượt nhập tệp")
        ordering = ["-at"]
        constraints = [models.UniqueConstraint(fields=["data_set", "sha256"], name="import_unique_file")]

    def __str__(self) -> str:
        return self.file_name


class DataValue(models.Model):
    """One cell: a data element (and an option of its breakdown) for a submission."""

    # No single-column indexes: value_unique_cell and value_element_month start with these columns,
    # and each extra index cost every 100,000-row import its share of 400,000 index writes.
    # No database check per row either (800,000 at the commit of a 100,000-row import): the
    # writers hold the form locked or created it in the same transaction, and the import checks
    # its elements once (imports._check_elements); Django's CASCADE and PROTECT still apply.
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="values", db_index=False, db_constraint=False
    )
    data_element = models.ForeignKey(
        DataElement, on_delete=models.PROTECT, related_name="values", db_index=False, db_constraint=False
    )
    option_code = models.CharField(max_length=60, blank=True, default="")
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    text_value = models.CharField(max_length=60, blank=True, default="")
    # Copies of the submission's unit and the import that wrote the figure: the database does not
    # check them again per row (400,000 checks at the end of a 100,000-row import); Django's
    # PROTECT and SET_NULL still apply when a unit or a batch is deleted.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    period = models.CharField(max_length=8)
    province_code = models.CharField(max_length=16, blank=True)
    district_code = models.CharField(max_length=16, blank=True)
    commune_code = models.CharField(max_length=16, blank=True)
    yyyymm = models.PositiveIntegerField()
    yyyymm_end = models.PositiveIntegerField()
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_constraint=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ô số liệu")
        verbose_name_plural = _("ô số liệu")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "data_element", "option_code"], name="value_unique_cell"
            )
        ]
        indexes = [
            models.Index(fields=["data_element", "yyyymm"], name="value_element_month"),
            models.Index(fields=["province_code", "yyyymm"], name="value_province_month"),
            models.Index(fields=["commune_code", "yyyymm"], name="value_commune_month"),
        ]

    def __str__(self) -> str:
        return f"{self.data_element.code}{'.' + self.option_code if self.option_code else ''}={self.value}"

    @property
    def cell_key(self) -> str:
        return f"{self.data_element.code}.{self.option_code}" if self.option_code else self.data_element.code


class SupervisionActivity(models.Model):
    """One supervision or social-critique conference, with its findings; it feeds the counts."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="supervision_activities"
    )
    organiser = models.CharField(_("chủ thể giám sát"), max_length=32, choices=Organiser.choices)
    kind = models.CharField(
        _("hình thức"), max_length=20, choices=SupervisionKind.choices, default=SupervisionKind.SUPERVISION
    )
    title = models.CharField(_("nội dung giám sát, phản biện"), max_length=255)
    subject = models.CharField(_("đối tượng được giám sát"), max_length=255, blank=True)
    held_on = models.DateField(_("ngày thực hiện"))
    findings = models.TextField(_("kết quả, phát hiện"), blank=True)
    province_code = models.CharField(max_length=16, blank=True)
    district_code = models.CharField(max_length=16, blank=True)
    commune_code = models.CharField(max_length=16, blank=True)
    yyyymm = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("cuộc giám sát, phản biện")
        verbose_name_plural = _("cuộc giám sát, phản biện")
        ordering = ["-held_on", "-pk"]
        indexes = [
            models.Index(fields=["unit", "yyyymm"], name="supervision_unit_month"),
            models.Index(fields=["province_code", "yyyymm"], name="supervision_province_month"),
        ]

    def __str__(self) -> str:
        return self.title


class Recommendation(models.Model):
    """A recommendation made by a supervision, followed until it is settled."""

    activity = models.ForeignKey(
        SupervisionActivity, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField(_("nội dung kiến nghị"))
    addressee = models.CharField(_("cơ quan, tổ chức nhận kiến nghị"), max_length=255)
    due_date = models.DateField(_("hạn trả lời"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"),
        max_length=16,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    response = models.TextField(_("kết quả giải quyết"), blank=True)
    settled_on = models.DateField(_("ngày giải quyết xong"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kiến nghị sau giám sát")
        verbose_name_plural = _("kiến nghị sau giám sát")
        ordering = ["activity", "pk"]
        indexes = [models.Index(fields=["status", "due_date"], name="recommendation_status_due")]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def status_colour(self) -> str:
        return RECOMMENDATION_COLOUR.get(self.status, "#4b5563")
