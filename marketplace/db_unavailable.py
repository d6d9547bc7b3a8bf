"""When the database drops out mid-request: a Vietnamese 503 page with Retry-After, never a traceback.

Two ways in, because Django turns an exception into a response wherever it is raised:
- a view's exception reaches `DatabaseUnavailableMiddleware.process_exception`;
- one raised by another middleware (the session saved on the way out, the basket loaded on the way
  in) is turned into a 500 by Django's handler, which `server_error` (the project's `handler500`)
  answers with the same 503 while the exception is still being handled.
Whatever the request had not committed is rolled back by the database itself; committed orders stay.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)


def unavailable_response() -> HttpResponse:
    # Rendered without the request: context processors (basket, user, CMS settings) read the database.
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _log(request, exception):
    logger.warning("Cơ sở dữ liệu không trả lời khi xử lý %s %s: %s", request.method, request.path, exception)


class DatabaseUnavailableMiddleware:
    """Answers 503 instead of 500 when a view loses its database connection."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            _log(request, exception)
            return unavailable_response()
        return None


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """Django's 500 handler, except that a lost database answers 503: the buyer should come back."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        _log(request, exception)
        return unavailable_response()
    return defaults.server_error(request, template_name)
