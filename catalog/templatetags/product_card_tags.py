"""What a product card shows about price, shared by the home page and the catalogue lists."""

from typing import NamedTuple

from django import template

register = template.Library()


class CardPrice(NamedTuple):
    price: object  # an Oscar price (`oscar.apps.partner.prices`)
    availability: object  # an Oscar availability policy
    is_from: bool  # True when the product comes in variants with different prices


def _amount(price):
    return price.incl_tax if price.is_tax_known else price.excl_tax


@register.simple_tag
def card_price(request, product):
    """The price a card shows: a product's own, or its cheapest variant's, read "from".

    Oscar's default strategy prices a parent product at its *first* child's price; a card
    should never promise more than the least a buyer can pay, so it asks the same strategy
    (`request.strategy`, as `purchase_info_for_product` does) for each public child.
    """
    strategy = request.strategy
    if not product.is_parent:
        info = strategy.fetch_for_product(product)
        return CardPrice(info.price, info.availability, False)

    parent_info = strategy.fetch_for_parent(product)
    prices = [strategy.fetch_for_product(child).price for child in product.get_public_children()]
    prices = [price for price in prices if price.exists]
    if not prices:
        return CardPrice(parent_info.price, parent_info.availability, False)
    cheapest = min(prices, key=_amount)
    is_from = len({_amount(price) for price in prices}) > 1
    return CardPrice(cheapest, parent_info.availability, is_from)
