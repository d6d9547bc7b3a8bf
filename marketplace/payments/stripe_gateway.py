"""Every call to Stripe goes through this module, so tests can point one place at a test double.

VND is one of Stripe's zero-decimal currencies: the amount sent is the number of đồng, not ×100.
"""

import stripe
from django.conf import settings

from marketplace.money import to_dong

CURRENCY = "vnd"


def _client() -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, base_addresses=base, max_network_retries=2)


def create_payment_intent(order) -> stripe.PaymentIntent:
    """A PaymentIntent for the order's exact total; asking twice for one order returns the same one."""
    return _client().v1.payment_intents.create(
        params={
            "amount": to_dong(order.total_incl_tax),
            "currency": CURRENCY,
            "automatic_payment_methods": {"enabled": True},
            "metadata": {"order_number": str(order.number)},
            "description": f"Đơn hàng {order.number}",
        },
        # One intent per order: a double click or a retried request cannot charge twice.
        options={"idempotency_key": f"order-{order.number}-payment-intent"},
    )


def create_checkout_session(order, success_url: str, cancel_url: str, expires_at: int) -> stripe.checkout.Session:
    """A Stripe-hosted payment page for the order's exact total, closing at `expires_at` (a Unix
    time); asking twice for one order returns the same session."""
    amount = to_dong(order.total_incl_tax)
    return _client().v1.checkout.sessions.create(
        params={
            "mode": "payment",
            "line_items": [{
                "quantity": 1,
                "price_data": {"currency": CURRENCY, "unit_amount": amount,
                               "product_data": {"name": f"Đơn hàng {order.number}"}},
            }],
            "client_reference_id": str(order.number),
            "metadata": {"order_number": str(order.number)},
            "payment_intent_data": {"metadata": {"order_number": str(order.number)}},
            **({"customer_email": order.email} if order.email else {}),
            "success_url": success_url,
            "cancel_url": cancel_url,
            "expires_at": expires_at,
        },
        # One session per order, amount and closing time: a double click or a retried request
        # cannot make two (Stripe refuses a key reused with other parameters).
        options={"idempotency_key": f"order-{order.number}-checkout-{amount}-{expires_at}"},
    )


def retrieve_checkout_session(session_id: str) -> stripe.checkout.Session:
    return _client().v1.checkout.sessions.retrieve(session_id)


def retrieve_payment_intent(intent_id: str) -> stripe.PaymentIntent:
    return _client().v1.payment_intents.retrieve(intent_id)


def parse_webhook(payload: bytes, signature: str) -> stripe.Event:
    """The event, once its signature is checked against the endpoint secret (and not stale).

    Raises ValueError for a malformed payload and stripe.SignatureVerificationError for a bad
    or old signature.
    """
    return stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)


def create_refund(payment_intent_id: str, amount, idempotency_key: str, metadata=None) -> stripe.Refund:
    """Refund `amount` đồng of a PaymentIntent; the same key answers with the first refund, so a
    retried request can never refund twice."""
    return _client().v1.refunds.create(
        params={"payment_intent": payment_intent_id, "amount": to_dong(amount), "metadata": metadata or {}},
        options={"idempotency_key": idempotency_key},
    )
