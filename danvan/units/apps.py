from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "danvan.units"
    verbose_name = _("Đơn vị hành chính")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Unit, exclude_fields=["search_key", "path"])
        auditlog.register(models.UnitSuccession)
        auditlog.register(models.Organisation, exclude_fields=["search_key"])
