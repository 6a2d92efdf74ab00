"""The API's test helpers: a client per persona that authenticates with a real token."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from danvan.api import services
from danvan.petitions.models import Topic


class ApiClient:
    """Django's test client speaking JSON with ``Authorization: Bearer <token>``."""

    def __init__(self, secret: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, path: str, params: dict | None = None, **headers):
        return self.client.get(path, params or {}, headers={**self.headers, **headers})

    def post(self, path: str, body: dict | None = None, **headers):
        return self.client.post(
            path, json.dumps(body or {}), content_type="application/json", headers={**self.headers, **headers}
        )


@pytest.fixture
def api(personas):
    """``api(user)`` → a client holding a fresh token of ``user``."""

    def make(user) -> ApiClient:
        return ApiClient(services.token_create(user=user, name="thử nghiệm").secret)

    return make


@pytest.fixture
def topic(db) -> Topic:
    """A topic under its group, from the seeded taxonomy."""
    return Topic.objects.get(code="giao-thong-nong-thon")


@pytest.fixture
def located(tree):
    """Coordinates for the test communes: A near Cầu Ngang's centre, B some 12 km east."""
    tree.commune_a.latitude, tree.commune_a.longitude = 9.7950, 106.4540
    tree.commune_a.save(update_fields=["latitude", "longitude"])
    tree.commune_b.latitude, tree.commune_b.longitude = 9.8010, 106.5640
    tree.commune_b.save(update_fields=["latitude", "longitude"])
    return tree
