"""Shipping charges per seller: each seller ships its own parcel under its own rules.

Plain functions over a basket's lines, so the basket page, the checkout and the order all compute
the same whole-đồng amounts.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from oscar.core.loading import get_model

from catalog.ocop import OcopGroup
from marketplace.money import to_dong
from marketplace.shipping.models import SellerShippingRule

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")

WEIGHT_ATTRIBUTE = "weight"  # grams, an integer Oscar product attribute

# What a seller that has not written its own rules charges: a typical domestic parcel rate.
MARKETPLACE_DEFAULT_RULE = SellerShippingRule(
    first_weight=1000, first_charge=30_000, step_weight=500, step_charge=5_000, default_weight=500
)


@dataclass
class SellerQuote:
    """One seller's group of basket lines, what they cost and what shipping them costs."""

    seller: object = None
    lines: list = field(default_factory=list)
    subtotal: int = 0
    weight: int = 0  # grams of the lines that travel as a parcel
    needs_shipping: bool = False
    rule: SellerShippingRule | None = None
    charge: int = 0

    @property
    def free_from(self) -> int | None:
        return self.rule.free_from if self.rule and self.needs_shipping else None

    @property
    def missing_for_free(self) -> int | None:
        """How much more the buyer would spend with this seller for free shipping, if it helps."""
        if self.free_from is None or self.charge == 0:
            return None
        return self.free_from - self.subtotal

    @property
    def total(self) -> int:
        return self.subtotal + self.charge


def services_among(products) -> set[int]:
    """The ids of those products that are OCOP group 6 (community tourism, eco-tourism, sites):
    booked, not shipped. A variant is of its parent's class. One query for all of them."""
    tourism = OcopGroup.TOURISM
    return set(Product.objects.filter(pk__in={p.pk for p in products}).filter(
        Q(product_class__ocop_group=tourism) | Q(parent__product_class__ocop_group=tourism)
    ).values_list("pk", flat=True))


def weights_of(products) -> dict[int, int | None]:
    """Each product's weight in grams from its "weight" attribute, a variant falling back to its
    parent's; None when neither declares one."""
    ids = {p.pk for p in products} | {p.parent_id for p in products if p.parent_id}
    declared = dict(
        ProductAttributeValue.objects.filter(
            attribute__code=WEIGHT_ATTRIBUTE, product_id__in=ids, value_integer__isnull=False
        ).values_list("product_id", "value_integer")
    )
    return {p.pk: declared.get(p.pk, declared.get(p.parent_id)) for p in products}


def rules_for(seller_ids, province_id) -> dict[int, SellerShippingRule]:
    """Each seller's rule for the province, or its "everywhere else" rule."""
    rules = SellerShippingRule.objects.filter(seller_id__in=seller_ids).filter(
        Q(province_id=province_id) | Q(province__isnull=True) if province_id else Q(province__isnull=True)
    )
    chosen = {}
    for rule in rules:
        if rule.seller_id not in chosen or rule.province_id is not None:
            chosen[rule.seller_id] = rule
    return chosen


def quote_basket(basket, province_id=None) -> list[SellerQuote]:
    """The basket's lines grouped by seller (sorted by name), each with its shipping charge.

    Without a destination (the basket page, before an address is known) the sellers' "everywhere
    else" rules give the estimate.
    """
    lines = [line for line in basket.all_lines() if line.stockrecord_id]
    # Sellers, weights, services and rules in one query each, whatever the number of lines.
    sellers = Partner.objects.in_bulk({line.stockrecord.partner_id for line in lines})
    groups = defaultdict(SellerQuote)
    for line in lines:
        group = groups[line.stockrecord.partner_id]
        group.seller = sellers[line.stockrecord.partner_id]
        group.lines.append(line)
        group.subtotal += to_dong(line.line_price_incl_tax_incl_discounts)
    products = [line.product for line in lines]
    weights, services = weights_of(products), services_among(products)
    rules = rules_for(list(groups), province_id)
    for seller_id, group in groups.items():
        group.rule = rules.get(seller_id, MARKETPLACE_DEFAULT_RULE)
        for line in group.lines:
            if line.product.pk in services:
                continue
            group.needs_shipping = True
            grams = weights[line.product.pk] or group.rule.default_weight
            group.weight += grams * line.quantity
        group.charge = group.rule.charge_for(group.weight, group.subtotal) if group.needs_shipping else 0
    return sorted(groups.values(), key=lambda group: (group.seller.name, group.seller.pk))
