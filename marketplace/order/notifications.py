"""Who hears what about an order: each signal enqueues its e-mails once the change is committed.

Connected when the payouts app is ready (marketplace.payouts.apps), since the order app's config
comes from Oscar's fork and is not this module's to change.
"""

from django.dispatch import receiver
from oscar.apps.order.signals import order_placed
from oscar.core.loading import get_model

from marketplace.background import enqueue_on_commit
from marketplace.order.fulfilment import part_status_changed
from marketplace.order.payment_state import order_paid

OrderPart = get_model("order", "OrderPart")

PART_EMAIL_FOR_STATUS = {
    OrderPart.Status.SHIPPED: "part_shipped",
    OrderPart.Status.DELIVERED: "part_delivered",
    OrderPart.Status.CANCELLED: "part_cancelled",
}


def _send(name, object_id):
    from marketplace.order.tasks import send_order_email

    enqueue_on_commit(send_order_email, name, object_id)


@receiver(order_placed, dispatch_uid="order.notify_order_placed")
def notify_order_placed(sender, order, **kwargs):
    _send("order_placed", order.pk)


@receiver(order_paid, dispatch_uid="order.notify_order_paid")
def notify_order_paid(sender, order, method, **kwargs):
    _send("order_paid", order.pk)
    for part in order.parts.exclude(status=OrderPart.Status.CANCELLED):
        _send("seller_new_order", part.pk)


@receiver(part_status_changed, dispatch_uid="order.notify_part_status")
def notify_part_status(sender, part, old_status, by, **kwargs):
    name = PART_EMAIL_FOR_STATUS.get(part.status)
    if name and old_status != part.status:
        _send(name, part.pk)
