"""Intake through the API answers with what it has just written: no read-back, a pinned number of queries."""

import pytest

from .test_api_petitions import NEW

pytestmark = pytest.mark.django_db


def test_it_answers_the_creation_as_a_later_read_shows_it(personas, api):
    client = api(personas.officer_a)
    for extra in ({}, {"received_at": "2026-03-02T08:00:00+07:00", "kind": "petition", "topic": None}):
        created = client.post("/api/v1/petitions", {**NEW, **extra}).json()
        assert created.pop("pin")
        assert created == client.get(f"/api/v1/petitions/{created['id']}").json()


def test_it_records_a_petition_in_eleven_queries(personas, api, django_assert_num_queries):
    client = api(personas.officer_a)
    untopical = {**NEW, "topic": None}  # as a switchboard sends them: the topic is left to the officers
    assert client.post("/api/v1/petitions", untopical).status_code == 201  # the token's "last used", caches
    with django_assert_num_queries(11) as context:
        response = client.post("/api/v1/petitions", {**untopical, "title": "Cầu tạm ấp 2 bị gãy"})
    assert response.status_code == 201
    # The token; the unit; the caller's memberships (the unit lies in their own subtree, so the units
    # they succeeded are not read); the unit's ancestors' codes; then the petition, its event, its
    # cell and roll-ups, its similar-opinion keys. Nothing read back.
    statements = [query["sql"].split()[0].upper() for query in context.captured_queries]
    assert statements == ["SELECT", "SAVEPOINT", *["SELECT"] * 3, *["INSERT"] * 5, "RELEASE"]
