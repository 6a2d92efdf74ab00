import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.accounts.forms import UnitCodeField
from danvan.activities.periods import Period, PeriodError

PRESETS = [
    ("", _("Khoảng ngày tự chọn")),
    ("month", _("Tháng")),
    ("quarter", _("Quý")),
    ("half_year", _("6 tháng")),
    ("nine_months", _("9 tháng")),
    ("year", _("Năm")),
    ("term", _("Nhiệm kỳ (5 năm)")),
]


class ReportForm(forms.Form):
    don_vi = UnitCodeField(label=_("Mã đơn vị"), required=False)
    ky = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=PRESETS, required=False)
    ngay = forms.DateField(
        label=_("Kỳ chứa ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    cat_so_lieu = forms.BooleanField(
        label=_("Chốt số liệu theo Nghị định 09/2019 (từ ngày 15 tháng trước)"), required=False
    )
    so_sanh = forms.ChoiceField(
        label=_("So sánh với"),
        required=False,
        choices=[("", _("Không so sánh")), ("truoc", _("Kỳ liền trước")), ("nam", _("Cùng kỳ năm…"))],
    )
    nam_so_sanh = forms.IntegerField(label=_("Năm so sánh"), required=False, min_value=2000, max_value=2100)
    tu = forms.DateField(label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    den = forms.DateField(label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        preset, day = data.get("ky"), data.get("ngay") or datetime.date.today()
        if preset == "term":
            # Party terms run 2020–2025, 2025–2030…: five years from a year ending in 0 or 5.
            first = day.year - (day.year % 5)
            data["tu"], data["den"] = datetime.date(first, 1, 1), datetime.date(first + 5, 12, 31)
        elif preset:
            try:
                period = Period.of_cutoff(preset, day) if data.get("cat_so_lieu") else Period.of(preset, day)
            except PeriodError as error:
                raise forms.ValidationError(str(error)) from error
            data["tu"], data["den"] = period.dates(cutoff=bool(data.get("cat_so_lieu")))
        if not data.get("tu") or not data.get("den"):
            today = datetime.date.today()
            data["tu"], data["den"] = (
                data.get("tu") or today.replace(month=1, day=1),
                data.get("den") or today,
            )
        if data["den"] < data["tu"]:
            raise forms.ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))
        if data.get("so_sanh") == "nam" and not data.get("nam_so_sanh"):
            self.add_error("nam_so_sanh", _("Hãy chọn năm để so sánh."))
        return data

    def comparison(self) -> tuple[datetime.date, datetime.date] | None:
        from .builder import previous_period, same_period_in

        data = self.cleaned_data
        if data.get("so_sanh") == "truoc":
            return previous_period(data["tu"], data["den"])
        if data.get("so_sanh") == "nam" and data.get("nam_so_sanh"):
            return same_period_in(data["nam_so_sanh"], data["tu"], data["den"])
        return None
