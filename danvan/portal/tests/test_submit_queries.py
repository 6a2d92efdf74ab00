"""What a citizen's submission costs the database once the caches are warm, pinned so a regression fails."""

import pytest
from django.test import Client

from .helpers import submission

pytestmark = pytest.mark.django_db
URL = "/cong-dan/gui-y-kien/"


def statements(context) -> list[str]:
    return [query["sql"].split()[0].upper() for query in context.captured_queries]


def test_it_serves_the_blank_form_without_a_query(personas, django_assert_num_queries):
    browser = Client(REMOTE_ADDR="203.0.113.7")
    browser.get(URL)  # the first visitor fills the cached fields and topics
    with django_assert_num_queries(0):
        assert browser.get(URL).status_code == 200


def test_it_takes_a_submission_in_two_reads_and_five_inserts(personas, django_assert_num_queries):
    browser = Client(REMOTE_ADDR="203.0.113.7")
    assert browser.post(URL, submission(personas)).status_code == 302  # warms the cached legal limits
    with django_assert_num_queries(9) as context:
        response = browser.post(URL, submission(personas, title="Cống thoát nước bị tắc"))
    assert response.status_code == 302
    # The province and the commune chosen; then the petition, its receipt event, its cell and the
    # cell's two roll-ups, and its similar-opinion keys (one statement), in one transaction (a
    # savepoint here, inside the test's own). No session.
    assert statements(context) == [
        "SELECT",
        "SELECT",
        "SAVEPOINT",
        "INSERT",
        "INSERT",
        "INSERT",
        "INSERT",
        "INSERT",
        "RELEASE",
    ]
    assert not any("django_session" in query["sql"] for query in context.captured_queries)
