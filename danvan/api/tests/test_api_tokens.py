"""Personal API tokens: kept as a hash only, shown once, revoked by their owner, noted when used."""

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.api import services
from danvan.api.models import ApiToken

from .conftest import ApiClient


def test_it_stores_only_a_hash_and_authenticates_the_secret(personas):
    issued = services.token_create(user=personas.officer_a, name="Cổng góp ý")
    stored = ApiToken.objects.get(pk=issued.token.pk)
    assert issued.secret.startswith("dv_") and len(issued.secret) > 40
    assert issued.secret not in {stored.token_hash, stored.prefix, stored.name}
    assert stored.token_hash == services.hash_token(issued.secret)
    assert issued.secret.startswith(stored.prefix)
    assert services.token_authenticate(issued.secret) == personas.officer_a
    assert services.token_authenticate(issued.secret + "x") is None
    assert services.token_authenticate("") is None


def test_it_notes_the_last_use_at_most_once_a_minute(personas):
    issued = services.token_create(user=personas.officer_a, name="Ứng dụng")
    assert issued.token.last_used_at is None
    ApiClient(issued.secret).get("/api/v1/me")
    first = ApiToken.objects.get(pk=issued.token.pk).last_used_at
    assert first is not None
    ApiClient(issued.secret).get("/api/v1/me")
    assert ApiToken.objects.get(pk=issued.token.pk).last_used_at == first


def test_it_refuses_a_revoked_token_and_a_deactivated_user(personas):
    issued = services.token_create(user=personas.officer_a, name="Ứng dụng")
    client = ApiClient(issued.secret)
    assert client.get("/api/v1/me").status_code == 200
    services.token_revoke(actor=personas.officer_a, token=issued.token)
    assert client.get("/api/v1/me").status_code == 401

    other = services.token_create(user=personas.officer_b, name="Ứng dụng")
    personas.officer_b.is_active = False
    personas.officer_b.save(update_fields=["is_active"])
    assert ApiClient(other.secret).get("/api/v1/me").status_code == 401


def test_it_lets_only_the_owner_revoke(personas):
    from django.core.exceptions import PermissionDenied

    issued = services.token_create(user=personas.officer_a, name="Ứng dụng")
    with pytest.raises(PermissionDenied):
        services.token_revoke(actor=personas.officer_b, token=issued.token)
    assert ApiToken.objects.get(pk=issued.token.pk).revoked_at is None


def test_it_shows_a_new_token_once_on_the_page(personas):
    client = personas.client(personas.officer_a)
    page = client.get(reverse("api:tokens"))
    assert page.status_code == 200
    assert "Bạn chưa có mã truy cập nào." in page.content.decode()

    created = client.post(reverse("api:tokens"), {"name": "Cổng góp ý của tỉnh"})
    assert created.status_code == 201
    secret = created.context["issued"].secret
    html = created.content.decode()
    assert secret in html and "chỉ hiện một lần" in html
    assert ApiClient(secret).get("/api/v1/me").json()["username"] == "xa.a"

    again = client.get(reverse("api:tokens")).content.decode()
    assert secret not in again
    assert "Cổng góp ý của tỉnh" in again and secret[:9] in again


def test_it_refuses_a_token_without_a_name(personas):
    response = personas.client(personas.officer_a).post(reverse("api:tokens"), {"name": "  "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_it_revokes_from_the_page_and_only_ones_own(personas):
    issued = services.token_create(user=personas.officer_a, name="Ứng dụng")
    url = reverse("api:token_revoke", args=[issued.token.pk])
    assert personas.client(personas.officer_b).post(url).status_code == 404
    assert ApiToken.objects.get(pk=issued.token.pk).revoked_at is None

    response = personas.client(personas.officer_a).post(url)
    assert response.status_code == 302
    revoked = ApiToken.objects.get(pk=issued.token.pk).revoked_at
    assert revoked is not None and revoked <= timezone.now()
    assert ApiClient(issued.secret).get("/api/v1/me").status_code == 401


def test_it_keeps_the_pages_for_members(personas):
    assert personas.client().get(reverse("api:tokens")).status_code == 302
    assert personas.client(personas.outsider).get(reverse("api:tokens")).status_code == 403
