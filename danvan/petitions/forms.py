from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.accounts.forms import UnitCodeField
from danvan.units.models import Organisation, Unit

from .choices import Channel, Kind, Status
from .models import Petition, Topic
from .selectors import SORTS


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        return str(obj)


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm (nội dung, mã tra cứu)"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("open", _("Chưa xong (mới, đã chuyển, đang giải quyết)")),
            *Status.choices,
        ],
    )
    kind = forms.ChoiceField(label=_("Loại"), required=False, choices=[("", _("Tất cả")), *Kind.choices])
    channel = forms.ChoiceField(
        label=_("Kênh"), required=False, choices=[("", _("Tất cả")), *Channel.choices]
    )
    topic = TopicChoiceField(
        # Each label names the topic's group: without the join, one query per option.
        label=_("Lĩnh vực"),
        required=False,
        queryset=Topic.objects.filter(is_active=True).select_related("parent"),
    )
    don_vi = UnitCodeField(label=_("Mã đơn vị"), required=False)
    overdue = forms.BooleanField(label=_("Quá hạn"), required=False)
    due_this_week = forms.BooleanField(label=_("Đến hạn trong tuần"), required=False)
    sort = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[
            ("-received_at", _("Mới nhất")),
            ("received_at", _("Cũ nhất")),
            ("due_date", _("Hạn gần nhất")),
            ("-due_date", _("Hạn xa nhất")),
            ("status", _("Trạng thái")),
        ],
    )

    def clean_sort(self):
        return self.cleaned_data["sort"] if self.cleaned_data["sort"] in SORTS else "-received_at"


class PetitionCreateForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Nơi phát sinh"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices, initial=Kind.PETITION)
    channel = forms.ChoiceField(
        label=_("Kênh tiếp nhận"), choices=[c for c in Channel.choices if c[0] != Channel.PORTAL]
    )
    topic = TopicChoiceField(label=_("Lĩnh vực"), required=False, queryset=Topic.objects.none())
    title = forms.CharField(label=_("Tóm tắt"), max_length=200)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}))
    citizen_name = forms.CharField(label=_("Họ tên người gửi"), max_length=120, required=False)
    citizen_phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    citizen_email = forms.EmailField(label=_("Thư điện tử"), required=False)
    citizen_address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    is_complex = forms.BooleanField(label=_("Vụ việc phức tạp"), required=False)
    is_remote = forms.BooleanField(label=_("Vùng sâu, vùng xa"), required=False)
    competent_level = forms.ChoiceField(
        label=_("Cấp có thẩm quyền giải quyết"),
        required=False,
        choices=[("", _("Chưa xác định")), *Petition._meta.get_field("competent_level").choices],
        help_text=_("Khiếu nại gửi lên trên cấp này khi cấp này chưa giải quyết là vượt cấp."),
    )
    people_count = forms.IntegerField(
        label=_("Số người ký tên / có mặt"),
        required=False,
        min_value=1,
        help_text=_("Đơn nhiều người ký hoặc đoàn đông người."),
    )

    def __init__(self, *args, units=None, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        if topics is not None:
            self.fields["topic"].queryset = topics
        # As the text is typed, the topic select comes back with the suggested topic (htmx).
        suggest = {
            "hx-get": reverse("petitions:topic_suggest"),
            "hx-trigger": "input changed delay:600ms",
            "hx-target": "#id_topic",
            "hx-swap": "outerHTML",
            "hx-include": "#id_topic, #id_title, #id_text, #topic-suggested",
        }
        self.fields["text"].widget.attrs.update(suggest)


class VersionedForm(forms.Form):
    """Carries the version the officer saw, so the slower of two is told to reload."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class AnswerForm(VersionedForm):
    answer = forms.CharField(
        label=_("Nội dung trả lời (công khai cho người dân)"), widget=forms.Textarea(attrs={"rows": 5})
    )


class AcceptForm(VersionedForm):
    organisation = forms.ModelChoiceField(label=_("Giao cho tổ chức"), queryset=Organisation.objects.none())
    note = forms.CharField(
        label=_("Ghi chú giao việc (nội bộ)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class ForwardForm(VersionedForm):
    to_unit = UnitCodeField(label=_("Mã đơn vị có thẩm quyền"))
    reason = forms.CharField(label=_("Lý do chuyển"), widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(VersionedForm):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class MergeForm(VersionedForm):
    into = forms.CharField(label=_("Mã tra cứu của ý kiến gốc"), max_length=16)
    reason = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def clean_into(self):
        code = self.cleaned_data["into"].strip().upper()
        petition = Petition.objects.filter(tracking_code=code).first()
        if petition is None:
            raise forms.ValidationError(_("Không có ý kiến mang mã “%(code)s”."), params={"code": code})
        return petition


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Ghi chú nội bộ"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(VersionedForm):
    pass


class AttachmentForm(forms.Form):
    upload = forms.FileField(label=_("Tệp đính kèm (PDF, Word, Excel, ảnh, văn bản)"))
    is_public = forms.BooleanField(label=_("Công khai cùng câu trả lời"), required=False)
