import pytest
from django.core import mail
from django.urls import reverse

from danvan.accounts.models import Membership

pytestmark = pytest.mark.django_db
URL = "accounts:members"


def test_it_lists_only_memberships_in_the_admins_subtree(personas):
    page = personas.client(personas.admin_a).get(reverse(URL)).content.decode()
    assert "xa.a" in page and "admin.a" in page
    assert "xa.b" not in page and "tinh.board" not in page


@pytest.mark.parametrize("persona", ["officer_a", "officer_b", "province_board", "outsider"])
def test_it_refuses_those_who_do_not_administer_a_unit(personas, persona):
    response = personas.client(getattr(personas, persona)).get(reverse(URL))
    assert response.status_code == 403


def test_it_creates_an_account_and_emails_a_link_to_set_the_password(
    personas, django_capture_on_commit_callbacks
):
    client = personas.client(personas.admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(URL),
            {
                "new-username": "thon.dong",
                "new-full_name": "Nguyễn Văn An",
                "new-email": "an@example.invalid",
                "new-unit": "90001",
                "new-role": "officer",
            },
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="thon.dong")
    assert membership.unit == personas.tree.commune_a and membership.created_by == personas.admin_a
    assert not membership.user.has_usable_password()
    [message] = mail.outbox
    assert "/dat-lai-mat-khau/" in message.body and "thon.dong" in message.body


def test_it_refuses_to_grant_a_role_outside_the_admins_subtree(personas):
    client = personas.client(personas.admin_a)
    response = client.post(
        reverse(URL),
        {
            "grant-username": "outsider",
            "grant-unit": "90002",
            "grant-role": "officer",
        },
    )
    assert response.status_code == 400
    assert "Bạn không có quyền" in response.content.decode()
    assert not Membership.objects.filter(user=personas.outsider).exists()


def test_it_explains_an_unknown_unit_code(personas):
    response = personas.client(personas.admin_a).post(
        reverse(URL),
        {
            "grant-username": "outsider",
            "grant-unit": "12345",
            "grant-role": "officer",
        },
    )
    assert response.status_code == 400
    assert "Không tìm thấy đơn vị có mã “12345”." in response.content.decode()
    assert not Membership.objects.filter(user=personas.outsider).exists()


def test_it_explains_an_unknown_user_and_a_taken_username(personas):
    client = personas.client(personas.admin_a)
    response = client.post(
        reverse(URL), {"grant-username": "nobody", "grant-unit": "90001", "grant-role": "officer"}
    )
    assert "Không có tài khoản “nobody”." in response.content.decode()
    response = client.post(
        reverse(URL),
        {
            "new-username": "XA.A",
            "new-full_name": "Trùng",
            "new-unit": "90001",
            "new-role": "officer",
        },
    )
    assert "Tên đăng nhập “XA.A” đã được dùng." in response.content.decode()


def test_it_requires_an_organisation_for_a_handler(personas):
    response = personas.client(personas.admin_a).post(
        reverse(URL),
        {
            "grant-username": "outsider",
            "grant-unit": "90001",
            "grant-role": "handler",
        },
    )
    assert "Cán bộ xử lý cần được gán cho một tổ chức." in response.content.decode()


def test_it_grants_and_revokes_a_role(personas):
    client = personas.client(personas.admin_a)
    response = client.post(
        reverse(URL), {"grant-username": "outsider", "grant-unit": "90001", "grant-role": "reader"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=personas.outsider, is_active=True)
    response = client.post(reverse("accounts:membership_revoke", args=[membership.pk]))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active


def test_it_refuses_to_revoke_a_membership_outside_the_subtree(personas):
    other = Membership.objects.get(user=personas.officer_b)
    response = personas.client(personas.admin_a).post(reverse("accounts:membership_revoke", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.is_active


def test_it_refuses_to_let_an_admin_revoke_their_own_admin_role(personas):
    own = Membership.objects.get(user=personas.admin_a)
    personas.client(personas.admin_a).post(reverse("accounts:membership_revoke", args=[own.pk]))
    own.refresh_from_db()
    assert own.is_active
