import pytest

from danvan.accounts import scoping
from danvan.accounts.models import Membership
from danvan.accounts.roles import Capability
from danvan.accounts.tests.factories import MembershipFactory, UserFactory
from danvan.units.models import Unit
from danvan.units.services import hamlets_create

pytestmark = pytest.mark.django_db


def visible(user):
    return set(scoping.scope_to_units(Unit.objects.all(), user, path_field="path"))


def test_it_lets_an_officer_see_their_commune_and_its_predecessors_only(personas):
    t = personas.tree
    [hamlet] = hamlets_create(commune=t.commune_a, text="Thôn Đông")
    assert visible(personas.officer_a) == {t.commune_a, hamlet, t.old_commune_1, t.old_commune_2}
    assert visible(personas.officer_b) == {t.commune_b, t.old_commune_2}


def test_it_lets_a_province_member_see_the_province_and_its_old_tree(personas):
    t = personas.tree
    assert visible(personas.province_board) == {
        t.province,
        t.commune_a,
        t.commune_b,
        t.old_province,
        t.old_district,
        t.old_commune_1,
        t.old_commune_2,
    }


def test_it_shows_nothing_to_an_outsider_or_anonymous(personas):
    from django.contrib.auth.models import AnonymousUser

    assert visible(personas.outsider) == set()
    assert visible(AnonymousUser()) == set()
    assert not scoping.is_member(personas.outsider)


def test_it_shows_everything_to_a_superuser(personas):
    root = UserFactory(username="root", is_superuser=True)
    assert visible(root) == set(Unit.objects.all())


def test_it_checks_capabilities_per_role(personas):
    t = personas.tree
    assert scoping.can(personas.officer_a, Capability.RECORD, t.commune_a)
    assert not scoping.can(personas.officer_a, Capability.RECORD, t.commune_b)
    assert not scoping.can(personas.officer_a, Capability.MANAGE_MEMBERS, t.commune_a)
    assert scoping.can(personas.admin_a, Capability.MANAGE_MEMBERS, t.commune_a)
    assert not scoping.can(personas.admin_a, Capability.MANAGE_MEMBERS, t.province)
    reader = UserFactory(username="reader")
    MembershipFactory(user=reader, unit=t.province, role="reader")
    assert scoping.can(reader, Capability.VIEW, t.commune_b)
    assert not scoping.can(reader, Capability.RECORD, t.commune_b)


def test_it_ignores_revoked_memberships(personas):
    Membership.objects.filter(user=personas.officer_a).update(is_active=False)
    scoping.forget(personas.officer_a)
    assert visible(personas.officer_a) == set()


def test_it_refuses_with_a_vietnamese_message(personas):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied) as error:
        scoping.require(personas.officer_b, Capability.RECORD, personas.tree.commune_a)
    assert str(error.value) == "Bạn không có quyền “Ghi nhận hồ sơ” tại Xã An Bình."


def test_it_keeps_the_scope_query_short_when_memberships_nest(personas):
    t = personas.tree
    MembershipFactory(user=personas.province_board, unit=t.commune_a, role="board")
    scoping.forget(personas.province_board)
    scope = scoping.scope_for(personas.province_board)
    assert t.province.path in scope.paths and t.commune_a.path not in scope.paths
