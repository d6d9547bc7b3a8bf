"""Template tags for the product page: structured data and variant prices."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from catalog.structured_data import product_json_ld

register = template.Library()

# The characters that could end a <script> element or open a comment inside it.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, product, *image_urls):
    data = product_json_ld(context["request"], product, [url for url in image_urls if url])
    payload = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def variant_offers(context, product):
    """Each public variant with its price and availability, for choosing a pack size."""
    strategy = context["request"].strategy
    return [(child, strategy.fetch_for_product(child)) for child in product.get_public_children()]
