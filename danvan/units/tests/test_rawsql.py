"""The hand-written path lookup matches the ORM's ``__under``; raw decimals match the ORM's."""

from decimal import Decimal

import pytest
from django.db import connection

from danvan.rawsql import db_decimal, under_sql
from danvan.units.choices import Level
from danvan.units.models import Unit, UnitSuccession
from danvan.units.tests.factories import SuccessionFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _raw_ids(paths) -> set[int]:
    condition, params = under_sql("path", paths, connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {Unit._meta.db_table} WHERE {condition}", params)
        return {row[0] for row in cursor.fetchall()}


def test_it_matches_the_orm_lookup_for_one_path_and_several():
    province = UnitFactory(level=Level.PROVINCE)
    commune = UnitFactory(parent=province)
    hamlet = UnitFactory(parent=commune, level=Level.HAMLET)
    # "/1/2/" must not take "/1/23/": the trailing slash ends the prefix.
    other = UnitFactory(level=Level.PROVINCE)
    for paths in ([commune.path], [province.path], [hamlet.path, other.path], []):
        orm = set()
        for path in paths:
            orm |= set(Unit.objects.filter(path__under=path).values_list("pk", flat=True))
        assert _raw_ids(paths) == orm
    assert _raw_ids([commune.path]) == {commune.pk, hamlet.pk}


def test_it_refuses_anything_but_a_path():
    with pytest.raises(ValueError):
        under_sql("path", ["/1/2/%"], connection.vendor)
    with pytest.raises(ValueError):
        under_sql("path", ["/1/' OR 1=1 --"], connection.vendor)


def test_it_reads_decimals_as_the_orm_does():
    old, new = UnitFactory(), UnitFactory()
    SuccessionFactory(predecessor=old, successor=new, share=Decimal("0.333333"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT share FROM {UnitSuccession._meta.db_table}")
        (raw,) = cursor.fetchone()
    orm = UnitSuccession.objects.get().share
    assert db_decimal(raw, 6) == orm == Decimal("0.333333")
    assert str(db_decimal(0.1 + 0.2, 4)) == "0.3000"
