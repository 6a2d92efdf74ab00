"""The inbox counts a large scope once a minute and never twice per page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from danvan.petitions import selectors
from danvan.petitions.tests.factories import receive

pytestmark = pytest.mark.django_db


def counting_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "COUNT(" in q["sql"] and "petitions_petition" in q["sql"]]


def test_it_counts_the_unfiltered_inbox_once_per_page(personas):
    receive(personas)
    client = personas.client(personas.province_board)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("petitions:inbox"))
    assert page.status_code == 200
    assert len(counting_queries(queries)) == 1  # the counters; the paginator reuses their total
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("petitions:inbox"), {"status": "new"})
    assert len(counting_queries(queries)) == 2  # a filtered list has a size of its own


def test_it_reuses_a_large_scopes_counters_for_a_minute(personas, monkeypatch):
    receive(personas)
    monkeypatch.setattr(selectors, "COUNTERS_CACHE_FROM", 1)
    first = selectors.petition_counters_cached(user=personas.province_board)
    receive(personas)
    assert selectors.petition_counters_cached(user=personas.province_board) == first
    assert selectors.petition_counters(user=personas.province_board)["total"] == first["total"] + 1


def test_it_keeps_a_small_scopes_counters_exact(personas):
    receive(personas)
    first = selectors.petition_counters_cached(user=personas.officer_a)
    receive(personas)
    assert selectors.petition_counters_cached(user=personas.officer_a)["total"] == first["total"] + 1


def test_it_counts_only_the_users_scope(personas):
    receive(personas)
    assert selectors.petition_counters_cached(user=personas.officer_a)["total"] == 1
    assert selectors.petition_counters_cached(user=personas.officer_b)["total"] == 0


def test_it_recounts_after_a_minute_while_others_see_the_last_numbers(personas, monkeypatch):
    receive(personas)
    monkeypatch.setattr(selectors, "COUNTERS_CACHE_FROM", 1)
    clock = [1000.0]
    monkeypatch.setattr(selectors.time, "time", lambda: clock[0])
    first = selectors.petition_counters_cached(user=personas.province_board)
    receive(personas)
    clock[0] += selectors.COUNTERS_CACHE_SECONDS + 1
    # Someone else is recounting: the previous numbers are shown meanwhile.
    recount = selectors.counters_key(user=personas.province_board, today=timezone.localdate()) + ":recount"
    selectors.cache.add(recount, True)
    assert selectors.petition_counters_cached(user=personas.province_board) == first
    selectors.cache.delete(recount)
    assert selectors.petition_counters_cached(user=personas.province_board)["total"] == first["total"] + 1


def test_it_lists_the_topic_filter_without_a_query_per_topic(personas, django_assert_max_num_queries):
    client = personas.client(personas.officer_a)
    client.get(reverse("petitions:inbox"))
    # 37 queries before: one per topic option, for its group's name.
    with django_assert_max_num_queries(15):
        assert client.get(reverse("petitions:inbox")).status_code == 200
