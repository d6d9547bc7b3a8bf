from oscar.apps.order.utils import *  # noqa: F403
from oscar.apps.order.utils import OrderCreator as OscarOrderCreator
from oscar.core.loading import get_model

OrderPart = get_model("order", "OrderPart")


def split_into_parts(order):
    """One part per seller whose products are in the order; safe to call twice."""
    seller_ids = set(order.lines.exclude(partner=None).values_list("partner_id", flat=True))
    existing = set(order.parts.values_list("seller_id", flat=True))
    OrderPart.objects.bulk_create(
        [OrderPart(order=order, seller_id=seller_id) for seller_id in sorted(seller_ids - existing)]
    )


class OrderCreator(OscarOrderCreator):
    def place_order(self, *args, **kwargs):
        order = super().place_order(*args, **kwargs)
        split_into_parts(order)
        return order
