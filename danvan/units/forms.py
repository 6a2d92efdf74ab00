from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import HamletKind


class HamletForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=HamletKind.choices, initial=HamletKind.THON)
    name = forms.CharField(
        label=_("Tên"),
        max_length=120,
        error_messages={"required": _("Tên thôn, tổ dân phố không được để trống.")},
    )

    def as_text(self) -> str:
        return f"{self.cleaned_data['kind']} {self.cleaned_data['name']}"


class HamletBulkForm(forms.Form):
    default_kind = forms.ChoiceField(
        label=_("Loại mặc định"),
        choices=HamletKind.choices,
        initial=HamletKind.THON,
        help_text=_("Dùng cho dòng không bắt đầu bằng loại (Thôn, Ấp, Khóm, Tổ dân phố…)."),
    )
    names = forms.CharField(
        label=_("Danh sách tên, mỗi dòng một tên"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Chưa có tên thôn, tổ dân phố nào.")},
    )


class TreeDateForm(forms.Form):
    ngay = forms.DateField(
        label=_("Ngày"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm.")},
    )
    q = forms.CharField(label=_("Tìm đơn vị"), required=False, max_length=100)
