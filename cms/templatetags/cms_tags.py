"""Template tags for CMS content and for what every public page tells search engines and social networks."""

from django import template
from django.conf import settings
from django.utils.html import format_html_join, strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language
from wagtail.models import Page

from cms import discoverability, safety
from marketplace import caching
from marketplace.sanitise import clean_html

register = template.Library()

# What a page's translations are found from: Wagtail's pages, locales, view restrictions and sites,
# and this app's pages, each written as its own type.
PAGE_READS = ("wagtailcore", "cms")


def _kept_for(name, page, request, compute):
    """Kept until a CMS page changes: every page shows its language links, and a product's edit
    must not make each of them be looked up again."""
    if not isinstance(page, Page) or request is None:
        return compute()
    return caching.kept(f"{name}:{page.pk}:{request.scheme}:{request.get_host()}", compute, reads=PAGE_READS)


@register.filter
def safe_richtext(value):
    """Wagtail rich text, expanded and sanitised (use instead of `|richtext`)."""
    return safety.safe_rich_text(value)


@register.filter
def is_safe_link(url):
    return safety.is_safe_link(url)


@register.simple_tag(takes_context=True)
def canonical_url(context, path=None):
    """This page's address without filter, sort or tracking parameters."""
    request = context.get("request")
    return discoverability.canonical_url(request, path) if request else ""


@register.simple_tag(takes_context=True)
def language_url(context, language_code):
    """Where the language switch should lead for `language_code`: the translation of the
    Wagtail page being shown when a live one exists, otherwise this same address."""
    request = context.get("request")
    here = request.get_full_path() if request else "/"
    page = context.get("page")
    translated = _kept_for(f"translated-url:{language_code}", page, request,
                           lambda: discoverability.translated_page_url(page, language_code, request))
    return translated or here


@register.simple_tag(takes_context=True)
def hreflang_links(context, page):
    """<link rel="alternate" hreflang> to each language's version of a Wagtail page, and x-default
    to the Vietnamese one; nothing for a page in one language only."""
    request = context.get("request")
    alternates = _kept_for("alternates", page, request,
                           lambda: discoverability.page_alternates(page, request)) if request else []
    if not alternates:
        return ""
    links = [*alternates, ("x-default", alternates[0][1])]
    return format_html_join("\n", '<link rel="alternate" hreflang="{}" href="{}" />', links)


@register.inclusion_tag("cms/partials/social_tags.html", takes_context=True)
def social_tags(context, title="", description="", image=None, kind="website", page=None, product=None):
    """Open Graph and Twitter card tags. `image` is a URL or a Wagtail image. With `page` (a Wagtail
    page) or `product`, the title, description and image (and a product's price) come from it."""
    request = context.get("request")
    shop_name = context.get("shop_name") or settings.OSCAR_SHOP_NAME
    price = None
    if product is not None and request is not None:
        title = title or product.get_title()
        description = description or product.get_meta_description()
        kind = "product"
        price = discoverability.card_price_in_dong(request, product)
    if isinstance(page, Page):
        title = title or page.seo_title or page.title
        description = description or page.search_description or getattr(page, "intro", "")
        image = image or getattr(page, "social_image", None)
        kind = "article" if getattr(page, "is_article", False) else kind
    # Through the sanitiser first, so a script's text does not become the description either.
    description = " ".join(strip_tags(clean_html(str(description or ""))).split())
    return {
        "title": title or shop_name,
        "description": Truncator(description or settings.OSCAR_SHOP_TAGLINE).chars(200),
        "image": discoverability.absolute_image_url(request, image) if request else "",
        "kind": kind,
        "price": price,
        "url": discoverability.canonical_url(request) if request else "",
        "site_name": shop_name,
        "locale": "en_US" if (get_language() or "").startswith("en") else "vi_VN",
    }
