"""Province staff settle a bank transfer that matched no order (refunded, or reconciled by hand),
with a note saying what was done; the decision is written to the audit log."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import audit_log
from marketplace.decisions import NotDecidable, required_reason
from marketplace.payments.models import BankTransfer

UNMATCHED = [outcome for outcome in BankTransfer.Outcome.values
             if outcome not in (BankTransfer.Outcome.MATCHED, BankTransfer.Outcome.OUTGOING)]


def unmatched():
    """Transfers that matched no order, settled or not."""
    return BankTransfer.objects.filter(outcome__in=UNMATCHED)


def settle(transfer_id, staff, note) -> BankTransfer:
    note = required_reason(note, _("Hãy ghi đã xử lý thế nào (ví dụ: đã hoàn tiền cho người chuyển ngày …)."))
    with transaction.atomic():
        transfer = BankTransfer.objects.select_for_update().get(pk=transfer_id)
        if not transfer.needs_staff:
            raise NotDecidable(
                _("Giao dịch %(id)s không cần xử lý hoặc đã được xử lý trước đó.") % {"id": transfer.provider_id}
            )
        transfer.resolved = True
        transfer.settled_by = staff
        transfer.settled_at = timezone.now()
        transfer.settlement_note = note
        transfer.save(update_fields=["resolved", "settled_by", "settled_at", "settlement_note"])
        audit_log.record(transfer, audit_log.TRANSFER_SETTLED, staff, note, amount=transfer.amount,
                         outcome=transfer.outcome)
    return transfer
