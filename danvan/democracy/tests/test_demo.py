import pytest

from danvan.accounts.tests.factories import UserFactory
from danvan.democracy import selectors
from danvan.democracy.demo import demo_democracy
from danvan.democracy.models import Consultation, Decision, Posting, SupervisionBoard
from danvan.units.choices import Level
from danvan.units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_demo_writes_a_year_on_two_communes_once(tree):
    for province_name, commune_name, code in (
        ("Vĩnh Long", "Cầu Ngang", "29416"),
        ("Phú Thọ", "Tân Lạc", "05128"),
    ):
        province = UnitFactory(
            level=Level.PROVINCE, name=f"Tỉnh {province_name}", short_name=province_name, parent=tree.nation
        )
        UnitFactory(name=f"Xã {commune_name}", short_name=commune_name, code=code, parent=province)
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    communes = demo_democracy(actor=admin)
    assert [c.short_name for c in communes] == ["Cầu Ngang", "Tân Lạc"]
    for commune in communes:
        assert Posting.objects.filter(unit=commune, posted_on__isnull=False).count() >= 12
        assert selectors.board_public(unit=commune).exists()
        assert Posting.objects.filter(unit=commune, on_time=False).exists()
    assert Consultation.objects.filter(concluded_on__isnull=False).count() == 2
    assert Decision.objects.filter(matter__code="huong-uoc", passed=True).count() == 2
    assert SupervisionBoard.objects.count() == 2
    dues = selectors.dues(user=admin, units=communes)
    assert any(d.posting is not None for d in dues) and any(d.period_key for d in dues)
    before = Posting.objects.count()
    demo_democracy(actor=admin)
    assert Posting.objects.count() == before
