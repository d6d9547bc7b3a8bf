"""Card payments through Stripe: an order is paid only when Stripe says the money arrived, for
the exact amount in đồng, and each event is acted on once whatever order it arrives in."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.money import to_dong
from marketplace.order.expiry import is_awaiting_payment, payment_deadline
from marketplace.order.payment_state import mark_paid
from marketplace.payments import stripe_gateway
from marketplace.payments.models import CardPayment, StripeEvent

Order = get_model("order", "Order")
Source = get_model("payment", "Source")

HANDLED = {"payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled"}
SESSION_EVENTS = {"checkout.session.completed", "checkout.session.async_payment_succeeded"}


def start_card_payment(order) -> str:
    """Create (or find again) the order's PaymentIntent; returns the client secret for the browser."""
    intent = stripe_gateway.create_payment_intent(order)
    CardPayment.objects.update_or_create(
        payment_intent_id=intent.id,
        defaults={"order": order, "amount": intent.amount, "status": intent.status},
    )
    return intent.client_secret


def handle_event(event) -> str:
    """Apply a verified Stripe event; returns what happened, for the log."""
    if event.type not in HANDLED | SESSION_EVENTS:
        return "ignored"
    try:
        with transaction.atomic():
            StripeEvent.objects.create(event_id=event.id, type=event.type)
            if event.type in SESSION_EVENTS:
                return _apply_session(event.data.object)
            return _apply(event.data.object)
    except IntegrityError:
        return "replayed"


def _apply(intent) -> str:
    payment = CardPayment.objects.select_for_update().select_related("order").filter(
        payment_intent_id=intent.id
    ).first()
    if payment is None:
        return "unknown intent"
    order = Order.objects.select_for_update().get(pk=payment.order_id)
    # Statuses only move forward: a late "failed" never undoes a success already recorded.
    if payment.status == "succeeded":
        return "already succeeded"
    payment.status = intent.status
    if intent.status != "succeeded":
        payment.save(update_fields=["status", "updated_at"])
        return intent.status
    due = to_dong(order.total_incl_tax)
    if intent.currency != stripe_gateway.CURRENCY or intent.amount_received != due:
        payment.problem = f"Stripe nhận {intent.amount_received} {intent.currency}, đơn cần {due} vnd"
        payment.save(update_fields=["status", "problem", "updated_at"])
        return "amount mismatch"
    payment.save(update_fields=["status", "updated_at"])
    if not is_awaiting_payment(order):
        payment.problem = f"Đơn ở trạng thái {order.payment_state} khi tiền về"
        payment.save(update_fields=["problem", "updated_at"])
        return "order not payable"
    mark_paid(order, method="card")
    return "paid"


# Checkout Sessions: the buyer pays on Stripe's hosted page. The session's id is kept as the
# reference of the order's "card" payment Source; the order becomes paid when the verified webhook
# or the server's own retrieve says the session is paid, for the exact amount in đồng.

def _card_source(order):
    return order.sources.select_for_update().filter(source_type__code="card").first()


# Stripe closes a Checkout Session no sooner than 30 minutes after it is created.
STRIPE_SHORTEST_SESSION = timedelta(minutes=31)


def session_closes_at(order, now=None) -> int:
    """When the hosted page stops taking payment: the order's payment deadline, so a card cannot be
    charged for an order whose stock went back on sale; later only when Stripe's shortest session
    reaches past the deadline (a payment in that gap is recorded as a problem for staff)."""
    now = now or timezone.now()
    return int(max(payment_deadline(order), now + STRIPE_SHORTEST_SESSION).timestamp())


def start_checkout_session(order, success_url: str, cancel_url: str) -> str:
    """The URL of the order's Stripe-hosted payment page, creating the session once per order."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        source = _card_source(order)
        if source is None:
            raise ValueError(f"Order {order.number} is not paid by card")
        if source.reference:
            session = stripe_gateway.retrieve_checkout_session(source.reference)
            if session.status == "open":
                return session.url
        session = stripe_gateway.create_checkout_session(order, success_url, cancel_url,
                                                         session_closes_at(order))
        source.reference = session.id
        source.save(update_fields=["reference"])
        return session.url


def confirm_checkout_session(session_id: str) -> str:
    """Ask Stripe itself about a session (the buyer came back from the hosted page)."""
    session = stripe_gateway.retrieve_checkout_session(session_id)
    with transaction.atomic():
        return _apply_session(session)


def _apply_session(session) -> str:
    source = Source.objects.select_for_update().filter(
        reference=session.id, source_type__code="card"
    ).select_related("order").first()
    if source is None:
        return "unknown session"
    if session.payment_status != "paid" or not session.payment_intent:
        return f"session {session.payment_status}"
    order = Order.objects.select_for_update().get(pk=source.order_id)
    payment, _created = CardPayment.objects.select_for_update().get_or_create(
        payment_intent_id=session.payment_intent,
        defaults={"order": order, "amount": session.amount_total, "status": "processing"},
    )
    if payment.status == "succeeded":
        return "already succeeded"
    due = to_dong(order.total_incl_tax)
    if payment.order_id != order.pk or session.currency != stripe_gateway.CURRENCY or session.amount_total != due:
        payment.problem = f"Stripe nhận {session.amount_total} {session.currency}, đơn cần {due} vnd"
        payment.save(update_fields=["problem", "updated_at"])
        return "amount mismatch"
    payment.status = "succeeded"
    payment.save(update_fields=["status", "updated_at"])
    if not is_awaiting_payment(order):
        payment.problem = f"Đơn ở trạng thái {order.payment_state} khi tiền về"
        payment.save(update_fields=["problem", "updated_at"])
        return "order not payable"
    mark_paid(order, method="card")
    return "paid"
