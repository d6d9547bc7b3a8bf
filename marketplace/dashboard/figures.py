"""A seller's own figures for the dashboard's front page, as plain queries."""

from django.db.models import F, Q
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
StockRecord = get_model("partner", "StockRecord")
OcopCertificate = get_model("catalogue", "OcopCertificate")
GIRight = get_model("geo_indications", "GIRight")


def seller_figures(seller) -> dict[str, int]:
    """What needs the seller's attention: parts to accept and to ship, products with nothing left
    to sell, and certificates or GI rights still waiting for staff."""
    parts = OrderPart.objects.filter(seller=seller)
    return {
        "parts_to_accept": parts.filter(
            status=OrderPart.Status.NEW, order__payment_state=Order.PaymentState.PAID
        ).count(),
        "parts_to_ship": parts.filter(status=OrderPart.Status.ACCEPTED).count(),
        "products_out_of_stock": StockRecord.objects.filter(
            partner=seller, product__is_public=True,
            num_in_stock__lte=Coalesce(F("num_allocated"), 0),
        ).count(),
        "certificates_pending": OcopCertificate.objects.filter(
            Q(product__seller=seller) | Q(product__parent__seller=seller),
            status=OcopCertificate.Status.PENDING,
        ).count()
        + GIRight.objects.filter(seller=seller, verified_at__isnull=True, revoked_at__isnull=True).count(),
    }
