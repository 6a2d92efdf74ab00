import datetime
from decimal import Decimal

import pytest

from danvan.conftest import BEFORE
from danvan.reports.scope import report_scope
from danvan.units.choices import Level, Tree
from danvan.units.tests.factories import SuccessionFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_it_covers_a_new_communes_predecessors_with_their_shares(tree):
    scope = report_scope(unit=tree.commune_a)
    assert scope.parts == [
        (tree.commune_a.path, 1),
        (tree.old_commune_1.path, 1),
        (tree.old_commune_2.path, Decimal("0.5")),
    ]
    assert scope.includes_predecessors


def test_it_covers_a_merged_province_without_counting_twice(tree):
    scope = report_scope(unit=tree.province)
    assert scope.parts == [(tree.province.path, 1), (tree.old_province.path, 1)]


def test_it_keeps_a_historic_district_to_its_own_records(tree):
    scope = report_scope(unit=tree.old_district)
    assert scope.parts == [(tree.old_district.path, 1)] and not scope.includes_predecessors


def test_it_reads_the_successions_of_a_national_scope_in_one_query(tree, django_assert_max_num_queries):
    # Every old unit lies under the nation's path: reading the successions into each of them
    # again (one query per old unit, 10,800 for the real tree) made the national report take 7 s.
    with django_assert_max_num_queries(2):
        scope = report_scope(unit=tree.nation)
    assert scope.parts == [(tree.nation.path, 1)] and not scope.includes_predecessors


def test_it_reads_a_provinces_predecessors_once_each_subtree(tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        report_scope(unit=tree.province)


def test_it_reads_a_communes_predecessors_without_a_query_each(tree, django_assert_num_queries):
    # The old communes have no children and no predecessors: nothing more passed into them.
    with django_assert_num_queries(2):
        report_scope(unit=tree.commune_a)


def test_it_follows_a_predecessors_own_predecessors(tree):
    # A commune merged into old commune 1 in 2019; a hamlet of old commune 2 that absorbed a hamlet
    # of a neighbouring commune the same year.
    def old(name, parent, level=Level.COMMUNE, until=BEFORE):
        return UnitFactory(
            tree=Tree.BEFORE_2025,
            level=level,
            name=name,
            parent=parent,
            valid_from=datetime.date(2000, 1, 1),
            valid_to=until,
        )

    merged = datetime.date(2019, 1, 1)
    older = old("Xã Xưa", tree.old_district, until=merged - datetime.timedelta(days=1))
    SuccessionFactory(predecessor=older, successor=tree.old_commune_1, effective_date=merged)
    hamlet = old("Ấp Một", tree.old_commune_2, level=Level.HAMLET)
    neighbour = old("Xã Bên", tree.old_district)
    older_hamlet = old("Ấp Xưa", neighbour, level=Level.HAMLET, until=merged - datetime.timedelta(days=1))
    SuccessionFactory(predecessor=older_hamlet, successor=hamlet, effective_date=merged)
    paths = {path for path, _share in report_scope(unit=tree.commune_a).parts}
    assert paths == {
        tree.commune_a.path,
        tree.old_commune_1.path,
        older.path,
        tree.old_commune_2.path,
        older_hamlet.path,
    }
