from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    verbose_name = _("Ý kiến, kiến nghị")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Topic, exclude_fields=["search_key"])
        auditlog.register(models.LegalLimit)

        from danvan.facts.services import register_source

        from .aggregates import cells_from_facts, count_facts

        register_source("petition.", cells_from_facts, count_facts)
