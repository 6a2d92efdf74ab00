import shutil
import sqlite3
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command

from danvan.units.choices import Level, Tree
from danvan.units.loading import package_data_dir, units_load
from danvan.units.models import Unit, UnitSuccession

pytestmark = pytest.mark.django_db


def count(tree, level):
    return Unit.objects.filter(tree=tree, level=level).count()


def test_it_loads_both_trees_with_the_published_counts():
    units_load()
    assert count(Tree.NATIONAL, Level.NATION) == 1
    assert count(Tree.BEFORE_2025, Level.PROVINCE) == 63
    assert count(Tree.BEFORE_2025, Level.DISTRICT) == 696
    # 10,040 rows in the source: 10,035 communes and 5 island districts that have none.
    assert count(Tree.BEFORE_2025, Level.COMMUNE) == 10035
    assert count(Tree.SINCE_2025, Level.PROVINCE) == 34
    assert count(Tree.SINCE_2025, Level.COMMUNE) == 3321
    assert not Unit.objects.filter(path="").exists()
    old_hanoi = Unit.objects.get(tree=Tree.BEFORE_2025, level=Level.PROVINCE, code="01")
    assert old_hanoi.valid_to.isoformat() == "2025-06-30"
    new_hanoi = Unit.objects.get(tree=Tree.SINCE_2025, level=Level.PROVINCE, code="01")
    assert new_hanoi.valid_from.isoformat() == "2025-07-01" and new_hanoi.valid_to is None
    assert old_hanoi.path != new_hanoi.path
    assert new_hanoi.latitude and new_hanoi.longitude


def test_it_records_the_2025_successions_with_shares():
    units_load()
    # Every old commune and district passes somewhere.
    for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
        orphans = Unit.objects.filter(tree=Tree.BEFORE_2025, level=level, successions_out__isnull=True)
        assert not orphans.exists(), list(orphans[:5])
    shares = defaultdict(Decimal)
    primaries = defaultdict(int)
    for s in UnitSuccession.objects.all():
        shares[s.predecessor_id] += s.share
        primaries[s.predecessor_id] += s.is_primary
    assert set(shares.values()) == {Decimal(1)}
    assert set(primaries.values()) == {1}
    divided = [pk for pk in shares if UnitSuccession.objects.filter(predecessor_id=pk).count() > 1]
    assert len(divided) == 471
    tra_vinh = Unit.objects.get(tree=Tree.BEFORE_2025, level=Level.PROVINCE, short_name="Trà Vinh")
    assert tra_vinh.successions_out.get().successor.short_name == "Vĩnh Long"
    con_dao = Unit.objects.get(tree=Tree.BEFORE_2025, level=Level.DISTRICT, short_name="Côn Đảo")
    assert con_dao.successions_out.get().successor.kind_name == "Đặc khu"


def test_it_changes_nothing_on_a_second_run(capsys):
    call_command("load_units")
    before = list(Unit.objects.order_by("pk").values_list("pk", "updated_at", "path"))
    summary = units_load()
    assert not summary.changed
    assert summary.successions_unchanged == UnitSuccession.objects.count()
    assert list(Unit.objects.order_by("pk").values_list("pk", "updated_at", "path")) == before
    call_command("load_units")
    assert "không có thay đổi" in capsys.readouterr().out


def test_it_changes_only_what_a_newer_package_changed(tmp_path):
    units_load()
    data_dir = tmp_path / "data"
    shutil.copytree(package_data_dir(), data_dir)
    with sqlite3.connect(data_dir / "dataset.db") as source:
        source.execute("UPDATE admin_units SET ward = 'Phường Hồng Hà Mới' WHERE wardCode = '00097'")
    untouched = Unit.objects.get(tree=Tree.SINCE_2025, level=Level.COMMUNE, code="00004")
    summary = units_load(data_dir=data_dir)
    assert sum(summary.updated.values()) == 1
    assert sum(summary.created.values()) == 0
    renamed = Unit.objects.get(tree=Tree.SINCE_2025, level=Level.COMMUNE, code="00097")
    assert renamed.name == "Phường Hồng Hà Mới"
    assert "phuong hong ha moi" in renamed.search_key
    assert Unit.objects.get(pk=untouched.pk).updated_at == untouched.updated_at
