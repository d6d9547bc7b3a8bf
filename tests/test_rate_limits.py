"""Brute force against the sign-in and password-reset forms is slowed per address and per account,
with a Vietnamese answer, for a window only (marketplace.ratelimit)."""

import time

import pytest
from django.core import mail
from django.core.cache import cache

from marketplace import ratelimit

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dung-2026"
MESSAGE = "Có quá nhiều lần đăng nhập sai"

# Each sign-in form: its URL, the fields for account and password, and what it does on success.
SIGN_IN_FORMS = {
    "shop": ("/accounts/login/", "login-username", "login-password", {"login_submit": "1"}),
    "dashboard": ("/dashboard/login/", "username", "password", {}),
    "wagtail": ("/cms-admin/login/", "username", "password", {}),
    "django-admin": ("/django-admin/login/", "username", "password", {}),
}


@pytest.fixture(autouse=True)
def small_limits(settings):
    """The limits' real code with small numbers; counters from other tests are gone."""
    settings.RATELIMIT_LOGIN_FAILURES_PER_ACCOUNT = 3
    settings.RATELIMIT_LOGIN_FAILURES_PER_IP = 5
    settings.RATELIMIT_LOGIN_WINDOW_SECONDS = 900
    settings.RATELIMIT_PASSWORD_RESETS_PER_ACCOUNT = 2
    settings.RATELIMIT_PASSWORD_RESETS_PER_IP = 4
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_member(django_user_model):
    # A superuser may sign in to every one of the four forms.
    return django_user_model.objects.create_superuser("canbo@example.vn", PASSWORD)


def sign_in(client, form, email, password, ip="203.0.113.10"):
    url, account_field, password_field, extra = SIGN_IN_FORMS[form]
    return client.post(url, {account_field: email, password_field: password, **extra}, REMOTE_ADDR=ip)


def is_signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("form", SIGN_IN_FORMS)
def test_an_account_is_closed_after_its_failures_even_to_the_right_password(client, staff_member, form):
    for _ in range(3):
        response = sign_in(client, form, "canbo@example.vn", "sai-mat-khau")
        assert response.status_code == 200  # the form again, with its own error
    assert ratelimit.count("login-failed:account", "canbo@example.vn") == 3

    response = sign_in(client, form, "CanBo@example.vn", PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert MESSAGE in response.content.decode()
    assert "khoảng 15 phút" in response.content.decode()
    assert not is_signed_in(client)


@pytest.mark.parametrize("form", SIGN_IN_FORMS)
def test_below_the_limit_the_right_password_signs_in_and_clears_the_accounts_count(client, staff_member, form):
    for _ in range(2):
        sign_in(client, form, "canbo@example.vn", "sai-mat-khau")
    response = sign_in(client, form, "canbo@example.vn", PASSWORD)
    assert response.status_code == 302
    assert is_signed_in(client)
    assert ratelimit.count("login-failed:account", "canbo@example.vn") == 0
    # The address keeps its count: an attacker's own good sign-in does not wipe it.
    assert ratelimit.count("login-failed:ip", "203.0.113.10") == 2


def test_many_addresses_cannot_hammer_one_account(client, staff_member):
    for number in range(3):
        sign_in(client, "shop", "canbo@example.vn", "sai-mat-khau", ip=f"198.51.100.{number}")
    response = sign_in(client, "shop", "canbo@example.vn", PASSWORD, ip="198.51.100.99")
    assert response.status_code == 429
    # The same address is still welcome for another account.
    assert sign_in(client, "shop", "khac@example.vn", "sai-mat-khau", ip="198.51.100.99").status_code == 200


def test_one_address_cannot_spray_many_accounts(client, staff_member):
    for number in range(5):
        assert sign_in(client, "wagtail", f"nguoi{number}@example.vn", "sai-mat-khau").status_code == 200
    response = sign_in(client, "wagtail", "canbo@example.vn", PASSWORD)
    assert response.status_code == 429
    assert not is_signed_in(client)
    # Another address signs the same account in.
    assert sign_in(client, "wagtail", "canbo@example.vn", PASSWORD, ip="192.0.2.50").status_code == 302


def test_the_limit_lasts_only_its_window(client, staff_member, settings):
    settings.RATELIMIT_LOGIN_WINDOW_SECONDS = 1
    for _ in range(3):
        sign_in(client, "dashboard", "canbo@example.vn", "sai-mat-khau")
    assert sign_in(client, "dashboard", "canbo@example.vn", PASSWORD).status_code == 429
    time.sleep(1.5)  # the cache expires the counters with the window
    assert sign_in(client, "dashboard", "canbo@example.vn", PASSWORD).status_code == 302


def test_pages_are_not_limited_by_reading_them(client, staff_member):
    for _ in range(3):
        sign_in(client, "shop", "canbo@example.vn", "sai-mat-khau")
    assert client.get("/accounts/login/", REMOTE_ADDR="203.0.113.10").status_code == 200


@pytest.mark.parametrize("url", ["/password-reset/", "/cms-admin/password_reset/"])
def test_password_resets_are_limited_per_account(client, staff_member, url):
    for _ in range(2):
        assert client.post(url, {"email": "canbo@example.vn"}, REMOTE_ADDR="203.0.113.20").status_code == 302
    assert len(mail.outbox) == 2
    response = client.post(url, {"email": "CANBO@example.vn"}, REMOTE_ADDR="203.0.113.21")
    assert response.status_code == 429
    assert "quá nhiều yêu cầu đặt lại mật khẩu" in response.content.decode()
    assert len(mail.outbox) == 2


def test_a_forged_post_without_the_csrf_token_counts_against_nobody(staff_member):
    from django.test import Client

    forger = Client(enforce_csrf_checks=True)
    for _ in range(5):
        assert forger.post("/password-reset/", {"email": "canbo@example.vn"}).status_code == 403
        assert sign_in(forger, "shop", "canbo@example.vn", "sai-mat-khau").status_code == 403
    assert ratelimit.count("password-reset:account", "canbo@example.vn") == 0
    assert ratelimit.count("login-failed:account", "canbo@example.vn") == 0


def test_password_resets_are_limited_per_address(client, staff_member):
    for number in range(4):
        client.post("/password-reset/", {"email": f"nguoi{number}@example.vn"}, REMOTE_ADDR="203.0.113.30")
    response = client.post("/password-reset/", {"email": "canbo@example.vn"}, REMOTE_ADDR="203.0.113.30")
    assert response.status_code == 429
    assert mail.outbox == []


def test_the_seller_application_counter_is_the_shared_one():
    from sellers import ratelimit as sellers_ratelimit

    assert sellers_ratelimit.hit is ratelimit.hit
    assert [ratelimit.hit("seller-apply", "203.0.113.40", 2, 3600) for _ in range(3)] == [True, True, False]


def test_the_address_is_remote_addr_unless_trusted_proxies_are_declared(rf, settings):
    request = rf.post("/accounts/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.TRUSTED_PROXIES = 0
    assert ratelimit.client_ip(request) == "10.0.0.2"  # a client may write X-Forwarded-For itself
    settings.TRUSTED_PROXIES = 1
    assert ratelimit.client_ip(request) == "203.0.113.9"  # what our one proxy saw; 6.6.6.6 is forged
    settings.TRUSTED_PROXIES = 3  # fewer entries than proxies: the header is not ours
    assert ratelimit.client_ip(request) == "10.0.0.2"


@pytest.fixture
def checkout_client(client, make_seller, make_product):
    """A visitor with something in the basket, so checkout's first step (sign in or go on as a
    guest) answers."""
    client.post(f"/basket/add/{make_product(make_seller()).pk}/", {"quantity": 1}, REMOTE_ADDR="203.0.113.60")
    return client


def checkout_step(client, email, password="", options="existing", ip="203.0.113.60"):
    return client.post("/checkout/", {"username": email, "password": password, "options": options},
                       REMOTE_ADDR=ip)


def test_checkouts_returning_customer_box_is_a_sign_in_form_and_is_limited(checkout_client, staff_member):
    for _ in range(3):
        assert checkout_step(checkout_client, "canbo@example.vn", "sai-mat-khau").status_code == 200
    assert ratelimit.count("login-failed:account", "canbo@example.vn") == 3
    assert ratelimit.count("login-failed:ip", "203.0.113.60") == 3

    response = checkout_step(checkout_client, "canbo@example.vn", PASSWORD)
    assert response.status_code == 429
    assert MESSAGE in response.content.decode()
    assert not is_signed_in(checkout_client)


def test_a_returning_customer_signs_in_at_checkout_below_the_limit(checkout_client, staff_member):
    checkout_step(checkout_client, "canbo@example.vn", "sai-mat-khau")
    response = checkout_step(checkout_client, "canbo@example.vn", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/checkout/shipping-address/"
    assert is_signed_in(checkout_client)
    assert ratelimit.count("login-failed:account", "canbo@example.vn") == 0


def test_a_guest_from_an_address_over_the_limit_still_checks_out(checkout_client, staff_member):
    for number in range(5):
        checkout_step(checkout_client, f"nguoi{number}@example.vn", "sai-mat-khau")
    assert checkout_step(checkout_client, "canbo@example.vn", PASSWORD).status_code == 429

    response = checkout_step(checkout_client, "khach@example.vn", options="anonymous")
    assert response.status_code == 302
    assert response["Location"] == "/checkout/shipping-address/"
    assert ratelimit.count("login-failed:ip", "203.0.113.60") == 5
