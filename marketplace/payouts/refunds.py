"""Refunds of cancelled parts of paid orders.

A card order is refunded by Stripe (one idempotency key per part, so a retry can never refund
twice); a failed attempt is recorded and retried by the beat task until it succeeds. A bank-transfer
order's refund is owed to the buyer until staff transfer it and mark it paid. Once every part of a
paid order is cancelled and refunded, the order is "refunded".
"""

import logging
from datetime import timedelta

import stripe
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace import audit_log
from marketplace.background import enqueue_on_commit
from marketplace.payments import stripe_gateway
from marketplace.payments.models import CardPayment
from marketplace.payouts import ledger
from marketplace.payouts.models import Refund

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")

# A refund still pending after this long lost its task (worker or broker down): the sweep resends it.
STALE_PENDING = timedelta(minutes=10)


def card_payment_of(order) -> CardPayment | None:
    return CardPayment.objects.filter(order=order, status="succeeded").order_by("pk").first()


def open_refund(part) -> Refund | None:
    """Owe the buyer a cancelled paid part's amount and reverse it in the seller's ledger.

    Runs inside the transaction that cancelled the part (or paid the order); the Stripe call is
    sent once that commits. Opening twice returns the same refund.
    """
    existing = Refund.objects.filter(part=part).first()
    if existing:
        return existing
    ledger.record_sale(part)  # a part cancelled before the money arrived was never booked
    card = card_payment_of(part.order)
    refund = Refund.objects.create(
        part=part, order_id=part.order_id, amount=ledger.part_amount(part),
        method=Refund.Method.CARD if card else Refund.Method.BANK_TRANSFER,
        status=Refund.Status.PENDING if card else Refund.Status.OWED,
        payment_intent_id=card.payment_intent_id if card else "",
    )
    ledger.record_reversal(part)
    if card:
        from marketplace.payouts import tasks

        enqueue_on_commit(tasks.send_card_refund, refund.pk)
    return refund


def idempotency_key(refund) -> str:
    return f"order-{refund.order.number}-part-{refund.part_id}-refund"


def send_card_refund(refund_id) -> str:
    """Ask Stripe to refund the part to the card; returns the refund's status afterwards.

    The refund row stays locked during the call, so two runs cannot overlap; and Stripe answers a
    repeated idempotency key with the first refund, so a crash after Stripe's answer and before our
    commit cannot refund twice either.
    """
    with transaction.atomic():
        refund = Refund.objects.select_for_update().select_related("order").get(pk=refund_id)
        if refund.method != Refund.Method.CARD or refund.status not in (Refund.Status.PENDING, Refund.Status.FAILED):
            return refund.status
        refund.attempts += 1
        refund.last_attempt_at = timezone.now()
        try:
            if not refund.payment_intent_id:
                raise stripe.InvalidRequestError(_("Không tìm thấy thanh toán thẻ của đơn."), param=None)
            result = stripe_gateway.create_refund(
                refund.payment_intent_id, refund.amount, idempotency_key(refund),
                metadata={"order_number": str(refund.order.number), "order_part": str(refund.part_id)},
            )
        except stripe.StripeError as error:
            logger.warning("Refund %s failed (attempt %s): %s", refund.pk, refund.attempts, error)
            refund.status = Refund.Status.FAILED
            refund.last_error = str(getattr(error, "user_message", None) or error)[:300]
        else:
            refund.stripe_refund_id = result.id
            # "pending" means Stripe accepted the refund and the card network will carry it out.
            if result.status in ("succeeded", "pending"):
                refund.status = Refund.Status.SUCCEEDED
                refund.completed_at = timezone.now()
                refund.last_error = ""
            else:
                refund.status = Refund.Status.FAILED
                refund.last_error = f"Stripe: {result.status}"
        refund.save()
        if refund.is_done:
            settle_order(refund.order_id)
    return refund.status


@transaction.atomic
def mark_bank_refund_paid(refund_id, by, bank_reference) -> Refund:
    """Staff transferred a bank-transfer refund to the buyer."""
    refund = Refund.objects.select_for_update().get(pk=refund_id)
    if refund.method != Refund.Method.BANK_TRANSFER:
        raise ValidationError(_("Khoản hoàn này được hoàn về thẻ tự động, không cần chuyển khoản."))
    if refund.status == Refund.Status.PAID:
        raise ValidationError(_("Khoản hoàn này đã được đánh dấu đã chuyển trước đó."))
    bank_reference = (bank_reference or "").strip()
    if not bank_reference:
        raise ValidationError({"bank_reference": _("Hãy ghi mã giao dịch ngân hàng của lần chuyển hoàn tiền.")})
    refund.status = Refund.Status.PAID
    refund.bank_reference = bank_reference[:100]
    refund.paid_by = by
    refund.completed_at = timezone.now()
    refund.save()
    audit_log.record(refund, audit_log.REFUND_PAID, by, refund.bank_reference, amount=refund.amount,
                     order=refund.order.number)
    settle_order(refund.order_id)
    return refund


def settle_order(order_id) -> bool:
    """Mark a paid order refunded once every part is cancelled and every refund done."""
    order = Order.objects.select_for_update().get(pk=order_id)
    if order.payment_state != Order.PaymentState.PAID:
        return False
    parts = list(order.parts.all())
    if not parts or any(part.status != OrderPart.Status.CANCELLED for part in parts):
        return False
    done = Refund.objects.filter(order=order, status__in=Refund.DONE).count()
    if done != len(parts):
        return False
    order.payment_state = Order.PaymentState.REFUNDED
    order.save(update_fields=["payment_state"])
    return True


def retry_card_refunds(now=None) -> int:
    """Resend every failed card refund, and pending ones whose task was lost; safe to run any time."""
    now = now or timezone.now()
    due = Refund.objects.filter(method=Refund.Method.CARD).filter(
        status=Refund.Status.FAILED
    ) | Refund.objects.filter(
        method=Refund.Method.CARD, status=Refund.Status.PENDING, created_at__lt=now - STALE_PENDING
    )
    return sum(
        send_card_refund(pk) == Refund.Status.SUCCEEDED for pk in due.values_list("pk", flat=True)
    )
