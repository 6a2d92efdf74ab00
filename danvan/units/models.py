"""The administrative tree, versioned in time, and the organisations that belong to its units."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import LEVEL_DEPTH, Level, OrganisationKind, Tree
from .fields import PathField


class Unit(models.Model):
    """One administrative unit during the time it existed.

    ``path`` is the materialised path of ids (``/1/64/980/``): ids are unique
    across the old and new trees, whereas codes are reused after the 2025 reform.
    """

    tree = models.CharField(_("cây đơn vị"), max_length=16, choices=Tree.choices)
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices)
    code = models.CharField(_("mã"), max_length=32)
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên ngắn"), max_length=200, blank=True)
    kind_name = models.CharField(_("loại"), max_length=40, blank=True, help_text=_("Tỉnh, Huyện, Xã, Thôn…"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = PathField(_("đường dẫn"), max_length=255, db_index=True, editable=False)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)
    area_km2 = models.FloatField(_("diện tích (km²)"), null=True, blank=True)
    search_key = models.CharField(max_length=400, db_index=True, editable=False)
    source_key = models.CharField(
        max_length=200,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Khóa của đơn vị trong nguồn dữ liệu đã nạp."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["tree", "level", "code"], name="unit_unique_code_in_tree"),
            models.UniqueConstraint(
                fields=["parent", "name"],
                condition=Q(level="hamlet", valid_to__isnull=True),
                name="unit_unique_open_hamlet_name",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
            ),
        ]
        indexes = [
            models.Index(fields=["level", "valid_from", "valid_to"], name="unit_level_validity"),
            # The API and imports look a unit up by its official code alone (unit_by_code): without
            # this, every API intake scanned the (tree, level, code) index, ~7 ms.
            models.Index(fields=["code"], name="unit_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return LEVEL_DEPTH[self.level]

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to the parent, read off the path."""
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def is_historic(self) -> bool:
        return self.valid_to is not None and self.valid_to < datetime.date.today()

    def contains(self, other: Unit) -> bool:
        return other.path.startswith(self.path)


class UnitSuccession(models.Model):
    """An old unit's territory passing, wholly or in part, to a new unit."""

    predecessor = models.ForeignKey(
        Unit, verbose_name=_("đơn vị cũ"), on_delete=models.CASCADE, related_name="successions_out"
    )
    successor = models.ForeignKey(
        Unit, verbose_name=_("đơn vị mới"), on_delete=models.CASCADE, related_name="successions_in"
    )
    share = models.DecimalField(
        _("tỷ lệ"),
        max_digits=7,
        decimal_places=6,
        default=1,
        help_text=_("Phần của đơn vị cũ chuyển sang đơn vị mới (1 = toàn bộ)."),
    )
    is_primary = models.BooleanField(
        _("đơn vị kế thừa chính"),
        default=True,
        help_text=_("Đơn vị mới nhận hồ sơ lịch sử khi không chia theo tỷ lệ."),
    )
    effective_date = models.DateField(_("ngày hiệu lực"))

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=1), name="succession_share_in_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Organisation(models.Model):
    """A party committee, people's committee, Front, mass organisation or agency of a unit."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="organisations"
    )
    kind = models.CharField(_("loại tổ chức"), max_length=32, choices=OrganisationKind.choices)
    name = models.CharField(_("tên"), max_length=255)
    search_key = models.CharField(max_length=400, db_index=True, editable=False)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")
        ordering = ["unit__path", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="organisation_unique_name_in_unit")
        ]

    def __str__(self) -> str:
        return self.name
