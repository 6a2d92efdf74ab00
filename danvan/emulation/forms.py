"""Forms of the movement's pages; every write still goes through a service that checks it again."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.forms import UnitCodeField
from danvan.units.models import Organisation, Unit

from .choices import Award, Field, IssuerKind, Kind, RatingStatus, RecognitionLevel, Status, Subject
from .criteria import CRITERION, GROUP
from .models import CriteriaSet, EmulationModel
from .scoring import criteria_of
from .selectors import SORTS

DATE_INPUT = {"input_formats": ["%Y-%m-%d", "%d/%m/%Y"]}
INVALID_DATE = {"invalid": _("Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm.")}


def date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=INVALID_DATE,
        **DATE_INPUT,
        **kwargs,
    )


def this_year() -> int:
    return timezone.localdate().year


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name if obj.parent_id is None else f"{obj.name} — {obj.parent.name}"


class ModelChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: EmulationModel) -> str:
        return f"{obj.name} ({obj.unit.name}, {obj.decision_date:%Y})" if obj.decision_date else obj.name


class VersionedForm(forms.Form):
    """Carries the version the user saw, so the slower of two is told to reload."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


# --- models -----------------------------------------------------------------------------------


class ModelFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm (tên mô hình, chủ thể)"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("open", _("Đang xét (chưa có quyết định)")),
            ("recognised", _("Được công nhận (kể cả đã nhân rộng)")),
            *Status.choices,
        ],
    )
    field = forms.ChoiceField(
        label=_("Lĩnh vực"), required=False, choices=[("", _("Tất cả")), *Field.choices]
    )
    kind = forms.ChoiceField(label=_("Loại"), required=False, choices=[("", _("Tất cả")), *Kind.choices])
    level = forms.ChoiceField(
        label=_("Cấp công nhận"), required=False, choices=[("", _("Tất cả")), *RecognitionLevel.choices]
    )
    nam = forms.IntegerField(label=_("Năm đăng ký"), required=False, min_value=2000, max_value=2100)
    nam_cong_nhan = forms.IntegerField(
        label=_("Năm công nhận"), required=False, min_value=2000, max_value=2100
    )
    don_vi = UnitCodeField(label=_("Mã đơn vị"), required=False)
    sort = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[
            ("-year", _("Năm đăng ký mới nhất")),
            ("-decision_date", _("Ngày công nhận mới nhất")),
            ("-appraisal_score", _("Điểm thẩm định cao nhất")),
            ("name", _("Tên")),
            ("status", _("Trạng thái")),
        ],
    )

    def clean_sort(self):
        return self.cleaned_data["sort"] if self.cleaned_data["sort"] in SORTS else "-year"


class EmulationModelForm(VersionedForm):
    unit = UnitChoiceField(
        label=_("Đơn vị có mô hình"),
        queryset=Unit.objects.none(),
        help_text=_("Xã, phường hoặc thôn, tổ dân phố nơi thực hiện mô hình."),
    )
    name = forms.CharField(label=_("Tên mô hình, điển hình"), max_length=255)
    kind = forms.ChoiceField(
        label=_("Loại"), choices=Kind.choices, widget=forms.RadioSelect, initial=Kind.COLLECTIVE
    )
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=Field.choices)
    owner_organisation = forms.ModelChoiceField(
        label=_("Tổ chức chủ trì"), queryset=Organisation.objects.none(), required=False
    )
    owner_name = forms.CharField(
        label=_("Chủ thể (tập thể hoặc họ tên cá nhân)"),
        max_length=255,
        required=False,
        help_text=_("Để trống thì dùng tên tổ chức chủ trì."),
    )
    owner_position = forms.CharField(
        label=_("Chức vụ, nơi công tác (với cá nhân)"), max_length=255, required=False
    )
    year = forms.IntegerField(label=_("Năm đăng ký"), min_value=2000, max_value=2100, initial=this_year)
    period_start = date_field(_("Thực hiện từ ngày"), required=False)
    period_end = date_field(_("Đến ngày"), required=False)
    description = forms.CharField(
        label=_("Nội dung, cách làm"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Mục tiêu, cách vận động Nhân dân, ai tham gia, nguồn lực."),
    )
    results = forms.CharField(
        label=_("Kết quả đạt được"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Số liệu cụ thể: số hộ tham gia, km đường, ngày công, kinh phí Nhân dân đóng góp…"),
    )
    replicated_from = ModelChoice(
        label=_("Nhân rộng từ mô hình"),
        queryset=EmulationModel.objects.none(),
        required=False,
        help_text=_("Nếu mô hình học tập từ một mô hình đã được công nhận."),
    )

    def __init__(self, *args, units=None, organisations=None, sources=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        if organisations is not None:
            self.fields["owner_organisation"].queryset = organisations
        if sources is not None:
            self.fields["replicated_from"].queryset = sources

    def clean(self):
        data = super().clean()
        if not (data.get("owner_name") or "").strip() and not data.get("owner_organisation"):
            self.add_error("owner_name", _("Hãy nhập chủ thể hoặc chọn tổ chức chủ trì."))
        return data


class EvidenceForm(forms.Form):
    upload = forms.FileField(
        label=_("Tệp minh chứng"),
        help_text=_("PDF, ảnh PNG/JPEG, Word (.docx), Excel (.xlsx) hoặc văn bản .txt."),
    )
    caption = forms.CharField(label=_("Mô tả"), max_length=255, required=False)
    is_public = forms.BooleanField(label=_("Hiện ảnh này trên trang giới thiệu công khai"), required=False)


class QuarterReportForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, initial=this_year)
    quarter = forms.TypedChoiceField(
        label=_("Quý"),
        coerce=int,
        choices=[(1, _("Quý I")), (2, _("Quý II")), (3, _("Quý III")), (4, _("Quý IV"))],
        initial=lambda: (timezone.localdate().month - 1) // 3 + 1,
    )
    text = forms.CharField(
        label=_("Kết quả trong quý"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Việc đã làm, số người tham gia, kết quả, khó khăn."),
    )


class ScoreForm(VersionedForm):
    """One points field (and one note) per criterion of the set, checked against its maximum."""

    comment = forms.CharField(
        label=_("Nhận xét chung"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(
        self, *args, criteria_set: CriteriaSet, appraisal: bool = False, initial_scores=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        initial_scores = initial_scores or {}
        self.criteria = criteria_of(criteria_set)
        self.rows = []
        for criterion in self.criteria:
            points = forms.DecimalField(
                label=_("Điểm tiêu chí %(code)s") % {"code": criterion.code or criterion.order},
                min_value=Decimal(0),
                max_value=criterion.max_points,
                decimal_places=2,
                required=False,
                widget=forms.NumberInput(attrs={"step": "any", "min": 0, "max": criterion.max_points}),
                error_messages={
                    "max_value": _("Không quá %(limit_value)s điểm."),
                    "min_value": _("Không nhỏ hơn 0."),
                    "invalid": _("Hãy nhập một số."),
                    "max_decimal_places": _("Tối đa hai chữ số thập phân."),
                },
            )
            note = forms.CharField(
                label=_("Ghi chú tiêu chí %(code)s") % {"code": criterion.code or criterion.order},
                max_length=500,
                required=False,
            )
            self.fields[f"points_{criterion.pk}"] = points
            self.fields[f"note_{criterion.pk}"] = note
            if criterion.pk in initial_scores:
                score = initial_scores[criterion.pk]
                self.initial[f"points_{criterion.pk}"] = score.points
                self.initial[f"note_{criterion.pk}"] = score.note
        if appraisal:
            self.fields["organisation"] = forms.CharField(
                label=_("Thay mặt"),
                max_length=200,
                required=False,
                help_text=_("Ví dụ: Ban Dân vận, Ủy ban MTTQ."),
            )
        self.fields["comment"] = self.fields.pop("comment")

    def criterion_rows(self):
        """(group, criterion, points field, note field) for the template, groups once."""
        previous = None
        for criterion in self.criteria:
            group = criterion.group if criterion.group_id != previous else None
            previous = criterion.group_id
            yield group, criterion, self[f"points_{criterion.pk}"], self[f"note_{criterion.pk}"]

    def points(self) -> dict[int, Decimal | None]:
        return {c.pk: self.cleaned_data.get(f"points_{c.pk}") for c in self.criteria}

    def notes(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"note_{c.pk}") or "" for c in self.criteria}


class DecisionDocumentForm(forms.Form):
    """How the decision document is headed and signed; blank fields take the defaults of the issuing unit."""

    issuer_kind = forms.ChoiceField(
        label=_("Thể thức"), choices=IssuerKind.choices, initial=IssuerKind.PARTY, required=False
    )
    issuer_parent = forms.CharField(label=_("Cơ quan cấp trên (dòng trên)"), max_length=200, required=False)
    issuer_name = forms.CharField(label=_("Cơ quan ban hành"), max_length=200, required=False)
    place = forms.CharField(label=_("Địa danh"), max_length=100, required=False)
    signer_on_behalf = forms.CharField(label=_("Thẩm quyền ký"), max_length=100, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=100, required=False)
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=120, required=False)
    basis = forms.CharField(
        label=_("Căn cứ (mỗi dòng một căn cứ)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    DOCUMENT_FIELDS = (
        "issuer_kind",
        "issuer_parent",
        "issuer_name",
        "place",
        "signer_on_behalf",
        "signer_title",
        "signer_name",
        "basis",
    )

    def document(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in self.DOCUMENT_FIELDS}


class DecisionForm(VersionedForm, DecisionDocumentForm):
    result = forms.TypedChoiceField(
        label=_("Kết luận"),
        choices=[("1", _("Công nhận")), ("0", _("Không công nhận"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    level = forms.ChoiceField(
        label=_("Cấp công nhận"), choices=[("", "—"), *RecognitionLevel.choices], required=False
    )
    decision_number = forms.CharField(
        label=_("Số, ký hiệu quyết định"), max_length=50, required=False, help_text=_("Ví dụ: 125-QĐ/HU.")
    )
    decision_date = date_field(_("Ngày ký"), required=False)
    award = forms.ChoiceField(label=_("Hình thức khen thưởng"), choices=Award.choices, required=False)
    awarding_body = forms.CharField(
        label=_("Cơ quan khen thưởng"),
        max_length=200,
        required=False,
        help_text=_("Để trống: Ban Thường vụ cấp ủy ban hành."),
    )
    is_outstanding = forms.BooleanField(label=_("Điển hình tiêu biểu"), required=False)
    note = forms.CharField(
        label=_("Ý kiến kết luận, lý do"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    field_order = [
        "result",
        "level",
        "decision_number",
        "decision_date",
        "award",
        "awarding_body",
        "is_outstanding",
        "note",
    ]

    def decision_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "recognised": data["result"],
            "level": data.get("level") or "",
            "decision_number": data.get("decision_number") or "",
            "decision_date": data.get("decision_date"),
            "award": data.get("award") or "",
            "awarding_body": data.get("awarding_body") or "",
            "note": data.get("note") or "",
            "document": self.document(),
        }


class BatchDecisionForm(DecisionForm):
    models = forms.ModelMultipleChoiceField(
        label=_("Mô hình"),
        queryset=EmulationModel.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một mô hình.")},
    )
    outstanding = forms.ModelMultipleChoiceField(
        label=_("Điển hình tiêu biểu"), queryset=EmulationModel.objects.none(), required=False
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["is_outstanding"]
        del self.fields["version"]
        if candidates is not None:
            self.fields["models"].queryset = candidates
            self.fields["outstanding"].queryset = candidates


class ReplicateForm(VersionedForm):
    note = forms.CharField(
        label=_("Nơi, cách nhân rộng"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Đơn vị nào học tập, áp dụng; kết quả."),
    )
    day = date_field(_("Ngày ghi nhận"), required=False)


class DecisionDocumentEditForm(DecisionDocumentForm):
    awarding_body = forms.CharField(label=_("Cơ quan khen thưởng"), max_length=200)


# --- statistics -------------------------------------------------------------------------------


class StatsForm(forms.Form):
    don_vi = UnitCodeField(
        label=_("Mã đơn vị"), required=False, help_text=_("Để trống: toàn bộ phạm vi của bạn.")
    )
    tu_nam = forms.IntegerField(label=_("Từ năm"), min_value=2000, max_value=2100, required=False)
    den_nam = forms.IntegerField(label=_("Đến năm"), min_value=2000, max_value=2100, required=False)
    so_voi = forms.IntegerField(label=_("So với năm"), min_value=2000, max_value=2100, required=False)

    def clean(self):
        data = super().clean()
        year = this_year()
        start, end = data.get("tu_nam") or data.get("den_nam") or year, data.get("den_nam") or year
        if start > end:
            self.add_error("den_nam", _("Năm kết thúc phải sau năm bắt đầu."))
        elif end - start > 30:
            self.add_error("tu_nam", _("Tối đa 30 năm mỗi lần thống kê."))
        data["tu_nam"], data["den_nam"] = start, end
        if data.get("so_voi") and data["so_voi"] > end:
            self.add_error("so_voi", _("Năm so sánh phải trước năm kết thúc."))
        return data


# --- criteria sets ----------------------------------------------------------------------------


class CriteriaSetCreateForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị ban hành"), queryset=Unit.objects.none(), required=False)
    subject = forms.ChoiceField(label=_("Đối tượng"), choices=Subject.choices)
    name = forms.CharField(
        label=_("Tên bộ tiêu chí"),
        max_length=255,
        required=False,
        help_text=_("Để trống: dùng tên bộ đang áp dụng."),
    )

    def __init__(self, *args, units=None, allow_default=False, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        self.fields["unit"].required = not allow_default
        if allow_default:
            self.fields["unit"].empty_label = _("(Bộ tiêu chí mặc định của hệ thống)")


class CriteriaSetHeaderForm(forms.Form):
    name = forms.CharField(label=_("Tên bộ tiêu chí"), max_length=255)
    description = forms.CharField(
        label=_("Căn cứ, hướng dẫn"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class CriteriaRowForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại dòng"), choices=[(GROUP, _("Nhóm")), (CRITERION, _("Tiêu chí"))], initial=CRITERION
    )
    code = forms.CharField(label=_("Số hiệu"), max_length=10, required=False)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))
    max_points = forms.DecimalField(
        label=_("Điểm tối đa"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=6,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    evidence = forms.CharField(label=_("Minh chứng cần có"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if (
            data.get("kind") == CRITERION
            and data.get("max_points") is None
            and not self.has_error("max_points")
        ):
            self.add_error("max_points", _("Tiêu chí phải có điểm tối đa."))
        return data


class GradeForm(forms.Form):
    label = forms.CharField(label=_("Xếp loại"), max_length=100)
    min_points = forms.DecimalField(
        label=_("Từ điểm"),
        min_value=Decimal(0),
        max_digits=6,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    qualifies = forms.BooleanField(label=_("Đủ điều kiện công nhận"), required=False)


CriteriaRowFormSet = forms.formset_factory(
    CriteriaRowForm, extra=3, can_delete=True, max_num=200, absolute_max=220
)
GradeFormSet = forms.formset_factory(GradeForm, extra=1, can_delete=True, max_num=10, absolute_max=12)


# --- annual ratings ----------------------------------------------------------------------------


class RatingOpenForm(forms.Form):
    unit = UnitChoiceField(label=_("Xã, phường"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Năm đánh giá"), min_value=2000, max_value=2100, initial=this_year)
    subject = forms.ChoiceField(
        label=_("Đối tượng"),
        choices=[(s, Subject(s).label) for s in Subject.rating_values()],
        initial=Subject.COMMUNE_PARTY,
    )
    name = forms.CharField(
        label=_("Tên tổ chức được đánh giá"),
        max_length=255,
        required=False,
        help_text=_("Để trống: Đảng ủy của xã. Với cơ quan, đơn vị: ghi tên cơ quan."),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units


class RatingFilterForm(forms.Form):
    nam = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *RatingStatus.choices]
    )


class RatingDecisionForm(VersionedForm):
    result = forms.TypedChoiceField(
        label=_("Kết luận"),
        choices=[("1", _("Đạt “Dân vận khéo”")), ("0", _("Chưa đạt"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    decision_number = forms.CharField(label=_("Số, ký hiệu quyết định"), max_length=50, required=False)
    decision_date = date_field(_("Ngày ký"), required=False, initial=datetime.date.today)
    note = forms.CharField(
        label=_("Ý kiến kết luận"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
