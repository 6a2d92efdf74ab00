"""Grassroots democracy at the commune (Luật Thực hiện dân chủ ở cơ sở, 10/2022/QH15).

Two kinds of tables. The law's lists and time limits are *data* an administrator keeps
up to date, each row with the article it comes from: what must be published (Art. 11),
the forms of publication (Art. 12), what citizens give opinions on (Art. 25) and what they
decide with which thresholds (Art. 15–16, 18–21). The records are what a commune did:
items posted on its public board, consultations and their opinions, decisions by the
households, and the People's Inspection and Community Investment Supervision Boards.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.activities.models import SupervisionActivity
from danvan.units.models import Unit

from .choices import (
    BoardKind,
    DecisionMethod,
    EventKind,
    MemberRole,
    OpinionChannel,
    PassBase,
    Recurrence,
    ResponseKind,
)

ARTICLE_HELP = _("Điều, khoản của Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, ví dụ “Điều 11 khoản 3”.")


class LegalItem(models.Model):
    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=300)
    article = models.CharField(_("căn cứ"), max_length=120, help_text=ARTICLE_HELP)
    note = models.TextField(_("ghi chú"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class DisclosureCategory(LegalItem):
    """An item the commune must make public (Art. 11), with its time limits (Art. 13)."""

    min_days = models.PositiveSmallIntegerField(
        _("thời gian niêm yết tối thiểu (ngày)"),
        default=30,
        help_text=_("Điều 13 khoản 2: niêm yết ít nhất 30 ngày, trừ khi luật khác quy định."),
    )
    publish_within_days = models.PositiveSmallIntegerField(
        _("công khai chậm nhất sau (ngày làm việc)"),
        default=2,
        help_text=_("Điều 13 khoản 1: chậm nhất 02 ngày làm việc kể từ ngày văn bản được ban hành."),
    )
    recurrence = models.CharField(
        _("định kỳ"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE
    )
    due_days_after_period = models.PositiveSmallIntegerField(
        _("hạn công khai sau kỳ (ngày)"),
        default=0,
        help_text=_("Với nội dung định kỳ: số ngày sau khi hết quý, năm mà nội dung phải được công khai."),
    )

    class Meta(LegalItem.Meta):
        verbose_name = _("nội dung phải công khai")
        verbose_name_plural = _("nội dung phải công khai")


class DisclosureForm(LegalItem):
    """A form of publication (Art. 12): posting at the commune office, loudspeakers, the portal…"""

    class Meta(LegalItem.Meta):
        verbose_name = _("hình thức công khai")
        verbose_name_plural = _("hình thức công khai")


class ConsultationSubject(LegalItem):
    """A matter citizens give opinions on before the authority decides (Art. 25)."""

    class Meta(LegalItem.Meta):
        verbose_name = _("nội dung Nhân dân tham gia ý kiến")
        verbose_name_plural = _("nội dung Nhân dân tham gia ý kiến")


class DecisionMatter(LegalItem):
    """A matter the households decide (Art. 15) or vote on for the authority (Art. 16), with the
    quorum and majority the law requires."""

    decided_directly = models.BooleanField(
        _("Nhân dân quyết định trực tiếp"),
        default=True,
        help_text=_("Bỏ chọn khi Nhân dân bàn, biểu quyết để cấp có thẩm quyền quyết định (Điều 16)."),
    )
    quorum_percent = models.DecimalField(
        _("tỷ lệ hộ tham dự tối thiểu (%)"),
        max_digits=5,
        decimal_places=2,
        default=50,
        help_text=_("Hội nghị hợp lệ khi số hộ tham dự vượt tỷ lệ này của tổng số hộ."),
    )
    pass_percent = models.DecimalField(
        _("tỷ lệ tán thành (%)"),
        max_digits=5,
        decimal_places=2,
        default=50,
        help_text=_("Được thông qua khi số hộ tán thành vượt tỷ lệ này."),
    )
    pass_base = models.CharField(
        _("tính tỷ lệ tán thành trên"), max_length=10, choices=PassBase.choices, default=PassBase.ENTITLED
    )

    class Meta(LegalItem.Meta):
        verbose_name = _("nội dung Nhân dân bàn và quyết định")
        verbose_name_plural = _("nội dung Nhân dân bàn và quyết định")


class Located(models.Model):
    """A record of one commune (or one of its hamlets) with its ancestors' codes and month key."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=16, blank=True)
    district_code = models.CharField(max_length=16, blank=True)
    commune_code = models.CharField(max_length=16, blank=True)
    yyyymm = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Posting(Located):
    """One item of the commune's public board: due from ``due_on``, posted on ``posted_on``."""

    hamlet = models.ForeignKey(
        Unit,
        verbose_name=_("thôn, tổ dân phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.ForeignKey(
        DisclosureCategory, verbose_name=_("nội dung công khai"), on_delete=models.PROTECT
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    summary = models.TextField(_("tóm tắt nội dung"), blank=True)
    period_key = models.CharField(_("kỳ"), max_length=10, blank=True, help_text=_("2024Q1, 2024…"))
    document_date = models.DateField(_("ngày ban hành văn bản"), null=True, blank=True)
    due_on = models.DateField(_("hạn công khai"), null=True, blank=True)
    posted_on = models.DateField(_("ngày niêm yết"), null=True, blank=True)
    period_end = models.DateField(_("niêm yết đến ngày"), null=True, blank=True)
    min_days = models.PositiveSmallIntegerField(_("thời gian tối thiểu (ngày)"), default=30)
    on_time = models.BooleanField(_("công khai đúng hạn"), null=True, editable=False)
    short_reason = models.TextField(_("lý do niêm yết ngắn hơn luật định"), blank=True)
    forms = models.ManyToManyField(DisclosureForm, verbose_name=_("hình thức công khai"), blank=True)
    taken_down_on = models.DateField(_("ngày gỡ"), null=True, blank=True)
    taken_down_reason = models.TextField(_("lý do gỡ"), blank=True)
    is_public = models.BooleanField(_("hiện trên cổng công dân"), default=True)

    class Meta:
        verbose_name = _("nội dung công khai")
        verbose_name_plural = _("nội dung công khai")
        ordering = ["-posted_on", "-pk"]
        indexes = [
            models.Index(fields=["unit", "posted_on"], name="posting_unit_posted"),
            models.Index(fields=["province_code", "yyyymm"], name="posting_province_month"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(posted_on__isnull=False, period_end__gte=F("posted_on")),
                name="posting_period_after_posted",
            ),
            models.CheckConstraint(
                condition=Q(taken_down_on__isnull=True)
                | Q(posted_on__isnull=False, taken_down_on__gte=F("posted_on")),
                name="posting_taken_down_after_posted",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_posted(self) -> bool:
        return self.posted_on is not None

    @property
    def taken_down_early(self) -> bool:
        return bool(self.taken_down_on and self.period_end and self.taken_down_on < self.period_end)

    def is_on_board(self, day: datetime.date) -> bool:
        return bool(
            self.posted_on
            and self.posted_on <= day
            and (self.taken_down_on is None or self.taken_down_on > day)
            and (self.period_end is None or self.period_end >= day)
        )


class PostingAttachment(models.Model):
    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to="democracy/%Y/%m/")
    name = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Consultation(Located):
    """A draft put to the citizens of a commune or hamlet for a period (Art. 25–29)."""

    hamlet = models.ForeignKey(
        Unit,
        verbose_name=_("thôn, tổ dân phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    subject = models.ForeignKey(
        ConsultationSubject, verbose_name=_("nội dung lấy ý kiến"), on_delete=models.PROTECT
    )
    title = models.CharField(_("tên dự thảo"), max_length=300)
    draft_text = models.TextField(_("nội dung dự thảo"))
    draft_file = models.FileField(_("tệp dự thảo"), upload_to="democracy/drafts/%Y/", blank=True)
    questions = models.TextField(_("câu hỏi lấy ý kiến"), blank=True, help_text=_("Mỗi dòng một câu hỏi."))
    opens_on = models.DateField(_("bắt đầu nhận ý kiến"))
    closes_on = models.DateField(_("kết thúc nhận ý kiến"))
    concluded_on = models.DateField(_("ngày tổng hợp"), null=True, blank=True)
    summary = models.TextField(_("báo cáo tổng hợp ý kiến"), blank=True)
    result_posting = models.OneToOneField(
        Posting, on_delete=models.SET_NULL, null=True, blank=True, related_name="consultation"
    )

    class Meta:
        verbose_name = _("lấy ý kiến Nhân dân")
        verbose_name_plural = _("lấy ý kiến Nhân dân")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="consultation_closes_after_opens"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]

    def state(self, day: datetime.date) -> str:
        if self.concluded_on:
            return "concluded"
        if day < self.opens_on:
            return "planned"
        return "open" if day <= self.closes_on else "closed"

    def is_open(self, day: datetime.date) -> bool:
        return self.state(day) == "open"


class ResponseGroup(models.Model):
    """A group of similar opinions and the authority's answer to it: accepted or explained."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="groups")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("nhóm ý kiến"), max_length=300)
    response_kind = models.CharField(_("hình thức"), max_length=10, choices=ResponseKind.choices)
    response = models.TextField(_("tiếp thu, giải trình"))

    class Meta:
        verbose_name = _("nhóm ý kiến và tiếp thu, giải trình")
        verbose_name_plural = _("nhóm ý kiến và tiếp thu, giải trình")
        ordering = ["consultation", "position"]

    def __str__(self) -> str:
        return self.title


class ConsultationOpinion(models.Model):
    """One opinion (online or on a paper form) or the tally of a hamlet meeting."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="opinions")
    channel = models.CharField(_("hình thức"), max_length=10, choices=OpinionChannel.choices)
    text = models.TextField(_("ý kiến"))
    text_key = models.CharField(max_length=400, editable=False, db_index=True)
    author_name = models.CharField(_("người góp ý (không công khai)"), max_length=120, blank=True)
    hamlet = models.ForeignKey(
        Unit,
        verbose_name=_("thôn, tổ dân phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    participants = models.PositiveIntegerField(_("số người dự họp"), null=True, blank=True)
    agree = models.PositiveIntegerField(_("số ý kiến tán thành"), null=True, blank=True)
    disagree = models.PositiveIntegerField(_("số ý kiến không tán thành"), null=True, blank=True)
    group = models.ForeignKey(
        ResponseGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="opinions"
    )
    received_on = models.DateField(_("ngày nhận"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến góp ý dự thảo")
        verbose_name_plural = _("ý kiến góp ý dự thảo")
        ordering = ["consultation", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agree__isnull=True)
                | Q(participants__isnull=True)
                | Q(agree__lte=F("participants")),
                name="opinion_agree_within_participants",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Decision(Located):
    """A matter decided by the households (hương ước, contributions, the hamlet head…), with the
    figures that make it valid: no decision is recorded without them."""

    matter = models.ForeignKey(DecisionMatter, verbose_name=_("nội dung"), on_delete=models.PROTECT)
    title = models.CharField(_("tên việc"), max_length=300)
    method = models.CharField(_("hình thức"), max_length=10, choices=DecisionMethod.choices)
    held_on = models.DateField(_("ngày họp, kiểm phiếu"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    households_entitled = models.PositiveIntegerField(_("tổng số hộ gia đình"))
    households_present = models.PositiveIntegerField(_("số hộ tham dự, gửi phiếu"))
    votes_for = models.PositiveIntegerField(_("số hộ tán thành"))
    votes_against = models.PositiveIntegerField(_("số hộ không tán thành"))
    ballots_invalid = models.PositiveIntegerField(_("phiếu không hợp lệ"), default=0)
    quorum_percent = models.DecimalField(max_digits=5, decimal_places=2, editable=False)
    pass_percent = models.DecimalField(max_digits=5, decimal_places=2, editable=False)
    pass_base = models.CharField(max_length=10, choices=PassBase.choices, editable=False)
    article = models.CharField(_("căn cứ"), max_length=120, editable=False)
    quorum_met = models.BooleanField(_("đủ số hộ tham dự"), editable=False)
    passed = models.BooleanField(_("được thông qua"), editable=False)
    minutes = models.TextField(_("biên bản"), blank=True)
    minutes_file = models.FileField(_("tệp biên bản"), upload_to="democracy/minutes/%Y/", blank=True)

    class Meta:
        verbose_name = _("kết quả Nhân dân bàn và quyết định")
        verbose_name_plural = _("kết quả Nhân dân bàn và quyết định")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["province_code", "yyyymm"], name="decision_province_month")]
        constraints = [
            models.CheckConstraint(
                condition=Q(households_present__lte=F("households_entitled")), name="decision_present_within"
            ),
            models.CheckConstraint(
                condition=Q(
                    votes_for__lte=F("households_present") - F("votes_against") - F("ballots_invalid")
                ),
                name="decision_votes_within_present",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SupervisionBoard(models.Model):
    """A commune's People's Inspection Board (Art. 34–40) or Community Investment Supervision
    Board (Art. 41–45) for one term."""

    unit = models.ForeignKey(Unit, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại ban"), max_length=20, choices=BoardKind.choices)
    term_start = models.DateField(_("nhiệm kỳ từ"))
    term_end = models.DateField(_("nhiệm kỳ đến"), null=True, blank=True)
    recognised_by = models.CharField(_("quyết định công nhận"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ban giám sát ở cơ sở")
        verbose_name_plural = _("ban giám sát ở cơ sở")
        ordering = ["unit", "kind", "-term_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gt=F("term_start")), name="board_term_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit.name}"

    def in_term(self, day: datetime.date) -> bool:
        return self.term_start <= day and (self.term_end is None or day <= self.term_end)


class BoardMember(models.Model):
    board = models.ForeignKey(SupervisionBoard, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("họ tên"), max_length=120)
    role = models.CharField(
        _("chức danh"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    hamlet_name = models.CharField(_("thôn, tổ dân phố"), max_length=120, blank=True)
    joined_on = models.DateField(_("từ ngày"))
    left_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên ban")
        verbose_name_plural = _("thành viên ban")
        ordering = ["board", "left_on", "role", "name"]

    def __str__(self) -> str:
        return self.name


class BoardActivity(models.Model):
    """A board's supervision, kept as an ``activities`` supervision with its recommendations."""

    board = models.ForeignKey(SupervisionBoard, on_delete=models.PROTECT, related_name="activities")
    activity = models.OneToOneField(SupervisionActivity, on_delete=models.CASCADE, related_name="board_link")

    class Meta:
        verbose_name = _("hoạt động của ban")
        verbose_name_plural = _("hoạt động của ban")
        ordering = ["-activity__held_on"]

    def __str__(self) -> str:
        return str(self.activity)


class Event(models.Model):
    """The timeline a citizen or an official reads: one line per step, never edited."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("sự kiện"), max_length=24, choices=EventKind.choices)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("ghi chú"), blank=True)
    is_public = models.BooleanField(default=True)
    posting = models.ForeignKey(
        Posting, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    board = models.ForeignKey(
        SupervisionBoard, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d/%m/%Y}"
