from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from catalog.qr import qr_svg
from marketplace.payments.vietqr_orders import vietqr_for_order

register = template.Library()


@register.inclusion_tag("payments/partials/vietqr.html")
def vietqr_payment(order):
    """A scannable VietQR code for an order awaiting payment, with the same details as text."""
    qr = vietqr_for_order(order)
    return {
        "order": order,
        "qr": qr,
        # segno escapes the title and the payload is ASCII we built: the SVG is safe to inline.
        "svg": mark_safe(qr_svg(qr.payload(), title=f"VietQR {qr.purpose}", scale=5)),
        "account_name": settings.VIETQR_ACCOUNT_NAME,
    }
