"""Schemathesis against the served OpenAPI document: no server error, no response outside its schema.

Every operation is fuzzed in-process through Django's WSGI application with a real
token of the province board, over the shared test tree and a few real records.
"""

import pytest

schemathesis = pytest.importorskip(
    "schemathesis",
    reason="schemathesis is not installed: pip install schemathesis==4.32.5 (requirements-dev.txt)",
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402

from danvan.api import services  # noqa: E402
from danvan.meetings.tests.factories import held  # noqa: E402
from danvan.petitions.tests.factories import receive  # noqa: E402

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
# A bounded run: a few examples per operation keeps the whole module under a minute on 2 cores.
EXAMPLES = 8


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # The WSGI application closes "old" connections after each request, as a server should;
    # inside a test's transaction that would close the test's own connection (PostgreSQL).
    # Django's test client disconnects the same signal for the same reason.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def board_token(personas):
    # Something real for ids 1, 2… to find, in both communes.
    receive(personas)
    receive(personas, unit=personas.tree.commune_b, actor=personas.officer_b, kind="complaint")
    held(personas)
    return services.token_create(user=personas.province_board, name="schemathesis").secret


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_it_conforms_to_its_openapi_document(case, board_token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {board_token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
