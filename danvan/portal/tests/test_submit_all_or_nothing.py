"""A submission that fails half-way through its writes leaves nothing: no petition without its counts."""

import pytest
from django.test import Client

from danvan.facts.models import MonthlyCount, RollupCount
from danvan.petitions import services
from danvan.petitions.models import Petition, PetitionEvent

from .helpers import submission

# Committed for real, so that only the submission's own transaction can undo its first writes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_it_stores_nothing_when_a_write_fails_after_the_petition_row(personas, monkeypatch):
    def unreachable(**_kwargs):
        raise RuntimeError("the aggregates cannot be written")

    monkeypatch.setattr(services, "count_add", unreachable)
    browser = Client(REMOTE_ADDR="203.0.113.7", raise_request_exception=False)
    response = browser.post("/cong-dan/gui-y-kien/", submission(personas))
    assert response.status_code == 500
    assert not Petition.objects.exists() and not PetitionEvent.objects.exists()
    assert not MonthlyCount.objects.exists() and not RollupCount.objects.exists()
