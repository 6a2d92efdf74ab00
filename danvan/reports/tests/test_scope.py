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
