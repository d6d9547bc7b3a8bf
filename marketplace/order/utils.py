from oscar.apps.order.utils import *  # noqa: F403
from oscar.apps.order.utils import OrderCreator as OscarOrderCreator
from oscar.core.loading import get_model

OrderPart = get_model("order", "OrderPart")


def split_into_parts(order, shipping_charges=None):
    """One part per seller whose products are in the order, each with its own shipping charge
    (`shipping_charges`: seller id → đồng); safe to call twice."""
    shipping_charges = shipping_charges or {}
    seller_ids = set(order.lines.exclude(partner=None).values_list("partner_id", flat=True))
    existing = set(order.parts.values_list("seller_id", flat=True))
    OrderPart.objects.bulk_create([
        OrderPart(order=order, seller_id=seller_id, shipping_charge=shipping_charges.get(seller_id, 0))
        for seller_id in sorted(seller_ids - existing)
    ])


class OrderCreator(OscarOrderCreator):
    def place_order(self, basket, *args, **kwargs):
        shipping_method = kwargs.get("shipping_method") or (args[1] if len(args) > 1 else None)
        # An offer may wrap the method; the sellers' own charges are those of the wrapped one.
        charges_by_seller = getattr(getattr(shipping_method, "method", shipping_method), "charges_by_seller", None)
        charges = charges_by_seller(basket) if charges_by_seller else {}
        order = super().place_order(basket, *args, **kwargs)
        split_into_parts(order, charges)
        return order
