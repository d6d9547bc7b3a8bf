from smtplib import SMTPException

from celery import shared_task
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.order import deadlines, emails
from marketplace.order.expiry import expire_unpaid_orders
from marketplace.payouts.models import OrderEmail

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")

_RETRY = {"autoretry_for": (SMTPException, OSError), "retry_backoff": 30, "max_retries": 6}


@shared_task(name="order.expire_unpaid_orders")
def expire_unpaid_orders_task() -> int:
    return expire_unpaid_orders()


@shared_task(name="order.send_order_email", bind=True, **_RETRY)
def send_order_email(self, name: str, object_id: int) -> bool:
    """Send e-mail `name` (see emails.BUILDERS) about an order or, for part e-mails, an order part.

    The record of the e-mail stays locked while it is sent: a second run waits, then sees it was
    sent. If sending fails nothing is recorded and Celery retries.
    """
    if name in emails.PART_EMAILS:
        subject = OrderPart.objects.select_related("order", "seller").filter(pk=object_id).first()
        order_id = subject.order_id if subject else None
    else:
        subject = Order.objects.filter(pk=object_id).first()
        order_id = object_id
    if subject is None:
        return False
    if name == "order_placed" and not self.request.is_eager and self.request.retries < 3 and not subject.parts.exists():
        # Oscar signals a placed order before the order creator splits it into sellers' parts (and
        # outside any transaction); a worker this quick waits a moment for each seller's shipping,
        # then sends without it rather than never.
        raise self.retry(countdown=3)
    with transaction.atomic():
        record, _created = OrderEmail.objects.get_or_create(key=f"{name}:{object_id}", defaults={"order_id": order_id})
        record = OrderEmail.objects.select_for_update().get(pk=record.pk)
        if record.sent_at is not None:
            return False
        message = emails.BUILDERS[name](subject)
        if message is None:  # nobody to write to (a seller without users)
            return False
        message.send()
        record.sent_at = timezone.now()
        record.recipients = ", ".join(message.to)
        record.save(update_fields=["sent_at", "recipients"])
    return True


@shared_task(name="order.send_accept_reminder", **_RETRY)
def send_accept_reminder(part_id: int) -> bool:
    return deadlines.send_reminder(part_id)


@shared_task(name="order.enforce_accept_deadlines")
def enforce_accept_deadlines() -> dict:
    return deadlines.enforce(remind=send_accept_reminder.delay)
