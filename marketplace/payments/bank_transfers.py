"""Matching bank-transfer notifications (SePay format) to orders.

A transfer marks an order paid only when its content carries the order's reference, its amount is
the order's total to the đồng, and the order is still waiting for payment. Everything else is kept
with the reason, for staff to settle.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.money import to_dong
from marketplace.order.expiry import is_awaiting_payment
from marketplace.order.payment_state import mark_paid
from marketplace.payments.models import BankTransfer

Order = get_model("order", "Order")

REFERENCE_PREFIX = "OCOP"
# Banks often drop spaces and punctuation from the purpose line, and some upper-case it.
_REFERENCE = re.compile(rf"{REFERENCE_PREFIX}\W*(\d{{4,20}})", re.IGNORECASE)


def order_reference(order) -> str:
    """The text buyers send in the transfer's purpose field (ASCII, short enough for VietQR)."""
    return f"{REFERENCE_PREFIX}{order.number}"


def find_order_number(content: str) -> str:
    match = _REFERENCE.search(content or "")
    return match.group(1) if match else ""


class NotificationError(ValueError):
    """A notification whose fields are missing or malformed; the message is shown to the sender."""


@dataclass(frozen=True)
class Notification:
    provider_id: str
    gateway: str
    transaction_date: datetime | None
    account_number: str
    content: str
    amount: int
    direction: str
    bank_reference: str
    raw: dict

    @classmethod
    def from_sepay(cls, data) -> "Notification":
        if not isinstance(data, dict):
            raise NotificationError("Dữ liệu phải là một đối tượng JSON.")
        missing = [key for key in ("id", "transferType", "transferAmount") if data.get(key) in (None, "")]
        if missing:
            raise NotificationError("Thiếu trường: " + ", ".join(missing) + ".")
        direction = str(data["transferType"]).lower()
        if direction not in ("in", "out"):
            raise NotificationError("transferType phải là 'in' hoặc 'out'.")
        amount = data["transferAmount"]
        if isinstance(amount, bool) or not isinstance(amount, (int, str)):
            raise NotificationError("transferAmount phải là số nguyên đồng.")
        try:
            amount = to_dong(amount)
        except (TypeError, ValueError):
            raise NotificationError("transferAmount phải là số nguyên đồng.") from None
        if amount <= 0 or str(data["transferAmount"]).strip() != str(amount):
            raise NotificationError("transferAmount phải là số nguyên đồng dương.")
        return cls(
            provider_id=str(data["id"])[:64],
            gateway=str(data.get("gateway") or "")[:64],
            transaction_date=_parse_date(data.get("transactionDate")),
            account_number=str(data.get("accountNumber") or "")[:32],
            content=str(data.get("content") or data.get("description") or ""),
            amount=amount,
            direction=direction,
            bank_reference=str(data.get("referenceCode") or "")[:100],
            raw=data,
        )


def _parse_date(value):
    if not value:
        return None
    try:
        parsed = datetime.strptime(str(value), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise NotificationError("transactionDate phải có dạng YYYY-MM-DD HH:MM:SS.") from None
    return timezone.make_aware(parsed)


def record(notification: Notification) -> tuple[BankTransfer, bool]:
    """Store the transfer and settle its order; a repeated notification changes nothing.

    Returns the transfer and whether it was new.
    """
    try:
        with transaction.atomic():
            transfer = _record_new(notification)
    except IntegrityError:
        return BankTransfer.objects.get(provider_id=notification.provider_id), False
    return transfer, True


def _record_new(n: Notification) -> BankTransfer:
    fields = dict(
        provider_id=n.provider_id, gateway=n.gateway, transaction_date=n.transaction_date,
        account_number=n.account_number, content=n.content, amount=n.amount, direction=n.direction,
        bank_reference=n.bank_reference, raw=n.raw,
    )
    if n.direction == "out":
        return BankTransfer.objects.create(**fields, outcome=BankTransfer.Outcome.OUTGOING)
    number = find_order_number(n.content)
    if not number:
        return BankTransfer.objects.create(**fields, outcome=BankTransfer.Outcome.NO_REFERENCE)
    order = Order.objects.select_for_update().filter(number=number).first()
    if order is None:
        return BankTransfer.objects.create(
            **fields, order_reference=number, outcome=BankTransfer.Outcome.UNKNOWN_ORDER
        )
    outcome = _outcome_for(order, n.amount)
    if outcome == BankTransfer.Outcome.MATCHED:
        mark_paid(order, method="vietqr")
    return BankTransfer.objects.create(**fields, order_reference=number, order=order, outcome=outcome)


def _outcome_for(order, amount: int) -> str:
    if not is_awaiting_payment(order):
        return BankTransfer.Outcome.NOT_PAYABLE
    due = to_dong(order.total_incl_tax)
    if amount < due:
        return BankTransfer.Outcome.UNDERPAID
    if amount > due:
        return BankTransfer.Outcome.OVERPAID
    return BankTransfer.Outcome.MATCHED
