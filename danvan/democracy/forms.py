"""Forms of the officials' pages; the services hold the rules, the forms only parse input."""

from __future__ import annotations

from django import forms as dj
from django.utils.translation import gettext_lazy as _

from danvan.units.models import Unit

from .choices import BoardKind, DecisionMethod, MemberRole, OpinionChannel, ResponseKind
from .models import ConsultationSubject, DecisionMatter, DisclosureCategory, DisclosureForm

DATE = {"widget": dj.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
DATE_ERRORS = {"invalid": _("Ngày không hợp lệ; hãy nhập ngày/tháng/năm.")}


def date_field(label, required=True, **kwargs):
    return dj.DateField(
        label=label,
        required=required,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages=DATE_ERRORS,
        **DATE,
        **kwargs,
    )


class UnitScoped(dj.Form):
    def __init__(self, *args, units=None, hamlets=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "unit" in self.fields and units is not None:
            self.fields["unit"].queryset = units
        if "hamlet" in self.fields and hamlets is not None:
            self.fields["hamlet"].queryset = hamlets


class PostingForm(UnitScoped):
    unit = dj.ModelChoiceField(label=_("Xã, phường, thị trấn"), queryset=Unit.objects.none())
    hamlet = dj.ModelChoiceField(
        label=_("Thôn, tổ dân phố (nếu có)"), queryset=Unit.objects.none(), required=False
    )
    category = dj.ModelChoiceField(
        label=_("Nội dung công khai (Điều 11)"), queryset=DisclosureCategory.objects.filter(is_active=True)
    )
    title = dj.CharField(label=_("Tiêu đề"), max_length=300)
    summary = dj.CharField(label=_("Tóm tắt"), required=False, widget=dj.Textarea(attrs={"rows": 3}))
    period_key = dj.CharField(
        label=_("Kỳ (với nội dung định kỳ)"),
        max_length=10,
        required=False,
        help_text=_("Ví dụ 2025Q3 hoặc 2025."),
    )
    document_date = date_field(_("Ngày ban hành văn bản"), required=False)
    posted_on = date_field(
        _("Ngày niêm yết"),
        required=False,
        help_text=_("Để trống nếu chưa niêm yết: danvan theo dõi hạn công khai."),
    )
    period_end = date_field(
        _("Niêm yết đến ngày"),
        required=False,
        help_text=_("Để trống: đủ thời gian tối thiểu luật định (Điều 13)."),
    )
    forms = dj.ModelMultipleChoiceField(
        label=_("Hình thức công khai (Điều 12)"),
        queryset=DisclosureForm.objects.filter(is_active=True),
        required=False,
        widget=dj.CheckboxSelectMultiple,
    )
    attachment = dj.FileField(label=_("Tệp đính kèm (PDF, Word, Excel, ảnh)"), required=False)
    short_reason = dj.CharField(
        label=_("Lý do niêm yết ngắn hơn luật định"),
        required=False,
        widget=dj.Textarea(attrs={"rows": 2}),
        help_text=_("Chỉ ghi khi thời gian niêm yết ngắn hơn thời gian tối thiểu."),
    )
    is_public = dj.BooleanField(label=_("Hiện trên cổng công dân"), required=False, initial=True)


class PublishForm(dj.Form):
    posted_on = date_field(_("Ngày niêm yết"))
    period_end = date_field(_("Niêm yết đến ngày"), required=False)
    forms = dj.ModelMultipleChoiceField(
        label=_("Hình thức công khai (Điều 12)"),
        queryset=DisclosureForm.objects.filter(is_active=True),
        widget=dj.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một hình thức công khai (Điều 12).")},
    )
    short_reason = dj.CharField(label=_("Lý do niêm yết ngắn hơn luật định"), required=False)


class TakeDownForm(dj.Form):
    taken_down_on = date_field(_("Ngày gỡ"))
    reason = dj.CharField(label=_("Lý do"), required=False, widget=dj.Textarea(attrs={"rows": 2}))


class AttachmentForm(dj.Form):
    attachment = dj.FileField(label=_("Tệp đính kèm"))


class ConsultationForm(UnitScoped):
    unit = dj.ModelChoiceField(label=_("Xã, phường, thị trấn"), queryset=Unit.objects.none())
    hamlet = dj.ModelChoiceField(
        label=_("Chỉ lấy ý kiến ở thôn, tổ dân phố"), queryset=Unit.objects.none(), required=False
    )
    subject = dj.ModelChoiceField(
        label=_("Nội dung lấy ý kiến (Điều 25)"), queryset=ConsultationSubject.objects.filter(is_active=True)
    )
    title = dj.CharField(label=_("Tên dự thảo"), max_length=300)
    draft_text = dj.CharField(label=_("Nội dung dự thảo"), widget=dj.Textarea(attrs={"rows": 6}))
    questions = dj.CharField(
        label=_("Câu hỏi lấy ý kiến"),
        required=False,
        widget=dj.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một câu hỏi."),
    )
    opens_on = date_field(_("Bắt đầu nhận ý kiến"))
    closes_on = date_field(_("Kết thúc nhận ý kiến"))


class OpinionRecordForm(UnitScoped):
    channel = dj.ChoiceField(
        label=_("Hình thức"),
        choices=[
            (OpinionChannel.PAPER, OpinionChannel.PAPER.label),
            (OpinionChannel.MEETING, OpinionChannel.MEETING.label),
        ],
    )
    text = dj.CharField(
        label=_("Ý kiến / tóm tắt ý kiến tại hội nghị"),
        max_length=5000,
        widget=dj.Textarea(attrs={"rows": 3}),
    )
    received_on = date_field(_("Ngày nhận"))
    hamlet = dj.ModelChoiceField(label=_("Thôn, tổ dân phố"), queryset=Unit.objects.none(), required=False)
    author_name = dj.CharField(label=_("Người góp ý (không công khai)"), max_length=120, required=False)
    participants = dj.IntegerField(label=_("Số người dự họp"), min_value=0, required=False)
    agree = dj.IntegerField(label=_("Tán thành"), min_value=0, required=False)
    disagree = dj.IntegerField(label=_("Không tán thành"), min_value=0, required=False)


GROUP_ROWS = 3


class ConcludeForm(dj.Form):
    summary = dj.CharField(label=_("Báo cáo tổng hợp ý kiến"), widget=dj.Textarea(attrs={"rows": 4}))
    concluded_on = date_field(_("Ngày tổng hợp"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(GROUP_ROWS):
            self.fields[f"group_title_{i}"] = dj.CharField(
                label=_("Nhóm ý kiến %(n)s") % {"n": i + 1}, max_length=300, required=False
            )
            self.fields[f"group_kind_{i}"] = dj.ChoiceField(
                label=_("Hình thức"), choices=ResponseKind.choices, required=False
            )
            self.fields[f"group_response_{i}"] = dj.CharField(
                label=_("Tiếp thu, giải trình"), required=False, widget=dj.Textarea(attrs={"rows": 2})
            )

    def groups(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "title": data[f"group_title_{i}"],
                "response_kind": data[f"group_kind_{i}"],
                "response": data[f"group_response_{i}"],
            }
            for i in range(GROUP_ROWS)
            if data.get(f"group_title_{i}")
        ]


class DecisionForm(UnitScoped):
    unit = dj.ModelChoiceField(label=_("Thôn, tổ dân phố hoặc xã"), queryset=Unit.objects.none())
    matter = dj.ModelChoiceField(
        label=_("Nội dung (Điều 15, 16)"), queryset=DecisionMatter.objects.filter(is_active=True)
    )
    title = dj.CharField(label=_("Tên việc"), max_length=300)
    method = dj.ChoiceField(label=_("Hình thức"), choices=DecisionMethod.choices)
    held_on = date_field(_("Ngày họp, kiểm phiếu"))
    place = dj.CharField(label=_("Địa điểm"), max_length=255, required=False)
    households_entitled = dj.IntegerField(label=_("Tổng số hộ gia đình"), min_value=0, required=False)
    households_present = dj.IntegerField(label=_("Số hộ tham dự, gửi phiếu"), min_value=0, required=False)
    votes_for = dj.IntegerField(label=_("Số hộ tán thành"), min_value=0, required=False)
    votes_against = dj.IntegerField(label=_("Số hộ không tán thành"), min_value=0, required=False)
    ballots_invalid = dj.IntegerField(label=_("Phiếu không hợp lệ"), min_value=0, required=False, initial=0)
    minutes = dj.CharField(
        label=_("Biên bản (tóm tắt)"), required=False, widget=dj.Textarea(attrs={"rows": 3})
    )
    minutes_file = dj.FileField(label=_("Tệp biên bản, kết quả kiểm phiếu (PDF, Word)"), required=False)


class BoardForm(UnitScoped):
    unit = dj.ModelChoiceField(label=_("Xã, phường, thị trấn"), queryset=Unit.objects.none())
    kind = dj.ChoiceField(label=_("Loại ban"), choices=BoardKind.choices)
    term_start = date_field(_("Nhiệm kỳ từ"))
    term_end = date_field(_("Nhiệm kỳ đến"), required=False)
    recognised_by = dj.CharField(label=_("Quyết định công nhận"), max_length=200, required=False)
    members = dj.CharField(
        label=_("Thành viên"),
        required=False,
        widget=dj.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng: họ tên; chức danh (Trưởng ban, Phó Trưởng ban, Thành viên); thôn."),
    )

    def member_rows(self) -> list[tuple[str, str, str]]:
        roles = {str(label).casefold(): value for value, label in MemberRole.choices}
        rows = []
        for line in (self.cleaned_data.get("members") or "").splitlines():
            parts = [p.strip() for p in line.split(";")]
            if not parts[0]:
                continue
            role = roles.get((parts[1] if len(parts) > 1 else "").casefold(), MemberRole.MEMBER)
            rows.append((parts[0], role, parts[2] if len(parts) > 2 else ""))
        return rows


class BoardActivityForm(dj.Form):
    title = dj.CharField(label=_("Nội dung giám sát, kiểm tra"), max_length=255)
    subject = dj.CharField(label=_("Đối tượng được giám sát"), max_length=255, required=False)
    held_on = date_field(_("Ngày thực hiện"))
    findings = dj.CharField(
        label=_("Kết quả, phát hiện"), required=False, widget=dj.Textarea(attrs={"rows": 3})
    )
    recommendations = dj.CharField(
        label=_("Kiến nghị"),
        required=False,
        widget=dj.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một kiến nghị."),
    )
    addressee = dj.CharField(label=_("Cơ quan nhận kiến nghị"), max_length=255, required=False)
    due_date = date_field(_("Hạn trả lời"), required=False)
