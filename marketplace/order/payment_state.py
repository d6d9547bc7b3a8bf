"""The moment an order becomes paid: one function, and a signal for everything that follows from it
(e-mails to the buyer and sellers, the sellers' ledger)."""

from django.dispatch import Signal
from django.utils import timezone
from oscar.core.loading import get_model

Order = get_model("order", "Order")

# Sent inside the transaction that marked the order paid: order=<Order>, method=<"vietqr"|"card"|…>.
order_paid = Signal()


def mark_paid(order, method: str) -> None:
    """Mark a (locked, payable) order paid by `method`; callers have already verified the money."""
    order.payment_state = Order.PaymentState.PAID
    order.paid_at = timezone.now()
    order.save(update_fields=["payment_state", "paid_at"])
    order_paid.send(sender=Order, order=order, method=method)
