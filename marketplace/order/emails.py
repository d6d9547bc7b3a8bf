"""The e-mails about an order: to the buyer when it is placed, paid, and when each seller's part is
shipped, delivered or cancelled; to each seller when a paid order holds its lines, and when it has
not accepted them in time. Built from templates/order/emails/<name>_{subject,body}.txt.

Every buyer e-mail carries the order's status page (Oscar's anonymous order page, signed with the
order's verification hash), so a guest can follow the order without an account.
"""

from datetime import timedelta
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.mail import seller_emails, templated_email
from marketplace.money import to_dong
from marketplace.payments.bank_transfers import order_reference
from sellers.banks import bank_name

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")


def status_path(order) -> str:
    """The order's page: in the buyer's account, or for a guest the page signed with the order's hash
    (Oscar finds only guests' orders there)."""
    if order.user_id:
        return reverse("customer:order", kwargs={"order_number": order.number})
    return reverse("customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()})


def status_url(order) -> str:
    return settings.SITE_URL + status_path(order)


def refund_account_url(order) -> str:
    """Where the buyer gives the account for a bank-transfer refund, signed like the status page."""
    return (settings.SITE_URL + reverse("refund-account", kwargs={"number": order.number})
            + f"?h={order.verification_hash()}")


def _message(template: str, to: list[str], context: dict) -> EmailMessage | None:
    return templated_email(f"order/emails/{template}", to, context)


def _buyer_message(template, order, **context):
    return _message(template, [order.email] if order.email else [], {
        "order": order, "status_url": status_url(order), **context,
    })


def seller_groups(order, lines=None):
    """The order's lines grouped by seller, each with its part (its shipping and status) when the
    part exists: [(seller, part or None, [lines])]."""
    parts = {part.seller_id: part for part in order.parts.all()}
    lines = lines if lines is not None else order.lines.select_related("partner").order_by("partner__name", "pk")
    return [
        (seller, parts.get(seller.pk if seller else None), list(group))
        for seller, group in groupby(lines, key=lambda line: line.partner)
    ]


def bank_transfer_details(order) -> dict | None:
    """What a buyer types into a banking app to pay the order by transfer; None for an order paid,
    expired, or being paid by card."""
    # The checkout records the chosen method as a payment Source ("card" or "vietqr", see
    # marketplace.checkout.payment_methods); a card intent started for the order says the same.
    by_card = order.sources.filter(source_type__code="card").exists() or order.card_payments.exists()
    if order.payment_state != Order.PaymentState.PENDING or by_card:
        return None
    return {
        "amount": to_dong(order.total_incl_tax),
        "account_number": settings.VIETQR_ACCOUNT_NUMBER,
        "account_name": settings.VIETQR_ACCOUNT_NAME,
        "bank_name": bank_name(settings.VIETQR_BANK_BIN),
        "reference": order_reference(order),
        "deadline_minutes": settings.PAYMENT_DEADLINE_MINUTES,
    }


def order_placed(order):
    return _buyer_message("order_placed", order, groups=seller_groups(order),
                          bank_transfer=bank_transfer_details(order))


def order_paid(order):
    return _buyer_message("order_paid", order, groups=seller_groups(order),
                          accept_hours=settings.ORDER_ACCEPT_DEADLINE_HOURS)


def part_shipped(part):
    return _buyer_message("part_shipped", part.order, part=part, lines=list(part.lines))


def part_delivered(part):
    return _buyer_message("part_delivered", part.order, part=part, lines=list(part.lines))


def part_cancelled(part):
    from marketplace.payouts.ledger import part_amount
    from marketplace.payouts.models import Refund

    order = part.order
    refund = Refund.objects.filter(part=part).first()
    paid = order.payment_state in (Order.PaymentState.PAID, Order.PaymentState.REFUNDED)
    return _buyer_message(
        "part_cancelled", order, part=part, lines=list(part.lines), paid=paid, refund=refund,
        amount=refund.amount if refund else part_amount(part),
        card=bool(refund and refund.method == Refund.Method.CARD),
        refund_account_url=refund_account_url(order),
    )


def _accept_deadline(part):
    return part.order.paid_at + timedelta(hours=settings.ORDER_ACCEPT_DEADLINE_HOURS)


def _seller_message(template, part, **context):
    return _message(template, seller_emails(part.seller), {
        "part": part, "order": part.order, "lines": list(part.lines),
        "address": part.order.shipping_address, "accept_by": _accept_deadline(part),
        "dashboard_url": settings.SITE_URL + reverse("dashboard:index"), **context,
    })


def seller_new_order(part):
    """"New order to accept": only this seller's lines and where to ship them."""
    return _seller_message("seller_new_order", part)


def seller_reminder(part):
    return _seller_message("seller_reminder", part)


BUILDERS = {
    "order_placed": order_placed,
    "order_paid": order_paid,
    "part_shipped": part_shipped,
    "part_delivered": part_delivered,
    "part_cancelled": part_cancelled,
    "seller_new_order": seller_new_order,
}
PART_EMAILS = {"part_shipped", "part_delivered", "part_cancelled", "seller_new_order"}
