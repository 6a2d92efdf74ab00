from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "danvan.emulation"
    verbose_name = _("Phong trào thi đua “Dân vận khéo”")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        # Configuration the board edits: who changed which criterion, and when.
        auditlog.register(models.CriteriaSet)
        auditlog.register(models.CriteriaGroup)
        auditlog.register(models.Criterion)
        auditlog.register(models.GradeBand)
        auditlog.register(models.RecognitionDecision)
