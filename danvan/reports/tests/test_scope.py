from decimal import Decimal

import pytest

from danvan.reports.scope import report_scope

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
