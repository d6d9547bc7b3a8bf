"""CSRF on every state change: every URL the resolver knows, POSTed without a token by a signed-in
administrator (who may reach every page), is refused by Django's CSRF check.

The URLs are found by walking the URL resolver, so a view added later is covered without touching
this file; a URL this file cannot build fails `test_every_url_is_built` instead of being skipped.
The few views exempt from CSRF are listed in EXEMPT, each with the reason it is safe.
"""

import itertools
import re
from dataclasses import dataclass

import pytest
from django.http import HttpResponseForbidden
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

pytestmark = pytest.mark.django_db

REFUSED = "refused by the CSRF check"
# Wagtail's admin API is Django REST framework: its views are csrf_exempt for Django's middleware
# but its session authentication runs the same CSRF check itself, and answers 403 with this.
DRF_REFUSED = "CSRF Failed"


def csrf_refused(request, reason=""):
    """Stands in for Django's CSRF failure page, so a 403 is known to come from the CSRF check
    and not from a permission check."""
    return HttpResponseForbidden(REFUSED)


# Views that accept a POST without a CSRF token, and why that is safe.
EXEMPT = {
    # Called by the bank's notification service, not a browser: authenticated by the API key in
    # the Authorization header (marketplace.payments.views._authorised), which a forged cross-site
    # form cannot set.
    "payments:bank-transfer-webhook",
    # Called by Stripe: authenticated by the Stripe-Signature HMAC of the body.
    "payments:stripe-webhook",
    # Browsers post Content-Security-Policy reports without cookies or a token; the view changes
    # nothing, it writes one log line (rate-limited per address).
    "csp-report",
}
# django-ninja's public API (catalog.api) is exempt as a whole, being read-only: it has GET
# operations only, so a POST is answered 405 and changes nothing (checked below).
API_NAMESPACE = "api-v1"

# Arguments tried for each URL parameter until reverse() accepts them (reverse() checks each value
# against the pattern, so the URL built is one the resolver really sends to that view).
CANDIDATES = ("1", "x", "x/", "00000000-0000-0000-0000-000000000001", "csv", "auth", "default_for_shipping")


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str  # the whole pattern text, from the root
    arguments: tuple[str, ...]  # named parameters
    positional: int  # unnamed regex groups (Wagtail's page and document serving)


def _arguments(pattern) -> tuple[list[str], int]:
    regex = getattr(pattern, "regex", None)
    names = list(getattr(pattern, "converters", {})) or list(regex.groupindex if regex else [])
    positional = regex.groups - len(regex.groupindex) if regex is not None and not names else 0
    return names, positional


def _walk(patterns, namespace="", prefix="", arguments=(), positional=0):
    for entry in patterns:
        names, unnamed = _arguments(entry.pattern)
        here, count = arguments + tuple(names), positional + unnamed
        text = prefix + str(entry.pattern).lstrip("^")
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}".strip(":") if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, text, here, count)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}".strip(":") if entry.name else ""
            yield Route(name, text, here, count), entry


def routes():
    found = {}
    for route, entry in _walk(get_resolver().url_patterns):
        found.setdefault(route, entry)
    return found


def _from_text(route: Route, entry) -> str | None:
    """An unnamed URL: its pattern text with "1" for each parameter, if that resolves to its view."""
    url = "/" + re.sub(r"<(?:\w+:)?\w+>|\(\?P<\w+>[^)]*\)", "1", route.pattern).replace("$", "")
    try:
        return url if resolve(url).func == entry.callback else None
    except Resolver404:
        return None


def build(route: Route, entry) -> str | None:
    if not route.name:
        return _from_text(route, entry)
    count = len(route.arguments) + route.positional
    for values in itertools.product(CANDIDATES, repeat=count):
        try:
            if route.positional:
                return reverse(route.name, args=values)
            return reverse(route.name, kwargs=dict(zip(route.arguments, values, strict=True)))
        except NoReverseMatch:
            continue
    return None


ROUTES = routes()


def test_every_url_is_built():
    assert len(ROUTES) > 300, "the resolver walk found too few URLs"
    unbuilt = sorted(route.name or route.pattern for route, entry in ROUTES.items() if build(route, entry) is None)
    assert unbuilt == []


def test_every_post_without_a_token_is_refused(admin_user, settings):
    settings.CSRF_FAILURE_VIEW = "tests.test_csrf_everywhere.csrf_refused"
    settings.BANK_TRANSFER_WEBHOOK_API_KEY = "sepay-test-key"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_csrf_test"
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    accepted = {}
    for route, entry in ROUTES.items():
        response = client.post(build(route, entry), {"title": "giả mạo"})
        content = response.content.decode(errors="replace")
        if content != REFUSED and not (response.status_code == 403 and DRF_REFUSED in content):
            accepted[route.name or route.pattern] = response.status_code
    api = {name: status for name, status in accepted.items() if name.startswith(f"{API_NAMESPACE}:")}
    others = {name: status for name, status in accepted.items() if name not in api}
    # The exempt views take the POST (and refuse the forged one for want of a key, a signature or
    # a report's JSON).
    assert others == {"payments:bank-transfer-webhook": 401, "payments:stripe-webhook": 400, "csp-report": 400}
    assert set(others) == EXEMPT
    # The read-only API has no POST operation at all.
    assert api and set(api.values()) == {405}, api


def test_a_post_with_the_token_passes_the_check(admin_user, settings):
    """The refusal above is for want of a token: the same client with one gets past the check."""
    settings.CSRF_FAILURE_VIEW = "tests.test_csrf_everywhere.csrf_refused"
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    client.get("/basket/")
    token = client.cookies["csrftoken"].value
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).content.decode() == REFUSED
