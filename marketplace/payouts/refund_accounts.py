"""Where a bank-transfer refund is sent: the buyer gives the account on the order page, and staff
pay it by scanning a VietQR code of the exact amount instead of typing the account by hand."""

from django.db import transaction
from django.utils import timezone

from marketplace.payments.vietqr import VietQR
from marketplace.payouts.models import Refund


def refunds_awaiting_account_or_transfer(order):
    """The order's bank-transfer refunds staff have not paid yet (the account may still change)."""
    return order.refunds.filter(method=Refund.Method.BANK_TRANSFER, status=Refund.Status.OWED)


@transaction.atomic
def give_account(order, bank_bin: str, account_number: str, account_name: str) -> int:
    """Record the buyer's account on every unpaid bank-transfer refund of the order; the number of
    refunds it now applies to (0 when nothing is owed, e.g. staff paid meanwhile)."""
    refunds = list(refunds_awaiting_account_or_transfer(order).select_for_update())
    now = timezone.now()
    for refund in refunds:
        refund.buyer_bank_bin, refund.buyer_account_number = bank_bin, account_number
        refund.buyer_account_name, refund.buyer_account_given_at = account_name, now
        refund.save(update_fields=["buyer_bank_bin", "buyer_account_number", "buyer_account_name",
                                   "buyer_account_given_at"])
    return len(refunds)


def refund_vietqr(refund) -> VietQR | None:
    """The code staff scan in their banking app to pay the refund, once the buyer gave an account."""
    if not refund.account_given:
        return None
    return VietQR(bank_bin=refund.buyer_bank_bin, account_number=refund.buyer_account_number,
                  amount=refund.amount, purpose=f"HOAN TIEN {refund.order.number}"[:25])


def masked(account_number: str) -> str:
    """Enough of the number for the buyer to recognise it, not enough to reuse from a screenshot."""
    return "•" * max(len(account_number) - 4, 0) + account_number[-4:]
