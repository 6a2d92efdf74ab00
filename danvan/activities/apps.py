from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "danvan.activities"
    verbose_name = _("Số liệu định kỳ")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        # Configuration is audited: who changed a data set, an element or a rule, and when.
        auditlog.register(models.OptionSet)
        auditlog.register(models.Option)
        auditlog.register(models.DataSet)
        auditlog.register(models.DataElement)
        auditlog.register(models.ValidationRule)
