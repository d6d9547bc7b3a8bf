"""Paid orders must not rot: a seller that has not accepted its part is reminded once, and after a
deadline the part is cancelled (and so refunded, see marketplace.payouts).

Both times count from payment and are decided by the clock, not by the periodic task: however late
or often it runs, a part is reminded at most once, never after its deadline, and cancelled once due.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.order import emails
from marketplace.order.fulfilment import FulfilmentError, cancel_part

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")


def reminder_time(order):
    return order.paid_at + timedelta(hours=settings.ORDER_ACCEPT_REMINDER_HOURS)


def accept_deadline(order):
    return order.paid_at + timedelta(hours=settings.ORDER_ACCEPT_DEADLINE_HOURS)


def deadline_reason() -> str:
    return _(
        "Người bán không xác nhận đơn trong %(hours)s giờ sau khi bạn thanh toán nên phần đơn này đã được "
        "hủy tự động."
    ) % {"hours": settings.ORDER_ACCEPT_DEADLINE_HOURS}


def _unaccepted():
    return OrderPart.objects.filter(
        status=OrderPart.Status.NEW, order__payment_state=Order.PaymentState.PAID, order__paid_at__isnull=False
    )


def send_reminder(part_id, now=None) -> bool:
    """Remind the seller of one unaccepted paid part, once, and only between reminder and deadline."""
    now = now or timezone.now()
    with transaction.atomic():
        part = _unaccepted().select_for_update(of=("self",)).select_related("order", "seller").filter(
            pk=part_id, reminded_at=None
        ).first()
        if part is None or not (reminder_time(part.order) <= now < accept_deadline(part.order)):
            return False
        message = emails.seller_reminder(part)
        if message is not None:
            message.send()
        part.reminded_at = now
        part.save(update_fields=["reminded_at"])
    return True


def enforce(now=None, remind=None) -> dict:
    """Cancel every part past its deadline, then remind every part past its reminder time; returns
    how many of each. `remind(part_id)` may enqueue the reminder (send_reminder) instead of sending it."""
    now = now or timezone.now()
    remind = remind or (lambda part_id: send_reminder(part_id, now=now))
    deadline_passed = now - timedelta(hours=settings.ORDER_ACCEPT_DEADLINE_HOURS)
    cancelled = 0
    for part in _unaccepted().filter(order__paid_at__lte=deadline_passed).order_by("pk"):
        try:
            cancel_part(part, deadline_reason())
        except FulfilmentError:  # accepted or cancelled since the query: nothing to do
            continue
        cancelled += 1
    due = _unaccepted().filter(
        reminded_at=None, order__paid_at__lte=now - timedelta(hours=settings.ORDER_ACCEPT_REMINDER_HOURS),
        order__paid_at__gt=deadline_passed,
    )
    reminded = 0
    for part_id in due.values_list("pk", flat=True):
        reminded += remind(part_id) is not False
    return {"cancelled": cancelled, "reminded": reminded}
