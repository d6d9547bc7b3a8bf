"""Security headers on representative pages: a strict Content-Security-Policy with a nonce for the
storefront and CMS pages, a relaxed one only for the back offices, and the other headers."""

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from tests import dashboard_sellers

pytestmark = pytest.mark.django_db
seller_account, seller_a = dashboard_sellers.seller_account, dashboard_sellers.seller_a

ROOT = Path(__file__).resolve().parent.parent


def directives(response):
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.fixture
def product(make_seller, make_product):
    return make_product(make_seller())


class InlineHandlers(HTMLParser):
    """Collects on* attributes and javascript: links, which a nonce cannot allow."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append((tag, name, value))


def storefront_urls(product):
    return ["/", "/catalogue/", product.get_absolute_url(), "/search/?q=che", "/basket/", "/checkout/",
            "/catalogue/?sort=price", reverse("sellers:apply"), "/accounts/login/"]


def test_storefront_pages_allow_only_our_scripts_with_the_request_nonce(client, home_page, product):
    for url in storefront_urls(product):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        policy = directives(response)
        nonce = re.fullmatch(r"'nonce-([A-Za-z0-9+/=]+)'", policy["script-src"][1]).group(1)
        assert policy["script-src"] == ["'self'", f"'nonce-{nonce}'"], url
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["frame-src"] == ["'self'", "https://www.youtube.com", "https://www.youtube-nocookie.com",
                                       "https://www.facebook.com"]
        assert policy["form-action"][:2] == ["'self'", "https://checkout.stripe.com"]
        assert policy["report-uri"] == ["/csp-report/"]
        html = response.content.decode()
        # Every inline script of the page carries this response's nonce; none runs without it.
        inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)([^>]*)>", html)
        assert inline_scripts, url
        assert all(f'nonce="{nonce}"' in attributes for attributes in inline_scripts), (url, inline_scripts)
        handlers = InlineHandlers()
        handlers.feed(html)
        assert handlers.found == [], url


ACCOUNT_URLS = ["/accounts/", "/accounts/profile/", "/accounts/profile/edit/", "/accounts/change-password/",
                "/accounts/orders/", "/accounts/addresses/", "/accounts/addresses/add/", "/accounts/wishlists/",
                "/accounts/wishlists/create/", "/accounts/notifications/inbox/"]


def test_a_buyers_account_pages_carry_no_inline_handlers(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nguoimua@example.vn", "mat-khau-mua"))
    for url in ACCOUNT_URLS:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert directives(response)["script-src"][0] == "'self'"
        handlers = InlineHandlers()
        handlers.feed(response.content.decode())
        assert handlers.found == [], url


@pytest.mark.parametrize("url", ["/", "/catalogue/"])
def test_each_response_gets_a_new_nonce_in_its_header_and_its_scripts(client, home_page, product, url):
    """Also when a page comes from the page cache: its scripts carry this response's nonce."""
    nonces = []
    for _ in range(3):
        response = client.get(url)
        nonce = directives(response)["script-src"][1].removeprefix("'nonce-").removesuffix("'")
        assert f'<script nonce="{nonce}">' in response.content.decode()
        nonces.append(nonce)
    assert len(set(nonces)) == 3


def test_the_browsers_reports_of_refused_content_are_logged(client, caplog):
    report = {"csp-report": {"document-uri": "https://ocop.example.vn/catalogue/", "violated-directive": "script-src",
                             "blocked-uri": "https://evil.example/x.js"}}
    with caplog.at_level("WARNING", logger="marketplace.security"):
        response = client.post("/csp-report/", json.dumps(report), content_type="application/csp-report")
    assert response.status_code == 204
    assert caplog.messages == [
        "CSP refused https://evil.example/x.js on https://ocop.example.vn/catalogue/ (script-src)"]
    assert client.post("/csp-report/", "not json", content_type="application/csp-report").status_code == 400
    assert client.post("/csp-report/", "x" * 20000, content_type="application/csp-report").status_code == 413
    assert client.get("/csp-report/").status_code == 405


def test_reports_are_limited_per_address(client, settings):
    from django.core.cache import cache

    cache.clear()
    statuses = [client.post("/csp-report/", "{}", content_type="application/csp-report",
                            REMOTE_ADDR="198.51.100.77").status_code for _ in range(61)]
    assert statuses == [204] * 60 + [429]
    cache.clear()


def test_card_form_may_be_redirected_to_the_stripe_api_a_deployment_names(client, settings, home_page):
    settings.STRIPE_API_BASE = "http://127.0.0.1:8765/v1"
    assert directives(client.get("/"))["form-action"] == [
        "'self'", "https://checkout.stripe.com", "http://127.0.0.1:8765"
    ]


def test_oscars_dashboard_where_sellers_work_keeps_the_strict_policy(client, seller_a):
    client.force_login(seller_a[1])
    for url in ["/dashboard/login/", "/dashboard/", "/dashboard/catalogue/", "/dashboard/don-hang/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response)
        assert policy["script-src"][0] == "'self'" and policy["script-src"][1].startswith("'nonce-"), url
        assert len(policy["script-src"]) == 2, url
        handlers = InlineHandlers()
        handlers.feed(response.content.decode())
        assert handlers.found == [], url


@pytest.mark.parametrize("url", ["/cms-admin/login/", "/django-admin/login/"])
def test_staffs_back_offices_get_the_relaxed_policy_without_a_nonce(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_other_security_headers(client, home_page, product):
    for url in ["/", product.get_absolute_url(), "/dashboard/login/", "/api/v1/products"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Permissions-Policy"] == (
            "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
            "payment=(), usb=()"
        )
        # HSTS belongs to production only: on plain HTTP in development it would pin the browser.
        assert "Strict-Transport-Security" not in response.headers


PRODUCTION_PROBE = (
    "import json, django; from django.conf import settings as s; django.setup();"
    "from django.test import Client; r = Client().get('/healthz', secure=True, HTTP_HOST='ocop.example.vn');"
    "print(json.dumps({'hsts': r.headers.get('Strict-Transport-Security'), 'status': r.status_code}))"
)


def test_production_sends_hsts_over_https():
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "marketplace.settings.production",
           "SECRET_KEY": "x" * 64, "ALLOWED_HOSTS": "ocop.example.vn", "DATABASE_URL": "sqlite:///:memory:"}
    result = subprocess.run([sys.executable, "-c", PRODUCTION_PROBE], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert '"hsts": "max-age=31536000; includeSubDomains; preload"' in result.stdout
