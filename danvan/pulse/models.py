"""The similar-opinions index and "one concern" clusters, above petitions and meetings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.petitions.models import Petition
from danvan.units.models import Unit


class SimilarityKey(models.Model):
    """One of a petition's most telling terms (``textproc.similarity.keys``), as an integer.

    A lookup reads the records that share a key with the text typed, then scores only those:
    a name or a road code is shared by few records, so the read stays small at national scale.
    Conference and reception opinions are petitions too, so every voice is here.
    """

    key = models.IntegerField()
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+", db_index=False)
    # The petition's codes, copied when written: a lookup in a province or a commune reads only its
    # own part of a key's records, straight off the index (the petition's unit confirms the scope).
    province_code = models.CharField(max_length=16, blank=True)
    commune_code = models.CharField(max_length=16, blank=True)

    class Meta:
        verbose_name = _("khóa tìm ý kiến tương tự")
        verbose_name_plural = _("khóa tìm ý kiến tương tự")
        indexes = [
            models.Index(fields=["key", "petition"], name="similaritykey_key_petition"),
            models.Index(fields=["key", "province_code", "petition"], name="similaritykey_key_province"),
            models.Index(fields=["key", "commune_code", "petition"], name="similaritykey_key_commune"),
            models.Index(fields=["petition"], name="similaritykey_petition"),
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.petition_id}"


class Concern(models.Model):
    """Records an official judged to raise one concrete concern; each keeps its own timeline."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("vấn đề"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("vấn đề chung")
        verbose_name_plural = _("vấn đề chung")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class ConcernMember(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="members")
    petition = models.OneToOneField(Petition, on_delete=models.CASCADE, related_name="concern_membership")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(_("ngày liên kết"), auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến thuộc vấn đề chung")
        verbose_name_plural = _("ý kiến thuộc vấn đề chung")
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.concern} ← {self.petition_id}"
