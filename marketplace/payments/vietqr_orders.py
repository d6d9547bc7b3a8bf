"""The VietQR code a buyer scans to pay an order, from the marketplace's collection account."""

from django.conf import settings

from marketplace.money import to_dong
from marketplace.payments.bank_transfers import order_reference
from marketplace.payments.vietqr import VietQR


def vietqr_for_order(order) -> VietQR:
    """The exact amount due, and the order's reference in the purpose line for matching."""
    return VietQR(
        bank_bin=settings.VIETQR_BANK_BIN,
        account_number=settings.VIETQR_ACCOUNT_NUMBER,
        amount=to_dong(order.total_incl_tax),
        purpose=order_reference(order),
    )
