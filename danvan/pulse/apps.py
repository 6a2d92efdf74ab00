from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PulseConfig(AppConfig):
    name = "danvan.pulse"
    verbose_name = _("Nhịp dư luận")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from danvan.petitions.signals import petition_received

        from . import hotspot_services, models, services

        auditlog.register(models.Concern)
        auditlog.register(models.ConcernMember)
        auditlog.register(models.HotspotSettings)
        auditlog.register(models.Hotspot, exclude_fields=["updated_at"])
        auditlog.register(models.HotspotRecord)
        petition_received.connect(services.on_petition_received, dispatch_uid="pulse.index_petition")
        petition_received.connect(hotspot_services.on_petition_received, dispatch_uid="pulse.hotspot_check")
