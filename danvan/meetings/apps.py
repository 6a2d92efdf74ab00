from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "danvan.meetings"
    verbose_name = _("Hội nghị đối thoại, tiếp công dân")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.MeetingType)
        auditlog.register(models.Plan)
        auditlog.register(models.PlanRequirement)

        from danvan.facts.services import register_source

        from .aggregates import cells_from_facts, count_facts

        register_source("meeting.", cells_from_facts, count_facts)
