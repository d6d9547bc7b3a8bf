"""The public API, fuzzed from its own OpenAPI schema: whatever a client sends, never a 500."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

pytest_plugins = ["tests.search_catalogue"]

# Loaded through the WSGI app itself, so the schema fuzzed is the one the API serves. (Schemathesis's
# lazy fixture loader does not work with pytest 9 yet; fetching the schema touches no database.)
schema = schemathesis.openapi.from_wsgi("/api/v1/schema", get_wsgi_application())


@pytest.fixture(autouse=True)
def _catalogue(search_catalogue):
    """A real catalogue behind the API, so generated ids and filters reach the code that reads data."""


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # Requests go through the real WSGI handler, which closes the database connection after each one;
    # the test's transaction lives on that connection, so keep it open as Django's test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=60, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_request_makes_the_api_fail(case):
    case.call_and_validate(checks=[not_a_server_error])
