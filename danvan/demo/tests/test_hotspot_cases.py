import datetime

import pytest

from danvan.demo.hotspot_cases import hotspot_cases_plant, planted_cases
from danvan.petitions.models import Topic
from danvan.pulse.hotspot_rules import judge_all
from danvan.units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_it_plants_cases_the_rules_find(tree):
    from danvan.units.choices import Tree

    for n in range(6):
        UnitFactory(code=f"9010{n}", name=f"Xã Thử {n}", parent=tree.province, tree=Tree.SINCE_2025)
    Topic.objects.get_or_create(code="dat-dai", defaults={"name": "Đất đai"})
    as_of = datetime.date(2025, 12, 31)
    written = hotspot_cases_plant(as_of=as_of, seed=1, per_rule=2)
    assert written == {"surge": 2, "repeated": 2, "skipped_level": 2, "crowd": 2}
    cases = planted_cases()
    findings = judge_all(as_of)
    for rule, planted in cases.items():
        found = [f for f in findings if f.rule == rule]
        assert all(any(ids & set(f.records) for f in found) for ids in planted), rule
