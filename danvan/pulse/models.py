"""The similar-opinions index and "one concern" clusters, above petitions and meetings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.petitions.models import Petition
from danvan.units.models import Unit


class SimilarityKey(models.Model):
    """One of a petition's most telling terms (``textproc.similarity.keys``), as an integer.

    A lookup reads the records that share a key with the text typed, then scores only those:
    a name or a road code is shared by few records, so the read stays small at national scale.
    Conference and reception opinions are petitions too, so every voice is here.
    """

    key = models.IntegerField()
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+", db_index=False)
    # The petition's codes, copied when written: a lookup in a province or a commune reads only its
    # own part of a key's records, straight off the index (the petition's unit confirms the scope).
    province_code = models.CharField(max_length=16, blank=True)
    commune_code = models.CharField(max_length=16, blank=True)

    class Meta:
        verbose_name = _("khóa tìm ý kiến tương tự")
        verbose_name_plural = _("khóa tìm ý kiến tương tự")
        indexes = [
            # The nation reads each key's newest records straight off (key, petition); a province
            # or a commune reads its own part of a key from (key, province, commune, petition).
            models.Index(fields=["key", "petition"], name="similaritykey_key_petition"),
            models.Index(
                fields=["key", "province_code", "commune_code", "petition"], name="similaritykey_lookup"
            ),
            models.Index(fields=["petition"], name="similaritykey_petition"),
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.petition_id}"


class Concern(models.Model):
    """Records an official judged to raise one concrete concern; each keeps its own timeline."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("vấn đề"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("vấn đề chung")
        verbose_name_plural = _("vấn đề chung")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class ConcernMember(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="members")
    petition = models.OneToOneField(Petition, on_delete=models.CASCADE, related_name="concern_membership")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(_("ngày liên kết"), auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến thuộc vấn đề chung")
        verbose_name_plural = _("ý kiến thuộc vấn đề chung")
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.concern} ← {self.petition_id}"


# --- hot spots (issue 17) ------------------------------------------------------------------------


class Rule(models.TextChoices):
    SURGE = "surge", _("Tăng đột biến")
    REPEATED = "repeated", _("Lặp lại, kéo dài")
    SKIPPED_LEVEL = "skipped_level", _("Vượt cấp")
    CROWD = "crowd", _("Đông người")
    STALLED = "stalled", _("Tồn đọng, quá hạn")


class Severity(models.TextChoices):
    LOW = "low", _("Thấp")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", _("Cao")


SEVERITY_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}
SEVERITY_COLOUR = {Severity.LOW: "#b45309", Severity.MEDIUM: "#c2410c", Severity.HIGH: "#991b1b"}


class HotspotStatus(models.TextChoices):
    NEW = "new", _("Mới phát hiện")
    WATCHING = "watching", _("Đang theo dõi")
    HANDLED = "handled", _("Đã xử lý")
    CLOSED = "closed", _("Đã kết thúc")

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.NEW, cls.WATCHING, cls.HANDLED]


class HotspotSettings(models.Model):
    """The rules' parameters: one row without a unit holds the defaults, a row per unit overrides them.

    A unit uses the row of its nearest ancestor (itself included) that has one, else the defaults.
    """

    unit = models.OneToOneField(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Để trống: mức mặc định cho cả nước. Chọn đơn vị: áp dụng cho đơn vị đó và cấp dưới."),
    )
    surge_window_days = models.PositiveSmallIntegerField(
        _("đột biến: số ngày mỗi kỳ"), default=14, help_text=_("Đếm ý kiến trong bao nhiêu ngày gần nhất.")
    )
    surge_baseline_windows = models.PositiveSmallIntegerField(
        _("đột biến: số kỳ làm nền"),
        default=12,
        help_text=_("So với trung bình của bao nhiêu kỳ liền trước (bỏ các kỳ có Tết)."),
    )
    surge_min_count = models.PositiveSmallIntegerField(
        _("đột biến: số ý kiến tối thiểu"),
        default=5,
        help_text=_("Dưới số này không coi là đột biến dù tăng mạnh."),
    )
    surge_p_value = models.FloatField(
        _("đột biến: ngưỡng xác suất"),
        default=0.001,
        help_text=_("Xác suất (phân phối Poisson) để có số ý kiến như vậy nếu không có gì bất thường."),
    )
    repeat_min_records = models.PositiveSmallIntegerField(
        _("lặp lại: số ý kiến cùng vấn đề"),
        default=3,
        help_text=_("Một vấn đề chung có từ bấy nhiêu ý kiến, chưa được trả lời thỏa đáng hết."),
    )
    repeat_days = models.PositiveSmallIntegerField(
        _("lặp lại: số ngày người gửi quay lại"),
        default=90,
        help_text=_("Cùng người gửi gửi lại trong bấy nhiêu ngày sau khi được trả lời hoặc chấm điểm thấp."),
    )
    repeat_low_rating = models.PositiveSmallIntegerField(
        _("lặp lại: điểm đánh giá thấp"),
        default=2,
        help_text=_("Đánh giá từ mức này trở xuống là người dân chưa hài lòng."),
    )
    repeat_good_rating = models.PositiveSmallIntegerField(
        _("lặp lại: điểm đánh giá tốt"),
        default=4,
        help_text=_("Đã trả lời và được đánh giá từ mức này trở lên là đã giải quyết thỏa đáng."),
    )
    crowd_min_people = models.PositiveSmallIntegerField(
        _("đông người: số người tối thiểu"),
        default=5,
        help_text=_("Đơn có từ bấy nhiêu người ký hoặc đoàn có từ bấy nhiêu người có mặt."),
    )
    crowd_days = models.PositiveSmallIntegerField(
        _("đông người: số ngày theo dõi"),
        default=30,
        help_text=_("Đơn, đoàn đông người nhận trong bấy nhiêu ngày gần nhất."),
    )
    stalled_min_records = models.PositiveSmallIntegerField(
        _("tồn đọng: số ý kiến tối thiểu"),
        default=5,
        help_text=_("Số ý kiến quá hạn hoặc bị mở lại trong cùng đơn vị và lĩnh vực."),
    )
    skipped_level_days = models.PositiveSmallIntegerField(
        _("vượt cấp: số ngày theo dõi"),
        default=90,
        help_text=_("Khiếu nại vượt cấp nhận trong bấy nhiêu ngày gần nhất."),
    )

    class Meta:
        verbose_name = _("ngưỡng cảnh báo điểm nóng")
        verbose_name_plural = _("ngưỡng cảnh báo điểm nóng")
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=models.Q(unit__isnull=True), name="hotspotsettings_one_default"
            ),
        ]

    def __str__(self) -> str:
        return str(self.unit) if self.unit_id else str(_("Mặc định"))


class Hotspot(models.Model):
    """A place where discontent may turn into crowds, disorder or prolonged complaints.

    ``key`` names what fired (rule × unit × topic, concern or sender): a re-fire finds the same row.
    """

    key = models.CharField(max_length=120, unique=True)
    rule = models.CharField(_("dấu hiệu"), max_length=20, choices=Rule.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    topic = models.ForeignKey(
        "petitions.Topic",
        verbose_name=_("lĩnh vực"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    concern = models.ForeignKey(
        Concern,
        verbose_name=_("vấn đề chung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("tóm tắt"), max_length=255)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=HotspotStatus.choices, default=HotspotStatus.NEW
    )
    severity = models.CharField(_("mức độ"), max_length=8, choices=Severity.choices, default=Severity.LOW)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người theo dõi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    figures = models.JSONField(_("số liệu"), default=dict, blank=True)
    note = models.TextField(_("ghi chú xử lý"), blank=True)
    first_detected_on = models.DateField(_("phát hiện ngày"))
    last_detected_on = models.DateField(_("phát hiện gần nhất"))
    closed_on = models.DateField(_("kết thúc ngày"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    petitions = models.ManyToManyField(Petition, through="HotspotRecord", related_name="+")

    class Meta:
        verbose_name = _("điểm nóng")
        verbose_name_plural = _("điểm nóng")
        ordering = ["-last_detected_on", "-pk"]
        indexes = [models.Index(fields=["status", "last_detected_on"], name="hotspot_status_detected")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in HotspotStatus.open_values()

    @property
    def severity_colour(self) -> str:
        return SEVERITY_COLOUR.get(self.severity, "#4b5563")


class HotspotRecord(models.Model):
    """A petition behind a hot spot."""

    hotspot = models.ForeignKey(Hotspot, on_delete=models.CASCADE, related_name="records")
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")
    added_on = models.DateField(_("ngày thêm"))

    class Meta:
        verbose_name = _("ý kiến của điểm nóng")
        verbose_name_plural = _("ý kiến của điểm nóng")
        constraints = [
            models.UniqueConstraint(fields=["hotspot", "petition"], name="hotspotrecord_unique"),
        ]
        indexes = [models.Index(fields=["petition"], name="hotspotrecord_petition")]

    def __str__(self) -> str:
        return f"{self.hotspot_id} ← {self.petition_id}"


class HotspotEventKind(models.TextChoices):
    DETECTED = "detected", _("Phát hiện")
    WORSENED = "worsened", _("Diễn biến xấu hơn")
    REFIRED = "refired", _("Tái phát")
    WATCHING = "watching", _("Đưa vào theo dõi")
    HANDLED = "handled", _("Đã xử lý")
    CLOSED = "closed", _("Kết thúc")
    ASSIGNED = "assigned", _("Giao người theo dõi")
    NOTE = "note", _("Ghi chú")


class HotspotEvent(models.Model):
    """One step of a hot spot's life, append-only: who, when, what, and the figures at that moment."""

    hotspot = models.ForeignKey(Hotspot, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=12, choices=HotspotEventKind.choices)
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("nội dung"), blank=True)
    severity = models.CharField(_("mức độ"), max_length=8, choices=Severity.choices, blank=True)
    figures = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("diễn biến điểm nóng")
        verbose_name_plural = _("diễn biến điểm nóng")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["kind", "at"], name="hotspotevent_kind_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} @ {self.at:%d/%m/%Y %H:%M}"
