"""What the home page shows from the catalogue, in a fixed number of queries."""

from django.db.models import Prefetch
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

FEATURED_COUNT = 8


def featured_products(limit: int = FEATURED_COUNT):
    """The newest public, sellable products (parents and standalone), with what their cards need."""
    return list(
        Product.objects.browsable()
        .filter(is_public=True)
        .select_related("seller", "origin_commune", "product_class")
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order")),
            Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
            "children__stockrecords",
        )
        .order_by("-date_created")[:limit]
    )
