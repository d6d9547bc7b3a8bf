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
    """Where a visitor of `page` who chooses `language_code` should land: the page's live translation,
    else the nearest ancestor's (the translated home page at least); None when there is neither."""
    if not isinstance(page, Page) or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    if page.locale.language_code == language_code:
        return page.get_url(request)
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None
    # Root (depth 1) has no URL; the page itself first, then its ancestors, nearest first.
    keys = [page.translation_key] + list(
        page.get_ancestors().filter(depth__gt=1).order_by("-depth").values_list("translation_key", flat=True)
    )
    found = {
        translation.translation_key: translation
        for translation in Page.objects.filter(translation_key__in=keys, locale=locale).live().public()
    }
    for key in keys:
        if key in found:
            return found[key].get_url(request)
    return None


def page_alternates(page, request) -> list[tuple[str, str]]:
    """Every live public version of `page` (itself included) as (language code, absolute URL), default
    language first: the hreflang links of its head and of its sitemap entry. Empty when only one."""
    if not isinstance(page, Page) or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return []
    versions = Page.objects.filter(translation_key=page.translation_key).live().public().select_related("locale")
    return alternates_of(list(versions), request)


def alternates_of(versions, request) -> list[tuple[str, str]]:
    """(language code, absolute URL) of these versions of one page, default language first; empty
    when there is only one."""
    if len(versions) < 2:
        return []
    versions = sorted(versions, key=lambda version: (
        version.locale.language_code != settings.LANGUAGE_CODE, version.locale.language_code))
    alternates = []
    for version in versions:
        url = version.get_url(request)
        if url:
            alternates.append((version.locale.language_code, request.build_absolute_uri(url)))
    return alternates


def card_price_in_dong(request, product) -> int | None:
    """The price a product's card shows (a product sold in sizes: its cheapest), in whole đồng."""
    from catalog.templatetags.product_card_tags import card_price
    from marketplace.money import to_dong

    price = card_price(request, product).price
    if not price.exists:
        return None
    return to_dong(price.incl_tax if price.is_tax_known else price.excl_tax)
