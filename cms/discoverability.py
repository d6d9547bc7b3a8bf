"""Addresses search engines and social networks should see: canonical URLs, shared images,
the translated page a language switch leads to."""

from urllib.parse import urlencode

from django.conf import settings
from wagtail.models import Locale, Page

# Parameters that make a different page rather than a different view of one: the page of a
# listing and a search's words. Filters, sorting and tracking tags are dropped.
CANONICAL_PARAMETERS = ("q", "page")
SHARE_IMAGE = "fill-1200x630"


def canonical_url(request, path=None) -> str:
    path = path or request.path
    kept = [
        (name, value) for name in CANONICAL_PARAMETERS
        if (value := request.GET.get(name, "").strip()) and not (name == "page" and value == "1")
    ]
    return request.build_absolute_uri(path) + (f"?{urlencode(kept)}" if kept else "")


def absolute_image_url(request, image) -> str:
    """A shareable absolute URL for a URL string or a Wagtail image (as a 1200×630 rendition)."""
    if not image:
        return ""
    if hasattr(image, "get_rendition"):
        image = image.get_rendition(SHARE_IMAGE).url
    return request.build_absolute_uri(image)


def translated_page_url(page, language_code, request=None) -> str | None:
    """The URL of `page`'s live translation into `language_code`, or None when there is none."""
    if not isinstance(page, Page) or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    if page.locale.language_code == language_code:
        return page.get_url(request)
    locale = Locale.objects.filter(language_code=language_code).first()
    translation = page.get_translation_or_none(locale) if locale else None
    if translation is None or not translation.live:
        return None
    return translation.get_url(request)


def card_price_in_dong(request, product) -> int | None:
    """The price a product's card shows (a product sold in sizes: its cheapest), in whole đồng."""
    from catalog.templatetags.product_card_tags import card_price
    from marketplace.money import to_dong

    price = card_price(request, product).price
    if not price.exists:
        return None
    return to_dong(price.incl_tax if price.is_tax_known else price.excl_tax)
