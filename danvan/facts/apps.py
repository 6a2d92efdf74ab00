from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactsConfig(AppConfig):
    name = "danvan.facts"
    verbose_name = _("Số liệu tổng hợp theo tháng")
