from django import template
from django.utils.safestring import mark_safe

from catalog.qr import qr_svg
from marketplace.payouts.refund_accounts import refund_vietqr

register = template.Library()


@register.simple_tag
def refund_qr(refund):
    """The VietQR staff scan to pay a bank-transfer refund to the account the buyer gave; empty
    until the buyer gives one."""
    qr = refund_vietqr(refund)
    if qr is None:
        return ""
    # segno escapes the title and the payload is digits and ASCII we built: safe to inline.
    return mark_safe(qr_svg(qr.payload(), title=f"VietQR {qr.purpose}", scale=3))
