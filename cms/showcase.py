"""What CMS pages show from the marketplace, read live and in a fixed number of queries.

Editors' choices are stored as ids; these functions turn them into what may be shown today: only
active sellers, public products (their ids: the product cards draw their price, stock and today's
badges, catalog/templatetags/product_card_tags.py), live public pages in the visitor's language.
Anything deleted meanwhile is skipped, so a page never breaks on a stale choice.
"""

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from catalog.search import service
from catalog.search.backends.base import Filters, SearchQuery
from marketplace import caching

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

FEATURED_COUNT = 8
CARD_IMAGE = "fill-480x320"


def featured_products(limit: int = FEATURED_COUNT):
    """The newest public products: their ids, for cached_cards to draw (and load only those whose
    card is not kept)."""
    return list(Product.objects.browsable().order_by("-date_created").values_list("pk", flat=True)[:limit])


def _in_chosen_order(rows, chosen):
    by_pk = {row.pk: row for row in rows}
    seen, ordered = set(), []
    for item in chosen:
        pk = getattr(item, "pk", None)
        if pk in by_pk and pk not in seen:
            seen.add(pk)
            ordered.append(by_pk[pk])
    return ordered


def _ids(chosen):
    return [item.pk for item in chosen if item is not None]


def live_sellers(chosen):
    """The chosen sellers that are still active, in the editor's order, with their public products counted."""
    ids = _ids(chosen)
    if not ids:
        return []
    rows = (
        Partner.objects.filter(pk__in=ids, is_active=True).select_related("commune")
        .annotate(public_products=Count("products", filter=Q(products__is_public=True, products__parent=None)))
    )
    return _in_chosen_order(rows, chosen)


def live_products(chosen):
    """The chosen products that are still public, in the editor's order: their ids, for cached_cards."""
    ids = _ids(chosen)
    if not ids:
        return []
    public = set(Product.objects.browsable().filter(pk__in=ids).values_list("pk", flat=True))
    return [pk for pk in dict.fromkeys(ids) if pk in public]


def collection_filters(*, gi=None, group=None, stars=None) -> dict:
    """A saved collection filter as search parameters (the same names the search page reads)."""
    params = {"gi": gi.slug if gi else None, "group": group or None, "stars": stars or None}
    return {name: value for name, value in params.items() if value is not None}


def collection_products(*, chosen, gi=None, group=None, stars=None, limit=FEATURED_COUNT):
    """A collection's product ids (for cached_cards) and the address of all of them: those
    chosen by hand, otherwise the newest products matching the saved filter, found by the
    marketplace's own search so that "see all" lists exactly the same products; nothing when neither
    is left."""
    if chosen:
        return live_products(chosen)[:limit], None
    params = collection_filters(gi=gi, group=group, stars=stars)
    if not params:
        # Its only filter was deleted (a GI): no filter would mean the whole catalogue, not this collection.
        return [], None
    filters = Filters(
        gi=params.get("gi"),
        group=int(params["group"]) if "group" in params else None,
        stars=int(params["stars"]) if "stars" in params else None,
    )
    found = service.found_ids(SearchQuery(filters=filters, sort="newest", per_page=limit, counted=False))
    return found, f"{reverse('search:search')}?{urlencode({**params, 'sort': 'newest'})}"


def localized(pages):
    """Each page in the visitor's language when a live translation exists, in the same order."""
    pages = list(pages)
    if not pages:
        return []
    locale = Locale.get_active()
    translations = {
        page.translation_key: page
        for page in Page.objects.live().public().filter(
            translation_key__in=[page.translation_key for page in pages], locale=locale
        ).specific()
    }
    return [translations.get(page.translation_key, page) for page in pages]


def with_card_images(pages):
    """Attach each page's cover image with its card rendition prefetched (`card_image`)."""
    ids = {page.cover_image_id for page in pages if getattr(page, "cover_image_id", None)}
    images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions(CARD_IMAGE).in_bulk() if ids else {}
    for page in pages:
        page.card_image = images.get(getattr(page, "cover_image_id", None))
    return pages


def live_stories(chosen):
    """The chosen story and news pages that are live and public, in the visitor's language."""
    ids = _ids(chosen)
    if not ids:
        return []
    pages = _in_chosen_order(Page.objects.live().public().filter(pk__in=ids).specific(), chosen)
    return with_card_images(localized(pages))


# What the CMS's own parts of the marketplace's pages are read from: kept until one of these changes,
# not redrawn after a product's edit.
CMS_READS = ("cms", "wagtailcore", "wagtailimages")


def stories_for_seller(seller):
    """The live producer stories linked to a seller, newest first, each in the visitor's language
    when translated (else Vietnamese, else the language it was written in)."""
    return caching.kept(f"stories-for-seller:{seller.pk}", lambda: _stories_for_seller(seller), reads=CMS_READS)


def _stories_for_seller(seller):
    from cms.models import ProducerStoryPage

    active, default = Locale.get_active().pk, Locale.get_default().pk
    best = {}
    for story in ProducerStoryPage.objects.live().public().filter(seller=seller).order_by("-first_published_at"):
        rank = 0 if story.locale_id == active else 1 if story.locale_id == default else 2
        if story.translation_key not in best or rank < best[story.translation_key][0]:
            best[story.translation_key] = (rank, story)
    return with_card_images([story for _rank, story in best.values()])


def gi_introduction(gi):
    """The editors' introduction to a GI in the visitor's language, else in Vietnamese, or None."""
    return caching.kept(f"gi-introduction:{gi.pk}", lambda: _gi_introduction(gi), reads=CMS_READS)


def _gi_introduction(gi):
    from cms.models import GIIntroduction

    active, default = Locale.get_active().pk, Locale.get_default().pk
    introductions = {
        intro.locale_id: intro
        for intro in GIIntroduction.objects.filter(geographic_indication=gi, locale_id__in={active, default})
        .select_related("image")
    }
    return introductions.get(active) or introductions.get(default)
