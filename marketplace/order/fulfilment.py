"""A seller's part of an order moves new → accepted → shipped → delivered, or is cancelled.

These functions are the only way a part changes status: the seller's dashboard, the deadline task and
staff all go through them, so the rules and the `part_status_changed` signal hold everywhere.
Receivers (buyer e-mails, refunds, the ledger) must enqueue their work on commit.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
Status = OrderPart.Status

# Sent inside the transaction that changed the part: part=<OrderPart>, old_status=<str>, by=<User|None>.
part_status_changed = Signal()


class FulfilmentError(ValidationError):
    """A transition the part's current state does not allow, with the reason in Vietnamese."""


def _locked(part) -> OrderPart:
    return OrderPart.objects.select_for_update().select_related("order").get(pk=part.pk)


def _move(part, new_status, by, **fields) -> OrderPart:
    old_status = part.status
    part.status = new_status
    for name, value in fields.items():
        setattr(part, name, value)
    part.save(update_fields=["status", "updated_at", *fields])
    part_status_changed.send(sender=OrderPart, part=part, old_status=old_status, by=by)
    return part


@transaction.atomic
def accept_part(part, by=None) -> OrderPart:
    part = _locked(part)
    if part.status != Status.NEW:
        raise FulfilmentError(_("Chỉ nhận được đơn mới; đơn này đang ở trạng thái “%s”.") % part.get_status_display())
    if part.order.payment_state != Order.PaymentState.PAID:
        raise FulfilmentError(_("Đơn chưa được thanh toán: chờ người mua thanh toán rồi mới nhận đơn."))
    return _move(part, Status.ACCEPTED, by, accepted_at=timezone.now())


@transaction.atomic
def ship_part(part, carrier, tracking_number, by=None) -> OrderPart:
    carrier, tracking_number = (carrier or "").strip(), (tracking_number or "").strip()
    part = _locked(part)
    if part.status != Status.ACCEPTED:
        raise FulfilmentError(
            _("Chỉ giao được đơn đã nhận; đơn này đang ở trạng thái “%s”.") % part.get_status_display()
        )
    errors = {}
    if not carrier:
        errors["carrier"] = _("Hãy ghi đơn vị vận chuyển (ví dụ: Viettel Post, VNPost, GHN).")
    if not tracking_number:
        errors["tracking_number"] = _("Hãy ghi mã vận đơn để người mua theo dõi được.")
    if errors:
        raise FulfilmentError(errors)
    for line in part.lines.select_related("stockrecord"):
        if line.stockrecord:
            line.stockrecord.consume_allocation(line.quantity)
    return _move(
        part, Status.SHIPPED, by, carrier=carrier, tracking_number=tracking_number, shipped_at=timezone.now()
    )


@transaction.atomic
def mark_delivered(part, by=None) -> OrderPart:
    part = _locked(part)
    if part.status != Status.SHIPPED:
        raise FulfilmentError(_("Chỉ xác nhận đã giao cho đơn đang giao; đơn này đang ở trạng thái “%s”.")
                              % part.get_status_display())
    return _move(part, Status.DELIVERED, by, delivered_at=timezone.now())


@transaction.atomic
def cancel_part(part, reason, by=None) -> OrderPart:
    """Cancel a part not yet shipped and put its stock back on sale; a paid part's refund is the
    business of the receivers of `part_status_changed`."""
    reason = (reason or "").strip()
    part = _locked(part)
    if part.status not in (Status.NEW, Status.ACCEPTED):
        raise FulfilmentError(_("Không thể hủy đơn ở trạng thái “%s”.") % part.get_status_display())
    if not reason:
        raise FulfilmentError({"cancel_reason": _("Hãy cho người mua biết lý do hủy đơn.")})
    if part.order.payment_state != Order.PaymentState.EXPIRED:  # expiry already released the stock
        for line in part.lines.select_related("stockrecord"):
            if line.stockrecord:
                line.stockrecord.cancel_allocation(line.quantity)
    return _move(part, Status.CANCELLED, by, cancel_reason=reason, cancelled_at=timezone.now())
