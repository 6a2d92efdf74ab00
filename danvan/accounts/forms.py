import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from danvan.units.models import Organisation
from danvan.units.selectors import unit_by_code

from .roles import Role

User = get_user_model()


class UnitCodeField(forms.CharField):
    """A unit typed by its official code (e.g. 29249), resolved to the unit valid today."""

    default_error_messages = {"unknown": _("Không tìm thấy đơn vị có mã “%(code)s”.")}

    def clean(self, value):
        code = super().clean(value)
        if not code:
            return None
        unit = unit_by_code(code=code, day=datetime.date.today())
        if unit is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"code": code})
        return unit


class MemberCreateForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(
        label=_("Thư điện tử"), required=False, help_text=_("Nhận đường dẫn đặt mật khẩu.")
    )
    unit = UnitCodeField(label=_("Mã đơn vị"), help_text=_("Mã đơn vị hành chính, ví dụ 29249."))
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Tổ chức"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Bắt buộc với cán bộ xử lý."),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class MembershipGrantForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập của người đã có tài khoản"), max_length=150)
    unit = UnitCodeField(label=_("Mã đơn vị"))
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Tổ chức"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("Không có tài khoản “%(username)s”."), params={"username": username}
            )
        return user
