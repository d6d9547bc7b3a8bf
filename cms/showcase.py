"""What the home page shows from the catalogue, in a fixed number of queries."""

from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")

FEATURED_COUNT = 8


def featured_products(limit: int = FEATURED_COUNT):
    """The newest public products, with what their cards need."""
    return list(Product.objects.for_cards().order_by("-date_created")[:limit])
