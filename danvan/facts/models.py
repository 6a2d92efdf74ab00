"""Pre-aggregates: counts per unit × month × measure × up to three dimensions.

Domain services add to them in the same transaction as the facts they write, so a
report over millions of petitions reads a few thousand rows (DESIGN.md §7). They can
always be rebuilt from the facts (``manage.py rebuild_aggregates``).
"""

from django.db import models

from danvan.units.models import Unit


class MonthlyCount(models.Model):
    measure = models.CharField(max_length=40)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_index=False)
    province_code = models.CharField(max_length=16, blank=True)
    district_code = models.CharField(max_length=16, blank=True)
    commune_code = models.CharField(max_length=16, blank=True)
    yyyymm = models.PositiveIntegerField()
    dim_a = models.CharField(max_length=60, blank=True, default="")
    dim_b = models.CharField(max_length=60, blank=True, default="")
    dim_c = models.CharField(max_length=60, blank=True, default="")
    value = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "unit", "yyyymm", "dim_a", "dim_b", "dim_c"],
                name="monthlycount_unique_cell",
            )
        ]
        indexes = [
            models.Index(fields=["measure", "yyyymm"], name="monthlycount_measure_month"),
            models.Index(fields=["measure", "province_code", "yyyymm"], name="monthlycount_province"),
            models.Index(fields=["unit", "measure"], name="monthlycount_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.unit_id} {self.yyyymm} {self.dim_a},{self.dim_b},{self.dim_c}"


class RollupCount(models.Model):
    """MonthlyCount summed up to the nation and to each province, with the counted unit's level kept.

    A national or provincial report reads these instead of every hamlet's and commune's
    cells: 2 million petitions make ~3.6 million cells a year, but ~0.8 million at these two
    levels. ``root`` is the nation or province whose whole subtree the row covers.
    """

    measure = models.CharField(max_length=40)
    root = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_index=False)
    yyyymm = models.PositiveIntegerField()
    level = models.CharField(max_length=16)
    dim_a = models.CharField(max_length=60, blank=True, default="")
    dim_b = models.CharField(max_length=60, blank=True, default="")
    dim_c = models.CharField(max_length=60, blank=True, default="")
    value = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["root", "measure", "yyyymm", "level", "dim_a", "dim_b", "dim_c"],
                name="rollupcount_unique_cell",
            )
        ]
        indexes = [models.Index(fields=["root", "yyyymm"], name="rollupcount_root_month")]

    def __str__(self) -> str:
        dims = f"{self.dim_a},{self.dim_b},{self.dim_c}"
        return f"{self.measure} {self.root_id} {self.yyyymm} {self.level} {dims}"
