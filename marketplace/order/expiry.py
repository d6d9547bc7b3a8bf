"""Orders nobody pays: their reservation ends at a deadline and the stock goes back on sale.

The deadline is decided by the clock, not by the task: a payment that arrives after it is never
accepted, even if the periodic task has not run yet.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

Order = get_model("order", "Order")


def payment_deadline(order):
    return order.date_placed + timedelta(minutes=settings.PAYMENT_DEADLINE_MINUTES)


def is_past_deadline(order, now=None) -> bool:
    return (now or timezone.now()) > payment_deadline(order)


def expire_order(order_id) -> bool:
    """Mark a still-unpaid order expired and release its stock; False when there was nothing to do."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.payment_state != Order.PaymentState.PENDING:
            return False
        order.payment_state = Order.PaymentState.EXPIRED
        order.save(update_fields=["payment_state"])
        for line in order.lines.select_related("stockrecord__product__product_class", "product__parent"):
            if line.stockrecord:
                line.stockrecord.cancel_allocation(line.quantity)
        return True


def is_awaiting_payment(order) -> bool:
    """Whether money arriving now may pay the order; an order past its deadline is expired on the
    spot, so a late payment is refused even when the periodic task has not run yet."""
    if order.payment_state == Order.PaymentState.PENDING and is_past_deadline(order):
        expire_order(order.pk)
        order.refresh_from_db()
    return order.payment_state == Order.PaymentState.PENDING


def expire_unpaid_orders(now=None) -> int:
    """Expire every order whose payment deadline has passed; safe to run any number of times."""
    cutoff = (now or timezone.now()) - timedelta(minutes=settings.PAYMENT_DEADLINE_MINUTES)
    overdue = Order.objects.filter(payment_state=Order.PaymentState.PENDING, date_placed__lt=cutoff)
    return sum(expire_order(pk) for pk in overdue.values_list("pk", flat=True))
