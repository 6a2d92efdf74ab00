from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemocracyConfig(AppConfig):
    name = "danvan.democracy"
    verbose_name = _("Dân chủ ở cơ sở")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        # The law's lists (changed by administrators) and every record that holds users' data.
        for model in (
            models.DisclosureCategory,
            models.DisclosureForm,
            models.ConsultationSubject,
            models.DecisionMatter,
            models.Posting,
            models.PostingAttachment,
            models.Consultation,
            models.ResponseGroup,
            models.ConsultationOpinion,
            models.Decision,
            models.SupervisionBoard,
            models.BoardMember,
            models.BoardActivity,
        ):
            auditlog.register(model)
