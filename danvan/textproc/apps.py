from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TextprocConfig(AppConfig):
    name = "danvan.textproc"
    verbose_name = _("Xử lý văn bản tiếng Việt")
