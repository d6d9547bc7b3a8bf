"""Choosing how to pay: only offered methods are shown and accepted; the order records its method
as a payment Source; VietQR orders show the QR, card orders go through a Stripe Checkout Session
(against the local Stripe double) and are paid only by what Stripe confirms."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from marketplace.payments.models import CardPayment, StripeEvent
from tests.stripe_double import StripeDouble, signed_event

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
SECRET = "whsec_test_double_secret"
METHOD_URL = "/checkout/payment-method/"
PREVIEW_URL = "/checkout/preview/"


@pytest.fixture
def stripe_double(settings):
    with StripeDouble() as double:
        settings.STRIPE_API_BASE = double.url
        settings.STRIPE_SECRET_KEY = "sk_test_double"
        settings.STRIPE_WEBHOOK_SECRET = SECRET
        yield double


@pytest.fixture
def at_payment(client, make_seller, make_product, make_rule, thai_nguyen):
    """A guest who bought from two sellers and gave an address: the payment step is next."""
    province, communes = thai_nguyen
    tea, noodles = make_seller(), make_seller("Hộ kinh doanh Miến dong Côn Minh", commune="Xã Đại Từ")
    make_rule(tea, province, first_charge=20000)
    make_rule(noodles, None, first_charge=25000)
    client.post(f"/basket/add/{make_product(tea, price='150000').pk}/", {"quantity": 1})
    client.post(f"/basket/add/{make_product(noodles, 'Miến dong', price='45000').pk}/", {"quantity": 2})
    client.post("/checkout/", {"username": "khach@example.vn", "options": "anonymous"})
    response = client.post("/checkout/shipping-address/", {
        "last_name": "Nguyễn Văn An", "phone_number": "0912345678", "province": "19",
        "commune": str(communes["Phường Gia Sàng"].pk), "line1": "Số 5, đường Z115",
    })
    assert response.status_code == 302
    assert client.get("/checkout/shipping-method/").url == METHOD_URL
    return client


def post_event(client, obj, event_type, event_id=None):
    payload, signature = signed_event(obj, SECRET, event_type=event_type, event_id=event_id)
    return client.post("/payments/stripe/webhook/", payload, content_type="application/json",
                       HTTP_STRIPE_SIGNATURE=signature)


def choose(client, method):
    return client.post(METHOD_URL, {"method": method})


def place(client):
    return client.post(PREVIEW_URL, {"action": "place_order"})


def test_only_the_offered_methods_are_shown(at_payment, settings, stripe_double):
    settings.PAYMENT_METHODS = ["vietqr", "card"]
    page = at_payment.get(METHOD_URL)
    assert [value for value, _ in page.context["form"].fields["method"].choices] == ["vietqr", "card"]
    assert "<strong>285.000\xa0₫</strong>" in page.content.decode()  # 150.000 + 2 × 45.000 + 20.000 + 25.000
    settings.PAYMENT_METHODS = ["vietqr"]
    page = at_payment.get(METHOD_URL)
    assert [value for value, _ in page.context["form"].fields["method"].choices] == ["vietqr"]


def test_card_is_not_offered_without_stripe_keys(at_payment, settings):
    settings.PAYMENT_METHODS = ["vietqr", "card"]
    settings.STRIPE_SECRET_KEY = ""
    page = at_payment.get(METHOD_URL)
    assert [value for value, _ in page.context["form"].fields["method"].choices] == ["vietqr"]


def test_a_tampered_method_is_refused(at_payment, settings, stripe_double):
    settings.PAYMENT_METHODS = ["vietqr"]
    for method in ("card", "cash", ""):
        response = choose(at_payment, method)
        assert response.status_code == 400
    assert [str(e) for e in response.context["form"].errors["method"]] == ["Hãy chọn một phương thức thanh toán."]
    response = choose(at_payment, "card")
    assert [str(e) for e in response.context["form"].errors["method"]] == [
        "Phương thức thanh toán này không được hỗ trợ; hãy chọn trong danh sách."
    ]
    assert at_payment.get(PREVIEW_URL).url == METHOD_URL
    assert place(at_payment).url == METHOD_URL
    assert not Order.objects.exists()


def test_a_method_withdrawn_after_it_was_chosen_is_refused_at_the_order(at_payment, settings, stripe_double):
    assert choose(at_payment, "card").url == PREVIEW_URL
    settings.PAYMENT_METHODS = ["vietqr"]
    assert place(at_payment).url == METHOD_URL
    assert not Order.objects.exists()


def test_a_vietqr_order_records_its_method_and_shows_the_qr(at_payment):
    assert choose(at_payment, "vietqr").url == PREVIEW_URL
    assert "Chuyển khoản ngân hàng bằng VietQR" in at_payment.get(PREVIEW_URL).content.decode()
    response = place(at_payment)
    assert response.url == "/checkout/thank-you/"
    order = Order.objects.get()
    assert [(s.source_type.code, s.amount_allocated) for s in order.sources.all()] == [("vietqr", 285000)]
    assert (order.total_incl_tax, order.shipping_incl_tax, order.payment_state) == (285000, 45000, "pending")
    assert sorted(order.parts.values_list("shipping_charge", flat=True)) == [20000, 25000]
    assert (order.shipping_address.commune_id, order.email) == (5501, "khach@example.vn")
    page = at_payment.get(response.url).content.decode()
    assert 'class="vietqr"' in page and f"OCOP{order.number}" in page


def test_placing_the_order_twice_makes_one_order(at_payment):
    choose(at_payment, "vietqr")
    first, second = place(at_payment), place(at_payment)
    assert first.url == "/checkout/thank-you/"
    assert second.status_code == 302
    assert Order.objects.count() == 1


def test_a_card_order_goes_to_stripe_once_and_is_paid_when_stripe_confirms(at_payment, stripe_double):
    choose(at_payment, "card")
    response = place(at_payment)
    order = Order.objects.get()
    assert response.url == f"/payments/the/{order.number}/"
    assert order.sources.get().source_type.code == "card"
    assert "Thanh toán bằng thẻ" in at_payment.get(response.url).content.decode()

    first, second = at_payment.post(response.url), at_payment.post(response.url)  # a double click
    assert len(stripe_double.sessions) == 1
    [session] = stripe_double.sessions.values()
    assert first.url == second.url == session["url"]
    assert session["amount_total"] == 285000 and session["currency"] == "vnd"
    creates = [r for r in stripe_double.requests if r[:2] == ("POST", "/v1/checkout/sessions")]
    closes = int((order.date_placed + timedelta(minutes=60)).timestamp())  # PAYMENT_DEADLINE_MINUTES
    assert creates[0][2]["expires_at"] == str(closes) == str(session["expires_at"])
    assert creates[0][3]["Idempotency-Key"] == f"order-{order.number}-checkout-285000-{closes}"
    assert creates[0][2]["line_items[0][price_data][unit_amount]"] == "285000"  # đồng, not ×100

    # Coming back without paying changes nothing.
    back = at_payment.get(f"/payments/the/{order.number}/ket-qua/", {"session_id": session["id"]})
    assert back.url == "/checkout/thank-you/"
    order.refresh_from_db()
    assert order.payment_state == "pending"

    success_url = stripe_double.hosted_pay(session["id"])  # no webhook configured: the return pays
    at_payment.get(success_url.removeprefix("http://testserver"))
    order.refresh_from_db()
    assert order.payment_state == "paid"
    assert CardPayment.objects.get().status == "succeeded"


def test_the_signed_session_webhook_pays_once(at_payment, stripe_double):
    choose(at_payment, "card")
    place(at_payment)
    order = Order.objects.get()
    at_payment.post(f"/payments/the/{order.number}/")
    [session] = stripe_double.sessions.values()
    stripe_double.hosted_pay(session["id"])
    for _ in range(2):
        response = post_event(Client(), stripe_double.sessions[session["id"]], "checkout.session.completed",
                              "evt_session")
        assert response.json() == {"success": True}
    order.refresh_from_db()
    assert order.payment_state == "paid"
    assert StripeEvent.objects.filter(event_id="evt_session").count() == 1
    # The intent's own event, arriving later, changes nothing either.
    intent = stripe_double.intents[stripe_double.sessions[session["id"]]["payment_intent"]]
    post_event(Client(), intent, "payment_intent.succeeded")
    assert CardPayment.objects.count() == 1


def test_a_session_for_a_wrong_amount_does_not_pay(at_payment, stripe_double):
    choose(at_payment, "card")
    place(at_payment)
    order = Order.objects.get()
    at_payment.post(f"/payments/the/{order.number}/")
    [session] = stripe_double.sessions.values()
    stripe_double.hosted_pay(session["id"])
    tampered = dict(stripe_double.sessions[session["id"]], amount_total=2850)
    post_event(Client(), tampered, "checkout.session.completed")
    order.refresh_from_db()
    assert order.payment_state == "pending"
    assert CardPayment.objects.get().problem == "Stripe nhận 2850 vnd, đơn cần 285000 vnd"


def test_the_hosted_page_closes_at_the_payment_deadline(at_payment, stripe_double, settings):
    settings.PAYMENT_DEADLINE_MINUTES = 60
    choose(at_payment, "card")
    place(at_payment)
    order = Order.objects.get()
    at_payment.post(f"/payments/the/{order.number}/")
    [session] = stripe_double.sessions.values()
    stripe_double.now = lambda: session["expires_at"]  # the deadline passes on Stripe's side
    at_payment.get(stripe_double.hosted_pay(session["id"]).removeprefix("http://testserver"))
    order.refresh_from_db()
    assert stripe_double.sessions[session["id"]]["status"] == "expired"
    assert order.payment_state == "pending" and not CardPayment.objects.exists()


def test_a_session_opened_near_the_deadline_stays_open_for_stripes_shortest_time(at_payment, stripe_double):
    choose(at_payment, "card")
    place(at_payment)
    order = Order.objects.get()
    Order.objects.filter(pk=order.pk).update(date_placed=order.date_placed - timedelta(minutes=50))
    before = time.time()
    at_payment.post(f"/payments/the/{order.number}/")
    [session] = stripe_double.sessions.values()  # the double refuses anything under 30 minutes
    assert int(before) + 31 * 60 <= session["expires_at"] <= time.time() + 31 * 60


def test_another_browser_cannot_open_the_card_page(at_payment, stripe_double):
    choose(at_payment, "card")
    place(at_payment)
    order = Order.objects.get()
    stranger = Client()
    assert stranger.get(f"/payments/the/{order.number}/").status_code == 404
    assert stranger.post(f"/payments/the/{order.number}/").status_code == 404
    assert not stripe_double.sessions


def test_a_guest_pays_by_card_from_another_browser_with_the_signed_link(at_payment, stripe_double):
    choose(at_payment, "card")
    place(at_payment)
    order = Order.objects.get()
    phone = Client()
    status_url = f"/accounts/order-status/{order.number}/{order.verification_hash()}/"
    phone.post(phone.get(status_url).url, {"email": "khach@example.vn"})  # Oscar asks a guest once
    status_page = phone.get(status_url)
    link = f"/payments/the/{order.number}/?h={order.verification_hash()}"
    assert link in status_page.content.decode().replace("&amp;", "&")
    assert phone.get(link).status_code == 200
    to_stripe = phone.post(f"/payments/the/{order.number}/")  # the link is remembered for the session
    [session] = stripe_double.sessions.values()
    assert to_stripe.url == session["url"]
    phone.get(stripe_double.hosted_pay(session["id"]).removeprefix("http://testserver"))
    order.refresh_from_db()
    assert order.payment_state == "paid"


def test_a_forged_link_does_not_open_the_card_page(at_payment, stripe_double):
    choose(at_payment, "card")
    place(at_payment)
    order = Order.objects.get()
    other = Order(number="999999").verification_hash()
    for h in (other, "", "x" * 40, f"{order.number}:forged"):
        assert Client().get(f"/payments/the/{order.number}/", {"h": h}).status_code == 404
    assert not stripe_double.sessions


@pytest.mark.parametrize("method, has_transfer_details", [("vietqr", True), ("card", False)])
def test_placing_an_order_sends_the_buyer_one_confirmation_that_knows_the_method(
    at_payment, stripe_double, eager_celery, mailoutbox, django_capture_on_commit_callbacks,
    method, has_transfer_details,
):
    choose(at_payment, method)
    with django_capture_on_commit_callbacks(execute=True):
        place(at_payment)
    order = Order.objects.get()
    [message] = [m for m in mailoutbox if m.to == ["khach@example.vn"]]
    assert order.number in message.subject
    assert ("Nội dung chuyển khoản" in message.body) is has_transfer_details


def test_the_checkout_pages_cost_the_same_queries_whatever_the_basket_holds(at_payment, make_seller,
                                                                            make_product, make_rule):
    """Each checkout page shows the order's lines with their pictures, loaded for all lines at once
    (marketplace/checkout/session.py)."""
    assert choose(at_payment, "vietqr").url == PREVIEW_URL
    pages = (METHOD_URL, PREVIEW_URL)

    def costs():
        counts = []
        for path in pages:
            at_payment.get(path)  # thumbnails made once, as on a running server
            with CaptureQueriesContext(connection) as queries:
                assert at_payment.get(path).status_code == 200
            counts.append(len(queries))
        return counts

    before = costs()
    seller = make_seller("HTX Mật ong Bình Long", commune="Xã Đại Từ")
    make_rule(seller, None, first_charge=30000)
    for n in range(3):
        at_payment.post(f"/basket/add/{make_product(seller, f'Mật ong số {n}', price='90000').pk}/", {"quantity": 1})

    assert costs() == before
