"""Forms: the entry form built from a data set, the workflow forms, file import, supervision."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Organiser, RecommendationStatus, SupervisionKind, ValueType
from .periods import Period
from .validation import Cell, Schema, Violation
from .values import Figure, FigureError, input_text, parse_figure

MAX_UPLOAD = 30 * 1024 * 1024


class FigureField(forms.CharField):
    """One cell; cleans to a ``Figure`` or None, with the Vietnamese messages of ``values``."""

    def __init__(self, *, cell: Cell, **kwargs):
        self.cell = cell
        element = cell.element
        numeric_mode = "numeric" if element.value_type == ValueType.INTEGER else "decimal"
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": numeric_mode, "autocomplete": "off", "class": "figure-input", "size": 10}
            ),
        )
        super().__init__(required=False, label=cell.label, max_length=40, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            return parse_figure(self.cell.element, value)
        except FigureError as error:
            raise forms.ValidationError(str(error), code="figure") from error


class ChoiceFigureField(forms.ChoiceField):
    """An option or yes/no cell."""

    def __init__(self, *, cell: Cell, **kwargs):
        self.cell = cell
        element = cell.element
        if element.value_type == ValueType.BOOLEAN:
            choices = [("", "—"), ("1", _("Có")), ("0", _("Không"))]
        else:
            choices = [("", "—"), *element.option_list]
        super().__init__(required=False, label=cell.label, choices=choices, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            return parse_figure(self.cell.element, value)
        except FigureError as error:  # pragma: no cover - the choices already limit the values
            raise forms.ValidationError(str(error)) from error


class EntryForm(forms.Form):
    """The figures of one data set, one field per cell, plus the version the officer saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, schema: Schema, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.schema = schema
        for cell in schema.cells:
            if cell.element.value_type in (ValueType.OPTION, ValueType.BOOLEAN):
                self.fields[cell.field_name] = ChoiceFigureField(cell=cell)
            else:
                self.fields[cell.field_name] = FigureField(cell=cell)
            if cell.element.help_text and not cell.option:
                self.fields[cell.field_name].help_text = cell.element.help_text

    @classmethod
    def initial_from(cls, schema: Schema, cells: dict, version: int) -> dict:
        initial = {"version": version}
        for cell in schema.cells:
            value = cells.get(cell.key)
            if value is None:
                continue
            if isinstance(value, str):
                initial[cell.field_name] = value
            elif cell.element.value_type == ValueType.BOOLEAN:
                initial[cell.field_name] = "1" if value else "0"
            else:
                initial[cell.field_name] = input_text(value)
        return initial

    def figures(self) -> dict[str, Figure | None]:
        return {cell.key: self.cleaned_data.get(cell.field_name) for cell in self.schema.cells}


# --- the layout of the entry page ------------------------------------------------------------


@dataclass
class CellView:
    cell: Cell
    field: forms.BoundField
    messages: list[Violation] = field(default_factory=list)
    flagged: bool = False
    flagged_blocking: bool = False
    recorded: int | None = None
    display: str = ""

    @property
    def has_blocking(self) -> bool:
        return any(v.blocking for v in self.messages)


@dataclass
class Section:
    """Plain elements one under the other, or a grid of broken-down elements (options × elements)."""

    title: str = ""
    rows: list[CellView] = field(default_factory=list)
    elements: list = field(default_factory=list)
    grid: list[tuple[object, list[CellView]]] = field(default_factory=list)
    totals: list[str] = field(default_factory=list)

    @property
    def is_grid(self) -> bool:
        return bool(self.grid)


def entry_layout(
    form: EntryForm, violations: list[Violation], recorded: dict[str, int], stored: dict, display
) -> list[Section]:
    """Sections for the template: each cell with its field, its messages and its counted hint."""
    schema = form.schema
    by_cell: dict[str, list[Violation]] = {}
    flagged: set[str] = set()
    flagged_blocking: set[str] = set()
    for violation in violations:
        by_cell.setdefault(violation.cell, []).append(violation)
        flagged.update(violation.cells)
        if violation.blocking:
            flagged_blocking.update(violation.cells)

    def view(cell: Cell) -> CellView:
        own = by_cell.get(cell.key, [])
        attrs = form.fields[cell.field_name].widget.attrs
        attrs["aria-label"] = cell.label
        if own or form.errors.get(cell.field_name):
            attrs["aria-describedby"] = f"msg_{cell.field_name}"
        if any(v.blocking for v in own) or form.errors.get(cell.field_name):
            attrs["aria-invalid"] = "true"
        return CellView(
            cell=cell,
            field=form[cell.field_name],
            messages=own,
            flagged=cell.key in flagged,
            flagged_blocking=cell.key in flagged_blocking,
            recorded=recorded.get(cell.key) if cell.element.source else None,
            display=display(cell, stored.get(cell.key)),
        )

    sections: list[Section] = []
    for element in schema.elements:
        if not element.breakdown_id:
            if not sections or sections[-1].is_grid or sections[-1].elements:
                sections.append(Section())
            sections[-1].rows.append(view(schema.by_key[element.code]))
            continue
        last = sections[-1] if sections else None
        if last is None or not last.is_grid or last.elements[0].breakdown_id != element.breakdown_id:
            last = Section(title=element.breakdown.name)
            sections.append(last)
            last.grid = [(option, []) for option in element.breakdown_options]
        last.elements.append(element)
        for option, cells in last.grid:
            cells.append(view(schema.by_key[f"{element.code}.{option.code}"]))
    for section in sections:
        if section.is_grid:
            for index in range(len(section.elements)):
                values = [stored.get(cells[index].cell.key) for _option, cells in section.grid]
                numbers = [v for v in values if v is not None and not isinstance(v, str)]
                section.totals.append(display(None, sum(numbers)) if numbers else "")
    return sections


# --- workflow ----------------------------------------------------------------------------------


class ApproveForm(forms.Form):
    note = forms.CharField(
        label=_("Ý kiến khi duyệt"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy nêu lý do trả lại để đơn vị biết cần sửa gì.")},
    )


class PeriodUnitForm(forms.Form):
    """Pick a period (and a unit) for the completeness, validation and template pages."""

    ky = forms.ChoiceField(label=_("Kỳ báo cáo"))
    don_vi = forms.ChoiceField(label=_("Đơn vị"))

    def __init__(self, *args, periods: list[Period], units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ky"].choices = [(p.key, p.label) for p in periods]
        self.fields["don_vi"].choices = [(str(u.pk), _unit_label(u)) for u in units]


def _unit_label(unit) -> str:
    suffix = f" ({unit.valid_to:%d/%m/%Y})" if unit.valid_to else ""
    return f"{unit.name} — {unit.code}{suffix}"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp số liệu (.xlsx hoặc .csv)"),
        help_text=_(
            "Dùng tệp mẫu tải về, hoặc dạng danh sách với các cột ma_don_vi, ky, chi_tieu, phan_to, gia_tri."
        ),
        error_messages={"required": _("Hãy chọn tệp cần nhập.")},
    )
    submit = forms.BooleanField(
        label=_("Gửi báo cáo ngay sau khi nhập"),
        required=False,
        help_text=_("Báo cáo nào chưa khớp quy tắc kiểm tra sẽ ở lại bản nháp để sửa."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Tệp lớn quá 30 MB; hãy chia nhỏ."))
        if not upload.name.lower().endswith((".xlsx", ".csv", ".txt")):
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
        return upload


# --- supervision -------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ActivityForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị thực hiện"), queryset=None, empty_label=None)
    organiser = forms.ChoiceField(label=_("Chủ thể giám sát, phản biện"), choices=Organiser.choices)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=SupervisionKind.choices)
    title = forms.CharField(label=_("Nội dung giám sát, phản biện"), max_length=255)
    subject = forms.CharField(label=_("Đối tượng được giám sát"), max_length=255, required=False)
    held_on = forms.DateField(label=_("Ngày thực hiện"), widget=DateInput())
    findings = forms.CharField(
        label=_("Kết quả, phát hiện"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    recommendations = forms.CharField(
        label=_("Kiến nghị sau giám sát"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một kiến nghị."),
    )
    addressee = forms.CharField(
        label=_("Cơ quan, tổ chức nhận kiến nghị"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: Ủy ban nhân dân xã."),
    )
    due_date = forms.DateField(label=_("Hạn trả lời kiến nghị"), required=False, widget=DateInput())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["held_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        lines = [line.strip() for line in (data.get("recommendations") or "").splitlines() if line.strip()]
        if lines and not (data.get("addressee") or "").strip():
            self.add_error("addressee", _("Hãy ghi cơ quan, tổ chức nhận kiến nghị."))
        data["recommendation_lines"] = lines
        return data


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("Nội dung kiến nghị"), widget=forms.Textarea(attrs={"rows": 2}))
    addressee = forms.CharField(label=_("Cơ quan, tổ chức nhận kiến nghị"), max_length=255)
    due_date = forms.DateField(label=_("Hạn trả lời"), required=False, widget=DateInput())


class RecommendationUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=RecommendationStatus.choices)
    response = forms.CharField(
        label=_("Kết quả giải quyết"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bắt buộc khi đã giải quyết."),
    )
    settled_on = forms.DateField(label=_("Ngày giải quyết xong"), required=False, widget=DateInput())
