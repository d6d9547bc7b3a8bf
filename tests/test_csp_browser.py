"""In a real browser, under the real Content-Security-Policy: home, a product, search with its
suggestions, the basket, checkout to the card page and on to Stripe's hosted page (the test double),
and the seller application form. Chromium reports every refused script, style, image or connection
as a `securitypolicyviolation` event and a console error; there must be none."""

import re

import pytest
from oscar.core.loading import get_model

from tests import dashboard_sellers
from tests.stripe_double import StripeDouble
from tests.test_buy_browser import buy_as_guest

seller_account, seller_a = dashboard_sellers.seller_account, dashboard_sellers.seller_a
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
Order = get_model("order", "Order")

LISTEN = """
document.addEventListener('securitypolicyviolation', (event) => {
    window.reportViolation(`${location.pathname} ${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def watched_page(browser_page):
    """The browser page, and the list every CSP violation and CSP console error lands in."""
    violations = []
    browser_page.expose_function("reportViolation", lambda text: violations.append(text))
    browser_page.add_init_script(LISTEN)
    browser_page.on(
        "console",
        lambda message: violations.append(message.text)
        if message.type == "error" and "Content Security Policy" in message.text else None,
    )
    return browser_page, violations


def test_storefront_pages_run_under_the_policy_without_a_violation(watched_page, home_page, two_seller_shop):
    page, violations = watched_page
    page.goto("/")
    assert "script-src 'self' 'nonce-" in page.evaluate(
        "fetch(location.href).then((r) => r.headers.get('content-security-policy'))"
    )
    page.goto(two_seller_shop[0].get_absolute_url())
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.wait_for_load_state()

    # The header's suggestions come from our own endpoint through search-suggest.js.
    page.goto("/search/?q=che")
    # Sorting submits itself through a static script, not an inline handler.
    page.select_option("select[name=sort]", index=1)
    page.wait_for_url(re.compile(r"[?&]sort="))
    page.locator("input[name=q]").first.fill("mien")
    page.wait_for_load_state("networkidle")

    page.goto("/basket/")
    assert page.locator("section.seller-group").count() == 1
    page.goto("/sellers/apply/")
    page.select_option("select[name=province]", "19")
    page.wait_for_function("() => document.querySelector('select[name=commune]').options.length > 1")
    # Oscar's own inline start-up script ran: it is what the nonce is for.
    assert page.evaluate("typeof window.oscar === 'object' && typeof window.jQuery === 'function'")
    assert violations == []


def test_checkout_and_the_card_page_run_under_the_policy_without_a_violation(
    watched_page, live_server, two_seller_shop, settings
):
    page, violations = watched_page
    with StripeDouble() as double:
        settings.STRIPE_API_BASE = double.url
        settings.STRIPE_SECRET_KEY = "sk_test_double"
        settings.STRIPE_WEBHOOK_SECRET = "whsec_csp_browser"
        double.webhook_url = f"{live_server.url}/payments/stripe/webhook/"
        double.webhook_secret = "whsec_csp_browser"

        buy_as_guest(page, two_seller_shop, "Thẻ quốc tế (Visa, Mastercard…) qua Stripe")
        order = Order.objects.get()
        page.wait_for_url(re.compile(rf"/payments/the/{order.number}/$"))
        # The card page loads no script from elsewhere: the card is typed on Stripe's own page.
        scripts = page.evaluate("[...document.scripts].map((s) => s.src).filter(Boolean)")
        assert scripts and all(src.startswith(live_server.url) for src in scripts), scripts
        # form-action lets the card form's redirect reach the hosted page.
        page.get_by_role("button", name="Thanh toán bằng thẻ").click()
        page.wait_for_url(re.compile(r"/pay/cs_double_\d+$"))
        page.get_by_role("button", name="Pay").click()
        page.wait_for_url(re.compile(r"/checkout/thank-you/$"))
    assert violations == []


def test_a_buyers_account_pages_run_under_the_policy_without_a_violation(watched_page, thai_nguyen, home_page,
                                                                          django_user_model):
    page, violations = watched_page
    django_user_model.objects.create_user("nguoimua@example.vn", "mat-khau-nguoi-mua-2026")
    page.goto("/accounts/login/")
    page.fill("input[name=login-username]", "nguoimua@example.vn")
    page.fill("input[name=login-password]", "mat-khau-nguoi-mua-2026")
    with page.expect_navigation():
        page.locator("button[name=login_submit]").click()
    for url in ["/accounts/profile/", "/accounts/profile/edit/", "/accounts/change-password/",
                "/accounts/orders/", "/accounts/addresses/", "/accounts/wishlists/create/"]:
        page.goto(url)
        assert page.url.endswith(url), url  # signed in: not sent back to the login page
    # Oscar's "cancel" link goes back through page-actions.js, not an onclick attribute.
    page.goto("/accounts/profile/")
    page.goto("/accounts/profile/edit/")
    page.locator("a[data-history-back]").click()
    page.wait_for_url(re.compile(r"/accounts/profile/$"))
    page.goto("/accounts/addresses/add/")
    page.select_option("select[name=province]", "19")
    page.wait_for_function("() => document.querySelector('select[name=commune]').options.length > 1")
    assert violations == []


def test_a_sellers_dashboard_runs_under_its_policy_without_a_violation(watched_page, seller_a, make_product):
    """The seller's pages of Oscar's dashboard: TinyMCE, the photo widget, date inputs, the tabs."""
    from tests.dashboard_sellers import PASSWORD

    page, violations = watched_page
    seller, user = seller_a
    product = make_product(seller)
    page.goto("/dashboard/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("#dashboard_login_form input[type=submit]").click()
    for url in ["/dashboard/", "/dashboard/catalogue/", f"/dashboard/catalogue/products/{product.pk}/",
                "/dashboard/don-hang/", "/dashboard/chung-nhan/", "/dashboard/chung-nhan/ocop/them/",
                "/dashboard/van-chuyen/", "/dashboard/doanh-thu/", "/dashboard/nhap-tu-bang-tinh/"]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(url), url
    page.goto(f"/dashboard/catalogue/products/{product.pk}/")
    page.click("a[href='#product_images']")
    page.wait_for_load_state("networkidle")
    assert violations == [], "\n".join(sorted({v[:150] for v in violations}))
