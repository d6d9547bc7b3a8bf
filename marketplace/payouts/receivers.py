"""The ledger and refunds follow the order's signals, inside the transaction that sent them."""

from django.dispatch import receiver
from oscar.core.loading import get_model

from marketplace.order.fulfilment import part_status_changed
from marketplace.order.payment_state import order_paid
from marketplace.payouts import ledger, refunds

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")


@receiver(order_paid, dispatch_uid="payouts.book_paid_order")
def book_paid_order(sender, order, method, **kwargs):
    for part in order.parts.select_related("seller"):
        ledger.record_sale(part)
        if part.status == OrderPart.Status.CANCELLED:
            # Cancelled while the order waited for payment, and paid for all the same: give it back.
            refunds.open_refund(part)


@receiver(part_status_changed, dispatch_uid="payouts.refund_cancelled_part")
def refund_cancelled_part(sender, part, old_status, by, **kwargs):
    if part.status == OrderPart.Status.CANCELLED and part.order.payment_state == Order.PaymentState.PAID:
        refunds.open_refund(part)
