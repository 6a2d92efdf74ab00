import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from danvan.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_it_logs_in_and_out(personas, client):
    response = login(client, "xa.a", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert "Tổng quan" in client.get(reverse("home")).content.decode()
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("units:tree")).status_code == 302


def test_it_explains_a_wrong_password_in_vietnamese(personas, client):
    response = login(client, "xa.a", "sai")
    assert response.status_code == 200
    assert "Vui lòng điền vào" in response.content.decode()


def test_it_locks_out_after_repeated_failed_logins(personas, client):
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT):
        login(client, "xa.a", "sai")
    response = login(client, "xa.a", PASSWORD)
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()


def test_it_hashes_passwords_with_argon2(settings, db):
    from danvan.config import settings as configured

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    user = UserFactory(username="argon", password="Một-mật-khẩu-dài")
    assert user.password.startswith("argon2$")


def test_it_changes_the_password(personas, client):
    client.force_login(personas.officer_a)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Mật-khẩu-mới-2026",
            "new_password2": "Mật-khẩu-mới-2026",
        },
    )
    assert response.status_code == 302
    personas.officer_a.refresh_from_db()
    assert personas.officer_a.check_password("Mật-khẩu-mới-2026")


def test_it_emails_a_password_reset_link(personas, client):
    response = client.post(reverse("accounts:password_reset"), {"email": personas.officer_a.email})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [personas.officer_a.email]
    link = next(line for line in message.body.splitlines() if "/dat-lai-mat-khau/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {
            "new_password1": "Mật-khẩu-mới-2026",
            "new_password2": "Mật-khẩu-mới-2026",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(pk=personas.officer_a.pk).check_password("Mật-khẩu-mới-2026")


def test_it_shows_a_landing_page_to_anonymous_visitors(client, db):
    page = client.get(reverse("home")).content.decode()
    assert "Đăng nhập dành cho cán bộ" in page


def test_it_tells_a_user_without_membership_why_the_dashboard_is_empty(personas):
    response = personas.client(personas.outsider).get(reverse("home"))
    assert response.status_code == 403
    assert "chưa được gán vào đơn vị nào" in response.content.decode()


def test_it_speaks_english_when_asked(personas):
    client = personas.client(personas.officer_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("units:tree")).content.decode()
    assert 'lang="en"' in page
