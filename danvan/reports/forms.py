from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from danvan import uploads

from .figures import extract_text

TEXT_MAX = 500_000


class FigureCheckForm(forms.Form):
    text = forms.CharField(
        label=_("Dán nội dung báo cáo"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    attachment = forms.FileField(label=_("Hoặc tải lên tệp .docx, .txt"), required=False)

    def clean(self):
        data = super().clean()
        upload = data.get("attachment")
        if upload:
            try:
                content_type = uploads.check_upload(upload)
            except ValidationError as error:
                raise ValidationError({"attachment": error.message_dict["attachment"]}) from error
            if content_type not in (uploads.DOCX, uploads.TEXT):
                raise ValidationError(
                    {"attachment": _("Chỉ kiểm tra được tệp Word (.docx) hoặc văn bản (.txt).")}
                )
            try:
                data["text"] = extract_text(upload.read(), filename=upload.name)
            except ValueError as error:
                raise ValidationError({"attachment": str(error)}) from error
        if not (data.get("text") or "").strip():
            raise ValidationError(_("Hãy dán nội dung báo cáo hoặc chọn một tệp."))
        return data
