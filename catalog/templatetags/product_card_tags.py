"""What a product card shows about price, shared by the home page and the catalogue lists."""

from typing import NamedTuple

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from oscar.templatetags.product_tags import render_product

from marketplace import caching

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


def _pk(product_or_id):
    return getattr(product_or_id, "pk", product_or_id)


@register.simple_tag
def cards_of(products):
    """The same products (or their ids), in the same order, loaded with everything their cards read
    in a fixed number of queries (Product.objects.for_cards); those no longer browsable are left out."""
    from catalog.models import Product

    ids = [_pk(product) for product in products]
    found = Product.objects.for_cards().in_bulk(ids) if ids else {}
    return [found[pk] for pk in ids if pk in found]


def _loaded_for_cards(product) -> bool:
    """Loaded by Product.objects.for_cards(), which annotates what Oscar's `has_options` reads."""
    return hasattr(product, "has_product_class_options")


@register.simple_tag(takes_context=True)
def cached_cards(context, products, limit=None):
    """The product cards (Oscar's render_product) of these products, in order, at most `limit`, each
    kept as a fragment until that product changes (caching.card_keys). Products loaded by for_cards()
    are drawn as they are; others (anything with a `pk`, or product ids) are loaded for cards, only
    those whose card is not kept, and those no longer browsable are left out."""
    from catalog.models import Product

    request = context.get("request")
    if request is None or not settings.FRAGMENT_CACHE_SECONDS:
        if not all(_loaded_for_cards(product) for product in products):
            products = cards_of(products)
        return [render_product(context, product) for product in products][:limit]
    keys = caching.card_keys(list(dict.fromkeys(_pk(p) for p in products)))
    stored = cache.get_many(list(keys.values())) if keys else {}
    missing = [pk for pk, key in keys.items() if key not in stored]
    if missing:
        # Products not found keep an empty card, so that a stale id costs no query next time.
        rendered = {keys[pk]: b"" for pk in missing}
        loaded = {p.pk: p for p in products if _loaded_for_cards(p) and p.pk in set(missing)}
        to_load = [pk for pk in missing if pk not in loaded]
        if to_load:
            loaded.update(Product.objects.for_cards().in_bulk(to_load))
        for product in loaded.values():
            rendered[keys[product.pk]] = caching.mask_personal(render_product(context, product).encode(), request)
        cache.set_many(rendered, settings.FRAGMENT_CACHE_SECONDS)
        stored.update(rendered)
    cards = [stored[key] for key in keys.values() if stored.get(key)][:limit]
    return [mark_safe(caching.unmask_personal(card, request).decode()) for card in cards]
