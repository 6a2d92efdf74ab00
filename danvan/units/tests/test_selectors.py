import datetime

import pytest

from danvan.units import selectors
from danvan.units.services import hamlets_create

pytestmark = pytest.mark.django_db


def test_it_finds_units_valid_on_a_date(tree):
    before = selectors.units_valid_on(day=datetime.date(2024, 1, 1), level="province")
    after = selectors.units_valid_on(day=datetime.date(2025, 7, 1), level="province")
    assert list(before) == [tree.old_province]
    assert list(after) == [tree.province]
    assert tree.old_province.is_valid_on(datetime.date(2025, 6, 30))
    assert not tree.old_province.is_valid_on(datetime.date(2025, 7, 1))


def test_it_returns_a_subtree_with_one_prefix_query(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = {u.name for u in selectors.unit_subtree(unit=tree.old_district)}
    assert names == {"Huyện Cầu Ngang", "Thị trấn Cầu Ngang", "Xã Cũ Hai"}
    assert tree.commune_a not in selectors.unit_subtree(unit=tree.old_district)
    assert tree.old_district not in selectors.unit_subtree(unit=tree.old_district, include_self=False)


def test_it_lists_ancestors_from_the_root(tree):
    assert selectors.unit_ancestors(unit=tree.old_commune_1) == [
        tree.nation,
        tree.old_province,
        tree.old_district,
    ]


def test_it_lists_predecessors_and_successors(tree):
    assert {s.predecessor for s in selectors.unit_predecessors(unit=tree.commune_a)} == {
        tree.old_commune_1,
        tree.old_commune_2,
    }
    successors = list(selectors.unit_successors(unit=tree.old_commune_2))
    assert [s.successor for s in successors] == [tree.commune_a, tree.commune_b]
    assert successors[0].is_primary


def test_it_rolls_a_historic_record_up_into_the_current_unit(tree):
    assert selectors.unit_current(unit=tree.old_commune_1) == tree.commune_a
    assert selectors.unit_current(unit=tree.old_commune_2) == tree.commune_a
    assert selectors.unit_current(unit=tree.old_district) == tree.province
    assert selectors.unit_current(unit=tree.commune_b) == tree.commune_b
    # On a day before the reform the old unit is still the current one.
    assert (
        selectors.unit_current(unit=tree.old_commune_1, day=datetime.date(2024, 5, 1)) == tree.old_commune_1
    )


def test_it_rolls_a_hamlet_of_a_dissolved_commune_up_with_its_commune(tree):
    [hamlet] = hamlets_create(
        commune=tree.old_commune_1, text="Ấp Mỹ Cẩm", valid_from=datetime.date(2024, 1, 1)
    )
    hamlet.valid_to = datetime.date(2025, 6, 30)
    hamlet.save(update_fields=["valid_to"])
    assert selectors.unit_current(unit=hamlet) == tree.commune_a


def test_it_searches_without_diacritics_or_case(tree):
    for query in ("cau ngang", "CẦU NGANG", "Cầu   ngang", "huyen cau"):
        names = [u.name for u in selectors.unit_search(query=query)]
        assert "Huyện Cầu Ngang" in names, query
    assert [u.name for u in selectors.unit_search(query="90002")] == ["Xã Bình Yên"]
    assert list(selectors.unit_search(query="   ")) == []
    assert list(selectors.unit_search(query="không có đơn vị này")) == []


def test_it_lists_current_units_before_historic_ones(tree):
    results = list(selectors.unit_search(query="90001"))
    assert results == [tree.commune_a, tree.old_commune_1]


def test_it_finds_a_unit_by_code_preferring_the_valid_one(tree):
    assert selectors.unit_by_code(code="90001", day=datetime.date(2026, 1, 1)) == tree.commune_a
    assert selectors.unit_by_code(code="90001", day=datetime.date(2024, 1, 1)) == tree.old_commune_1
    assert selectors.unit_by_code(code="00000") is None
