from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.accounts.forms import UnitCodeField
from danvan.petitions.choices import Kind
from danvan.petitions.forms import TopicChoiceField
from danvan.units.models import Unit

from .choices import ChairRole, Frequency, Outcome
from .models import MeetingType

CHAIR_ROWS = 3


class MeetingForm(forms.Form):
    meeting_type = forms.ModelChoiceField(
        label=_("Loại hội nghị"), queryset=MeetingType.objects.filter(is_active=True)
    )
    host_unit = forms.ModelChoiceField(label=_("Đơn vị tổ chức"), queryset=Unit.objects.none())
    venue_unit = forms.ModelChoiceField(
        label=_("Tổ chức tại thôn, ấp, khóm"), queryset=Unit.objects.none(), required=False
    )
    venue = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    starts_at = forms.DateTimeField(
        label=_("Thời gian"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Thời gian không hợp lệ; hãy nhập ngày/tháng/năm giờ:phút.")},
    )
    title = forms.CharField(label=_("Chủ đề"), max_length=300, required=False)
    attendance = forms.IntegerField(label=_("Số người dự"), min_value=0, max_value=1_000_000, required=False)
    attendance_composition = forms.CharField(label=_("Thành phần dự"), max_length=500, required=False)
    policies_explained = forms.CharField(
        label=_("Chủ trương, chính sách được thông tin"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    minutes = forms.CharField(
        label=_("Biên bản (tóm tắt)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    minutes_file = forms.FileField(label=_("Tệp biên bản (PDF, Word)"), required=False)
    is_public = forms.BooleanField(label=_("Công khai trên lịch của đơn vị"), required=False, initial=True)

    def __init__(self, *args, host_units=None, venue_units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if host_units is not None:
            self.fields["host_unit"].queryset = host_units
        if venue_units is not None:
            self.fields["venue_unit"].queryset = venue_units
        for i in range(CHAIR_ROWS):
            self.fields[f"chair_name_{i}"] = forms.CharField(
                label=_("Người chủ trì"), max_length=120, required=False
            )
            self.fields[f"chair_role_{i}"] = forms.ChoiceField(
                label=_("Chức vụ"), choices=ChairRole.choices, required=False
            )

    def chairs(self) -> list[tuple[str, str]]:
        return [
            (
                self.cleaned_data.get(f"chair_name_{i}", ""),
                self.cleaned_data.get(f"chair_role_{i}") or ChairRole.OTHER,
            )
            for i in range(CHAIR_ROWS)
            if self.cleaned_data.get(f"chair_name_{i}")
        ]

    def meeting_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if not k.startswith("chair_")}


class OpinionForm(forms.Form):
    text = forms.CharField(
        label=_("Ý kiến"), max_length=5000, error_messages={"required": _("Ý kiến không được để trống.")}
    )
    topic = TopicChoiceField(label=_("Lĩnh vực"), queryset=None, required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices, initial=Kind.PETITION)
    outcome = forms.ChoiceField(
        label=_("Kết quả"),
        choices=Outcome.choices,
        initial=Outcome.ANSWERED_ON_SPOT,
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(label=_("Trả lời tại chỗ / ghi chú chuyển"), max_length=5000, required=False)
    forward_to = UnitCodeField(label=_("Chuyển đến (mã đơn vị)"), required=False)

    def __init__(self, *args, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        from danvan.petitions.selectors import topics_for_choice

        self.fields["topic"].queryset = topics if topics is not None else topics_for_choice()


class PlanForm(forms.Form):
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 158-KH/HU"))
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Trích yếu"), max_length=300)
    valid_from = forms.DateField(label=_("Áp dụng từ"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(
        label=_("Áp dụng đến"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    meeting_type = forms.ModelChoiceField(
        label=_("Loại hội nghị yêu cầu"), queryset=MeetingType.objects.filter(is_active=True)
    )
    target_level = forms.ChoiceField(
        label=_("Đơn vị phải tổ chức"),
        choices=[
            ("commune", _("Cấp xã")),
            ("province", _("Cấp tỉnh")),
            ("district", _("Cấp huyện (trước 2025)")),
        ],
    )
    times = forms.IntegerField(label=_("Số lần"), min_value=1, max_value=31, initial=1)
    frequency = forms.ChoiceField(label=_("Tần suất"), choices=Frequency.choices)


class ComplianceForm(forms.Form):
    don_vi = UnitCodeField(label=_("Mã đơn vị"), required=False)
    tu = forms.DateField(label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    den = forms.DateField(label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("tu") and data.get("den") and data["den"] < data["tu"]:
            raise forms.ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))
        return data
