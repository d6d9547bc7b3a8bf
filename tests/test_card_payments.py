"""Card payment by Stripe: zero-decimal đồng, idempotent creation, verified and replay-safe webhooks.

The official stripe library runs against tests/stripe_double.py, a local HTTP double of Stripe.
"""

import time

import pytest

from marketplace.payments import stripe_gateway
from marketplace.payments.card_payments import start_card_payment
from marketplace.payments.models import CardPayment, StripeEvent
from tests.stripe_double import StripeDouble, signed_event

pytestmark = pytest.mark.django_db
SECRET = "whsec_test_double_secret"
URL = "/payments/stripe/webhook/"


@pytest.fixture
def stripe_double(settings):
    with StripeDouble() as double:
        settings.STRIPE_API_BASE = double.url
        settings.STRIPE_SECRET_KEY = "sk_test_double"
        settings.STRIPE_WEBHOOK_SECRET = SECRET
        yield double


@pytest.fixture
def order(make_seller, make_product, place_order):
    return place_order((make_product(make_seller(), price="150000"), 2))


def post_event(client, payload, signature):
    return client.post(URL, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)


def test_the_amount_sent_is_the_number_of_dong_not_times_100(stripe_double, order):
    start_card_payment(order)
    method, path, form, headers = stripe_double.requests[-1]
    assert (method, path) == ("POST", "/v1/payment_intents")
    assert (form["amount"], form["currency"]) == ("300000", "vnd")
    assert form["metadata[order_number]"] == str(order.number)
    assert headers["Idempotency-Key"] == f"order-{order.number}-payment-intent"
    assert headers["Authorization"] == "Bearer sk_test_double"


def test_asking_twice_for_one_order_gives_one_intent(stripe_double, order):
    first, second = start_card_payment(order), start_card_payment(order)
    assert first == second
    assert len(stripe_double.intents) == 1
    assert CardPayment.objects.get().amount == 300000


def test_a_verified_success_event_pays_the_order(client, stripe_double, order):
    start_card_payment(order)
    intent = stripe_double.pay(next(iter(stripe_double.intents)))
    response = post_event(client, *signed_event(intent, SECRET))
    assert response.status_code == 200 and response.json() == {"success": True}
    order.refresh_from_db()
    assert order.payment_state == "paid"
    assert CardPayment.objects.get().status == "succeeded"


def test_a_replayed_event_counts_once(client, stripe_double, order):
    start_card_payment(order)
    intent = stripe_double.pay(next(iter(stripe_double.intents)))
    payload, signature = signed_event(intent, SECRET, event_id="evt_same")
    assert post_event(client, payload, signature).status_code == 200
    assert post_event(client, payload, signature).status_code == 200
    assert StripeEvent.objects.filter(event_id="evt_same").count() == 1


def test_a_late_failure_does_not_undo_a_success(client, stripe_double, order):
    start_card_payment(order)
    intent_id = next(iter(stripe_double.intents))
    succeeded = dict(stripe_double.pay(intent_id))
    failed = dict(succeeded, status="requires_payment_method", amount_received=0)
    post_event(client, *signed_event(succeeded, SECRET))
    post_event(client, *signed_event(failed, SECRET, event_type="payment_intent.payment_failed"))
    order.refresh_from_db()
    assert order.payment_state == "paid"
    assert CardPayment.objects.get().status == "succeeded"


def test_a_declined_card_leaves_the_order_waiting(client, stripe_double, order):
    start_card_payment(order)
    intent = stripe_double.pay(next(iter(stripe_double.intents)), amount_received=0,
                               status="requires_payment_method")
    post_event(client, *signed_event(intent, SECRET, event_type="payment_intent.payment_failed"))
    order.refresh_from_db()
    assert order.payment_state == "pending"
    assert CardPayment.objects.get().status == "requires_payment_method"


def test_a_tampered_amount_or_currency_does_not_pay(client, stripe_double, order):
    start_card_payment(order)
    intent = dict(stripe_double.pay(next(iter(stripe_double.intents))), amount_received=3000)
    post_event(client, *signed_event(intent, SECRET))
    order.refresh_from_db()
    assert order.payment_state == "pending"
    assert CardPayment.objects.get().problem == "Stripe nhận 3000 vnd, đơn cần 300000 vnd"


@pytest.mark.parametrize("forgery", ["wrong-secret", "stale", "garbled"])
def test_forged_or_stale_signatures_are_refused(client, stripe_double, order, forgery):
    start_card_payment(order)
    intent = stripe_double.pay(next(iter(stripe_double.intents)))
    if forgery == "wrong-secret":
        payload, signature = signed_event(intent, "whsec_attacker")
    elif forgery == "stale":
        payload, signature = signed_event(intent, SECRET, timestamp=int(time.time()) - 3600)
    else:
        payload, signature = signed_event(intent, SECRET)
        signature = "t=1,v1=zzz"
    response = post_event(client, payload, signature)
    assert response.status_code == 400
    assert response.json() == {"success": False, "message": "Chữ ký Stripe không hợp lệ hoặc đã quá hạn."}
    order.refresh_from_db()
    assert order.payment_state == "pending"
    assert not StripeEvent.objects.exists()


def test_an_event_for_an_unknown_intent_changes_nothing(client, stripe_double, order):
    intent = {"id": "pi_unknown", "object": "payment_intent", "amount": 300000, "amount_received": 300000,
              "currency": "vnd", "status": "succeeded", "metadata": {}}
    assert post_event(client, *signed_event(intent, SECRET)).status_code == 200
    order.refresh_from_db()
    assert order.payment_state == "pending"


def test_the_server_can_check_an_intent_itself(stripe_double, order):
    start_card_payment(order)
    intent_id = next(iter(stripe_double.intents))
    stripe_double.pay(intent_id)
    intent = stripe_gateway.retrieve_payment_intent(intent_id)
    assert (intent.status, intent.amount_received, intent.currency) == ("succeeded", 300000, "vnd")
