"""The citizens' forms: submit, track, rate, reopen, and the public list's filter."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from danvan import uploads
from danvan.petitions.choices import Kind
from danvan.petitions.models import Topic
from danvan.petitions.selectors import topic_groups, topics_for_choice
from danvan.units.models import Unit

from . import picker

REQUIRED = _("Trường này không được để trống.")
HONEYPOT = "website"
ACCEPT = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt,application/pdf,image/png,image/jpeg"
RATING_CHOICES = [
    (5, _("5 — Rất hài lòng")),
    (4, _("4 — Hài lòng")),
    (3, _("3 — Tạm chấp nhận")),
    (2, _("2 — Không hài lòng")),
    (1, _("1 — Rất không hài lòng")),
]


class UnitPickerMixin:
    """Province → commune (→ hamlet) selects of the current tree, each narrowed by the one above.

    Works bound (a POST or a GET filter) and unbound with ``initial`` (a step of the
    no-JavaScript picker); with JavaScript, htmx refills the lower selects from the
    ``portal:communes`` and ``portal:hamlets`` endpoints.
    """

    with_hamlet = True
    strict_picker = False

    def _value(self, name: str):
        if self.is_bound:
            return self.data.get(self.add_prefix(name))
        value = self.initial.get(name)
        return value.pk if isinstance(value, Unit) else value

    def _pick(self, name: str, parent: Unit | None = None) -> Unit | None:
        """The chosen unit of field ``name``, looked up once: the field's validation reuses it.

        Its ``parent`` is set when it is the unit picked above, so that the receipt's ancestor
        codes need no query of their own.
        """
        field, value = self.fields[name], self._value(name)
        unit = picker.pick(field.queryset, value)
        if unit is not None and parent is not None and unit.parent_id == parent.pk:
            unit.parent = parent
        field.picked = {value: unit}
        return unit

    def _forget(self, name: str) -> None:
        """Drop a lower choice that no longer fits the one above (the province was changed).

        A strict form keeps it, so that validation says which choice to make again.
        """
        if self.is_bound and self.strict_picker:
            return
        if self.is_bound:
            self.data = self.data.copy()
            self.data[self.add_prefix(name)] = ""
        else:
            self.initial = {**self.initial, name: None}

    def setup_picker(self, day: datetime.date) -> None:
        fields = self.fields
        fields["province"].queryset = picker.provinces(day=day)
        province = self._pick("province")
        fields["commune"].queryset = picker.communes_of(province=province, day=day)
        commune = self._pick("commune", parent=province)
        if commune is None and self._value("commune"):
            self._forget("commune")
        fields["province"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("portal:communes"),
                "hx-trigger": "change",
                "hx-target": "#id_commune",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
                "autocomplete": "off",
            }
        )
        if not self.with_hamlet:
            fields["province"].widget.attrs["hx-vals"] = '{"all": "1"}'
            return
        fields["hamlet"].queryset = picker.hamlets_in(commune=commune, day=day)
        if self._value("hamlet") and self._pick("hamlet", parent=commune) is None:
            self._forget("hamlet")
        fields["commune"].widget.attrs["autocomplete"] = "off"
        # The hamlets follow the commune: when the citizen picks one, and when a new province has
        # just refilled the communes (and so emptied the choice). The hamlet select issues every
        # request itself, so ``replace`` keeps only the latest one when the two come close together.
        fields["hamlet"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("portal:hamlets"),
                "hx-trigger": "change from:#id_commune, htmx:afterSettle from:#id_commune",
                "hx-include": "#id_commune",
                "hx-sync": "this:replace",
                "hx-target": "this",
                "hx-swap": "innerHTML",
                "autocomplete": "off",
            }
        )


class UnitChoiceField(forms.ModelChoiceField):
    """A unit from ``queryset``; the value the picker has already looked up is not read again."""

    picked: dict = {}

    def to_python(self, value):
        if isinstance(value, str) and value not in self.empty_values and value in self.picked:
            self.validate_no_null_characters(value)
            if self.picked[value] is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
                )
            return self.picked[value]
        return super().to_python(value)


def _unit_field(label, empty_label, *, required=True, help_text=""):
    return UnitChoiceField(
        label=label,
        queryset=Unit.objects.none(),
        required=required,
        empty_label=empty_label,
        help_text=help_text,
        error_messages={
            "required": REQUIRED,
            "invalid_choice": _("Lựa chọn không hợp lệ; hãy chọn lại từ danh sách."),
        },
    )


TOPIC_CHOICES_SECONDS = 60


def topic_choices() -> list:
    """The grouped topic choices; read from the database at most once a minute (a form each visit)."""
    grouped = cache.get_or_set(f"portal-topic-choices:{get_language()}", _topic_groups, TOPIC_CHOICES_SECONDS)
    return [("", _("— Chưa rõ, để cán bộ xác định —")), *grouped]


def _topic_groups() -> list:
    by_group: dict[int, list[tuple[str, str]]] = {}
    for topic in topics_for_choice():
        by_group.setdefault(topic.parent_id, []).append((str(topic.pk), topic.name))
    return [(group.name, by_group[group.pk]) for group in topic_groups() if group.pk in by_group]


class SubmitForm(UnitPickerMixin, forms.Form):
    strict_picker = True

    province = _unit_field(_("Tỉnh, thành phố"), _("— Chọn tỉnh, thành phố —"))
    commune = _unit_field(_("Xã, phường, đặc khu"), _("— Chọn xã, phường —"))
    hamlet = _unit_field(
        _("Thôn, tổ dân phố (nếu có)"),
        _("— Không chọn —"),
        required=False,
        help_text=_("Bỏ qua nếu không rõ hoặc xã chưa có danh sách thôn, tổ dân phố."),
    )
    kind = forms.ChoiceField(
        label=_("Loại ý kiến"),
        choices=Kind.choices,
        initial=Kind.PETITION,
        widget=forms.RadioSelect,
        error_messages={"required": REQUIRED, "invalid_choice": _("Loại ý kiến không hợp lệ.")},
    )
    topic = forms.ChoiceField(label=_("Lĩnh vực"), required=False, choices=())
    title = forms.CharField(
        label=_("Tóm tắt nội dung"),
        max_length=200,
        error_messages={"required": REQUIRED},
        help_text=_("Một câu ngắn, ví dụ: Đường liên ấp bị sạt lở."),
    )
    text = forms.CharField(
        label=_("Nội dung chi tiết"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": REQUIRED},
        help_text=_("Nêu sự việc, địa điểm, thời gian và đề nghị của bạn."),
    )
    citizen_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    citizen_phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=30,
        required=False,
        validators=[RegexValidator(r"^\+?[0-9][0-9 .\-]{7,19}$", _("Số điện thoại không hợp lệ."))],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    citizen_email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
        help_text=_("Nếu có, bạn sẽ nhận thư báo khi ý kiến được trả lời."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    citizen_address = forms.CharField(
        label=_("Địa chỉ"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    attachment = forms.FileField(
        label=_("Tệp đính kèm (không bắt buộc)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"empty": _("Tệp đính kèm rỗng."), "invalid": _("Tệp đính kèm không hợp lệ.")},
    )

    def __init__(self, *args, day: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_picker(day)
        self.fields["topic"].choices = topic_choices()
        # As the text is typed, the topic select comes back with the suggested topic (htmx).
        self.fields["text"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("portal:topic_suggest"),
                "hx-trigger": "input changed delay:700ms",
                "hx-target": "#id_topic",
                "hx-swap": "outerHTML",
                "hx-include": "#id_topic, #id_title, #id_text, #topic-suggested",
            }
        )
        mb = f"{uploads.max_upload_bytes() / (1024 * 1024):g}"
        self.fields["attachment"].help_text = _(
            "PDF, ảnh PNG hoặc JPEG, Word (.docx), Excel (.xlsx) hoặc văn bản .txt; tối đa %(size)s MB."
        ) % {"size": mb}

    def clean_topic(self) -> Topic | None:
        value = self.cleaned_data.get("topic")
        if not value:
            return None
        topic = topics_for_choice().filter(pk=value).first()
        if topic is None:
            raise ValidationError(_("Lĩnh vực không hợp lệ; hãy chọn lại từ danh sách."))
        return topic

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        try:
            uploads.check_upload(upload)
        except ValidationError as error:
            raise ValidationError(error.message_dict["attachment"]) from error
        return upload

    @property
    def unit(self) -> Unit:
        return self.cleaned_data.get("hamlet") or self.cleaned_data["commune"]


_CODE_JUNK = re.compile(r"[\s\-.]")


def normalise_code(value: str) -> str:
    """A tracking code as typed or read aloud (spaces, dashes, lower case) → ``PA7KQ2M9XD``."""
    return _CODE_JUNK.sub("", value or "").upper()[:20]


class TrackForm(forms.Form):
    ma = forms.CharField(
        label=_("Mã tra cứu"),
        max_length=20,
        error_messages={"required": REQUIRED},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        help_text=_("Ví dụ: PA7KQ2M9XD, in trên giấy biên nhận."),
    )
    pin = forms.CharField(
        label=_("Mã PIN"),
        max_length=6,
        min_length=6,
        error_messages={"required": REQUIRED},
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        help_text=_("6 chữ số, nhận được khi gửi ý kiến."),
    )

    def clean_ma(self) -> str:
        return normalise_code(self.cleaned_data["ma"])

    def clean_pin(self) -> str:
        return self.cleaned_data["pin"].strip()


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Mức độ hài lòng với câu trả lời"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn mức đánh giá từ 1 đến 5.")},
    )
    comment = forms.CharField(
        label=_("Nhận xét (không bắt buộc)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Vì sao bạn chưa hài lòng?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Hãy nêu lý do đề nghị xem xét lại.")},
        help_text=_("Mỗi ý kiến chỉ được đề nghị xem xét lại một lần."),
    )


class PublicFilterForm(UnitPickerMixin, forms.Form):
    with_hamlet = False

    province = _unit_field(_("Tỉnh, thành phố"), _("— Tất cả —"), required=False)
    commune = _unit_field(_("Xã, phường, đặc khu"), _("— Tất cả —"), required=False)

    def __init__(self, *args, day: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_picker(day)

    @property
    def unit(self) -> Unit | None:
        if not self.is_valid():
            return None
        return self.cleaned_data.get("commune") or self.cleaned_data.get("province")
