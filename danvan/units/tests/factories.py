import datetime

import factory

from danvan.textproc.folding import fold
from danvan.units.choices import Level, Tree
from danvan.units.models import Organisation, Unit, UnitSuccession


class UnitFactory(factory.django.DjangoModelFactory):
    """A unit with its path set from its parent, as the loader and services do."""

    class Meta:
        model = Unit

    tree = Tree.SINCE_2025
    level = Level.COMMUNE
    code = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    short_name = factory.LazyAttribute(lambda u: u.name.split(" ", 1)[-1])
    kind_name = "Xã"
    parent = None
    valid_from = datetime.date(2025, 7, 1)
    valid_to = None
    path = ""
    search_key = factory.LazyAttribute(lambda u: f"{fold(u.name)} {u.code}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        unit = super()._create(model_class, *args, **kwargs)
        parent_path = unit.parent.path if unit.parent else "/"
        unit.path = f"{parent_path}{unit.pk}/"
        unit.save(update_fields=["path"])
        return unit


class SuccessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitSuccession

    share = 1
    is_primary = True
    effective_date = datetime.date(2025, 7, 1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = "peoples_committee"
    name = factory.Sequence(lambda n: f"Ủy ban nhân dân {n}")
    search_key = factory.LazyAttribute(lambda o: fold(o.name))
