"""In a real browser: a guest buys from two sellers and pays by VietQR (the bank's notification is
simulated), and a buyer pays by card on the Stripe double's hosted page."""

import json
import re
import urllib.request

import pytest
from oscar.core.loading import get_model

from tests.stripe_double import StripeDouble

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
Order = get_model("order", "Order")
API_KEY = "sepay-test-key"
SECRET = "whsec_browser_double"


def buy_as_guest(page, products, method_label):
    """Basket from two sellers, guest e-mail, address (province → commune), payment method, order."""
    for product in products:
        page.goto(product.get_absolute_url())
        page.locator("#add_to_basket_form button[type=submit]").click()
        page.wait_for_load_state()
    page.goto("/basket/")
    assert page.locator("section.seller-group").count() == 2
    # Before an address the tea cooperative's rule for Thái Nguyên cannot apply: the marketplace's
    # default (30.000 ₫) makes the estimate.
    assert page.locator(".basket-grand-total__amount").inner_text() == "250.000\xa0₫"

    page.goto("/checkout/")
    page.fill("input[name=username]", "khach@example.vn")
    page.check("input[name=options][value=anonymous]")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/checkout/shipping-address/$"))

    page.fill("input[name=last_name]", "Nguyễn Văn An")
    page.fill("input[name=phone_number]", "0912 345 678")
    # The commune list follows the province (the places endpoint, through the form's script).
    # (Predicates are functions: a string would be eval()ed in the page, which its CSP refuses.)
    page.select_option("select[name=province]", "25")
    page.wait_for_function("() => document.querySelector('select[name=commune]').options.length === 2")
    assert page.locator("select[name=commune] option").all_inner_texts()[1] == "Xã Thanh Sơn"
    page.select_option("select[name=province]", "19")
    page.wait_for_function("() => document.querySelector('select[name=commune]').options.length === 4")
    page.select_option("select[name=commune]", label="Phường Gia Sàng")
    page.fill("input[name=line1]", "Số 5, đường Z115")
    page.locator("#new_shipping_address button[type=submit]").click()

    page.wait_for_url(re.compile(r"/checkout/payment-method/$"))
    page.get_by_label(method_label).check()
    page.locator(".payment-method-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/checkout/preview/$"))
    page.locator("#place-order").click()


def test_a_guest_buys_from_two_sellers_and_pays_by_vietqr(browser_page, live_server, two_seller_shop, settings):
    settings.BANK_TRANSFER_WEBHOOK_API_KEY = API_KEY
    page = browser_page

    buy_as_guest(page, two_seller_shop, "Chuyển khoản ngân hàng bằng VietQR")

    page.wait_for_url(re.compile(r"/checkout/thank-you/$"))
    order = Order.objects.get()
    assert order.total_incl_tax == 240000  # 150.000 + 45.000 + 20.000 + 25.000
    qr = page.locator("section.vietqr")
    assert qr.locator("svg").count() == 1
    assert qr.locator("code").inner_text() == f"OCOP{order.number}"

    # The bank tells us the money arrived (SePay format, API key from settings).
    notification = {
        "id": 92704, "gateway": "Vietcombank", "transactionDate": "2026-11-23 15:02:00",
        "accountNumber": settings.VIETQR_ACCOUNT_NUMBER, "content": f"OCOP{order.number} chuyen tien",
        "transferType": "in", "transferAmount": 240000, "referenceCode": "FT2632700001",
    }
    request = urllib.request.Request(
        f"{live_server.url}/payments/bank-transfer/webhook/", data=json.dumps(notification).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Apikey {API_KEY}"}, method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.loads(response.read()) == {"success": True}

    page.reload()
    assert page.locator(".order-paid").inner_text() == "Đơn hàng đã được thanh toán."
    assert page.locator("section.vietqr").count() == 0


def test_a_buyer_pays_by_card_on_the_stripe_hosted_page(browser_page, live_server, two_seller_shop, settings):
    with StripeDouble() as double:
        settings.STRIPE_API_BASE = double.url
        settings.STRIPE_SECRET_KEY = "sk_test_double"
        settings.STRIPE_WEBHOOK_SECRET = SECRET
        double.webhook_url = f"{live_server.url}/payments/stripe/webhook/"
        double.webhook_secret = SECRET
        page = browser_page

        buy_as_guest(page, two_seller_shop, "Thẻ quốc tế (Visa, Mastercard…) qua Stripe")

        order = Order.objects.get()
        page.wait_for_url(re.compile(rf"/payments/the/{order.number}/$"))
        page.get_by_role("button", name="Thanh toán bằng thẻ").click()
        page.wait_for_url(re.compile(r"/pay/cs_double_\d+$"))
        assert page.locator("h1").inner_text() == "Pay 240000 VND"
        page.get_by_role("button", name="Pay").click()

        page.wait_for_url(re.compile(r"/checkout/thank-you/$"))
        assert page.locator(".order-paid").inner_text() == "Đơn hàng đã được thanh toán."
        assert double.webhook_responses == [200]
        order.refresh_from_db()
        assert order.payment_state == "paid"
        assert len(double.sessions) == 1
