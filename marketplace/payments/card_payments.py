"""Card payments through Stripe: an order is paid only when Stripe says the money arrived, for
the exact amount in đồng, and each event is acted on once whatever order it arrives in."""

from django.db import IntegrityError, transaction
from oscar.core.loading import get_model

from marketplace.money import to_dong
from marketplace.order.expiry import is_awaiting_payment
from marketplace.order.payment_state import mark_paid
from marketplace.payments import stripe_gateway
from marketplace.payments.models import CardPayment, StripeEvent

Order = get_model("order", "Order")

HANDLED = {"payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled"}


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
    if event.type not in HANDLED:
        return "ignored"
    try:
        with transaction.atomic():
            StripeEvent.objects.create(event_id=event.id, type=event.type)
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
