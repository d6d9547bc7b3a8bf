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
    """The price a card shows: a product's own, or for one sold in sizes its cheapest size's
    (the strategy's parent price), read "from" when the sizes cost different amounts."""
    strategy = request.strategy
    if not product.is_parent:
        info = strategy.fetch_for_product(product)
        return CardPrice(info.price, info.availability, False)
    info = strategy.fetch_for_parent(product)
    amounts = {
        _amount(price)
        for price in (strategy.fetch_for_product(child).price for child in product.get_public_children())
        if price.exists
    }
    return CardPrice(info.price, info.availability, len(amounts) > 1)


@register.simple_tag
def cards_of(products):
    """The same products, in the same order, loaded with everything their cards read in a fixed
    number of queries (Product.objects.for_cards); those no longer browsable are left out."""
    from catalog.models import Product

    ids = [product.pk for product in products]
    found = Product.objects.for_cards().in_bulk(ids) if ids else {}
    return [found[pk] for pk in ids if pk in found]
