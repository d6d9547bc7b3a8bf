"""Caching the storefront: whole pages for anonymous visitors, fragments for everyone, and one
generation number that invalidates both whenever something they show changes.

What is cached never holds anything personal. A page is stored only as rendered for a visitor with
no session and no messages (a signed-in buyer's request renders it so, signed out, before serving
it to them), from a response that sets no cookie but the CSRF and history ones. The CSRF token
and the Content-Security-Policy nonce a page carries are replaced by placeholders before it is
stored and by the current visitor's own when it is served, and the header's basket and the product
page's "recently viewed" list are stored empty and drawn for each visitor from its own basket and
cookie (`mask_personal` / `unmask_personal`), so the same bytes serve everyone, visitors with a
basket too, without sharing anything of anyone's. Signed-in buyers are served the stored pages as
well, with the parts that are theirs (account links, wish lists, review votes…) drawn for them
(marketplace/personal_parts.py); staff, whose pages carry editing tools, get theirs rendered.

Invalidation: every save or delete of a model of the apps the storefront reads (catalogue, sellers,
GIs, CMS pages, images, reviews) bumps the generation, as does a change of the search index (its
own generation, catalog/search/documents.py); both are part of every key, so a change shows on the
next request. A stock count that moved without the product coming into or going out of stock, as
every order moves one, bumps only that product's stock generation, and only when few are left: its
own page is the one that shows the count then ("Chỉ còn 3", sellers/availability.py), and that
page's key carries it. A product card is kept per product (card_keys): a write to the product or to
a row of it (a stock record, an image, a certificate, a variant) changes its card and no other, so a
list page redrawn after an edit draws only the edited product's card. Keys also carry today's date
(OCOP certificates and GI rights end on a day) and the language; entries expire after
PAGE_CACHE_SECONDS anyway.
"""

import hashlib
import re
import time
from importlib import import_module
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage import default_storage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import timezone
from django.utils.translation import get_language
from oscar.core.loading import get_model

from marketplace import personal_parts
from marketplace.auth_backends import shows_permission

GENERATION_KEY = "storefront:generation"
STOCK_GENERATION_PREFIX = "storefront:stock:"
WRITES_PREFIX = "storefront:writes:"
EVERYTHING_KEY = "storefront:everything"
# Pages that show a product's stock count (its variants' too): keyed on its stock generation as well.
STOCK_COUNT_PAGES = {"catalogue:detail": "pk"}
# A product card (catalog/templatetags/product_card_tags.py) is kept until its product, or a row of
# it or of its variants (stock records, images, certificates, category links), is written: each
# product has its card generation. What else a card reads is written seldom, and counted by model.
CARD_GENERATION_PREFIX = "storefront:card:"
ALL_CARDS_KEY = "storefront:cards"  # bumped by a write whose products cannot be told
CARD_READS = ("catalogue.ProductClass", "catalogue.ProductClass_options", "catalogue.Option", "partner.Partner",
              "geo_indications")
# The apps whose writes are counted: the storefront shows their rows, or values kept from them.
STOREFRONT_APPS = {"catalogue", "partner", "geo_indications", "cms", "wagtailcore", "wagtailimages", "reviews",
                   "offer", "sites", "flatpages", "communication", "auth", "users"}
# Of those, the apps only kept values (`reads`) are drawn from: offers apply in each visitor's own
# basket (marketplace/basket/middleware.py), a buyer's unread notifications are counted in their
# own header (marketplace/personal_parts.py), and users' permissions decide only what their own
# pages show (auth_backends.shows_permission); no stored page or card shows any. A write to them
# (every order that used an offer records it, every sign-in) changes no page.
READS_ONLY_APPS = {"offer", "communication", "auth", "users"}
# Pages served whole to anonymous visitors: the shop's read pages, CMS pages and the public API.
CACHED_VIEWS = {
    "wagtail_serve", "catalogue:index", "catalogue:category", "catalogue:detail", "catalogue:ocop-group",
    "catalogue:provenance", "search:search", "sellers:producer", "geo_indications:detail",
    "api-v1:list_products", "api-v1:product_detail",
}
CACHED_CONTENT_TYPES = ("text/html", "application/json")
CSRF_PLACEHOLDER = b"<!--csrf-token-->"
NONCE_PLACEHOLDER = b"<!--csp-nonce-->"
MASKED_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
# The product page's "recently viewed" list comes from the visitor's history cookie
# (templates/oscar/customer/history/recently_viewed_products.html): stored empty, drawn per visitor.
RECENTLY_VIEWED = re.compile(rb"<!--recently-viewed-->.*?<!--/recently-viewed-->", re.DOTALL)
RECENTLY_VIEWED_EMPTY = b"<!--recently-viewed--><!--/recently-viewed-->"
RECENTLY_VIEWED_TEMPLATE = "oscar/customer/history/recently_viewed_products.html"
# The header's basket (templates/oscar/partials/mini_basket.html): stored empty, drawn for each
# visitor from its own basket, so a visitor with a basket is served stored pages too.
MINI_BASKET = re.compile(rb"<!--mini-basket-->.*?<!--/mini-basket-->", re.DOTALL)
MINI_BASKET_EMPTY = b"<!--mini-basket--><!--/mini-basket-->"
MINI_BASKET_TEMPLATE = "oscar/partials/mini_basket.html"


# --- the generation -----------------------------------------------------------------------------


def generation() -> str:
    """A value that changes whenever anything the storefront shows changes."""
    from catalog.search.documents import GENERATION_KEY as SEARCH_GENERATION_KEY

    values = cache.get_many([GENERATION_KEY, SEARCH_GENERATION_KEY])
    return f"{_counters([GENERATION_KEY], values)[0]}.{values.get(SEARCH_GENERATION_KEY, 0)}"


def _counters(keys, values=None) -> list:
    """The current values of these invalidation counters. One missing (never set, or evicted) starts
    again at a value it never had, so nothing stored under an old value is read again."""
    values = cache.get_many(keys) if values is None else values
    for key in keys:
        if key not in values:
            values[key] = time.time_ns()
            cache.add(key, values[key], None)
    return [values[key] for key in keys]


def _bump(keys):
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:  # not set yet (or evicted): any new value invalidates
            cache.set(key, time.time_ns(), None)


def bump_generation():
    """Everything stored goes stale: pages, fragments, and what is kept from particular models."""
    _bump([GENERATION_KEY, EVERYTHING_KEY])


def stock_generation(product_id) -> int:
    """A number that changes whenever the stock count of this product or of one of its variants does."""
    return _counters([f"{STOCK_GENERATION_PREFIX}{product_id}"])[0]


def _writes_key(label: str) -> str:
    """The counter of writes to a model ("offer.ConditionalOffer"), to any model of an app ("cms"), or
    to one row ("catalogue.Product:42")."""
    return f"{WRITES_PREFIX}{label}"


def _bump_now_and_at_commit(keys, using):
    """Now, for this transaction's own later reads; and once more at commit (once per transaction,
    however many rows it writes), so that what another request read meanwhile from the old rows is
    not kept. Django gives `run_on_commit` a new list at commit and at rollback."""
    _bump(keys)
    conn = transaction.get_connection(using)
    if not conn.in_atomic_block:
        return
    hooks, pending = getattr(conn, "_storefront_pending", (None, None))
    if hooks is conn.run_on_commit:
        pending.update(keys)
        return
    pending = set(keys)
    conn._storefront_pending = (conn.run_on_commit, pending)
    transaction.on_commit(lambda: _bump(sorted(pending)), using=using)


def written(label: str, using=None):
    """Tell what is kept with `reads` that a model was written to without its signals (a bulk_create)."""
    _bump_now_and_at_commit([_writes_key(label)], using)


def _changed(sender, using=None, **kwargs):
    if sender._meta.app_label not in STOREFRONT_APPS:
        return
    if kwargs.get("signal") is post_save and sender._meta.label == "partner.StockRecord" \
            and kwargs["instance"].only_count_moved():
        # Every order moves a count, and must not make the whole storefront (and every search's facet
        # counts) be read again. Only the product's own page shows it, and only when few are left.
        if kwargs["instance"].shown_count_moved():
            product = kwargs["instance"].product  # loaded already by the allocation that moved the count
            ids = {product.pk, product.parent_id} - {None}
            _bump_now_and_at_commit([f"{STOCK_GENERATION_PREFIX}{pk}" for pk in ids], using)
        return
    label = sender._meta.label
    counters = [_writes_key(sender._meta.app_label), _writes_key(label)]
    if sender._meta.app_label not in READS_ONLY_APPS:
        counters.append(GENERATION_KEY)
    if kwargs.get("signal") is not m2m_changed and kwargs["instance"].pk is not None:
        counters.append(_writes_key(f"{label}:{kwargs['instance'].pk}"))
    products = _products_written(sender, kwargs)
    counters += [ALL_CARDS_KEY] if products is None else [f"{CARD_GENERATION_PREFIX}{pk}" for pk in products]
    _bump_now_and_at_commit(counters, using)


def _products_written(sender, kwargs):
    """The products whose card this write may change: the product written, or the one the row
    written belongs to (anything with a `product`), and its parent, whose card its variants make;
    None when they cannot be told (a reverse many-to-many cleared). Models are told by their label,
    never looked up in the app registry: a test may leave the catalogue out of it."""
    instance = kwargs["instance"]
    if kwargs.get("signal") is m2m_changed:
        if _is_product(type(instance)):
            products = [instance]
        elif _is_product(kwargs["model"]):
            if kwargs["pk_set"] is None:
                return None
            variants = kwargs["model"].objects.filter(pk__in=kwargs["pk_set"], parent__isnull=False)
            return set(kwargs["pk_set"]) | set(variants.values_list("parent_id", flat=True))
        else:
            return set()
    elif _is_product(sender):
        products = [instance]
    elif getattr(instance, "product_id", None) is not None:
        field = instance._meta.get_field("product")
        if not field.is_cached(instance):
            parents = field.related_model.objects.filter(pk=instance.product_id).values_list("parent_id", flat=True)
            return {instance.product_id, parents.first()} - {None}
        products = [instance.product]
    else:
        return set()
    return {pk for product in products for pk in (product.pk, product.parent_id)} - {None}


def _is_product(model) -> bool:
    return model._meta.label == "catalogue.Product"


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"storefront-cache-{id(signal)}")


def scoped_key(prefix: str, *parts, reads=()) -> str:
    """A cache key that changes with the generation, the day and the language. With `reads`, the
    models what is kept under it was read from ("catalogue.Category", or "cms" for every model of
    an app), it changes with writes to those instead of with every change to the storefront. A
    Wagtail page is written as its own type ("cms.HomePage"), not as "wagtailcore.Page"."""
    return scoped_keys(prefix, [parts], reads=reads)[parts]


def scoped_keys(prefix: str, many, reads=()) -> dict:
    """scoped_key for each tuple of parts in `many`, reading the generation once."""
    changes = _counters([EVERYTHING_KEY, *(_writes_key(label) for label in reads)]) if reads else [generation()]
    scope = (*changes, timezone.localdate(), get_language())
    return {
        parts: f"{prefix}:{hashlib.sha256('|'.join(str(p) for p in (*scope, *parts)).encode()).hexdigest()}"
        for parts in many
    }


def card_keys(product_ids) -> dict:
    """The cache key of each product's card: it changes with that product's card generation, what
    else cards read (CARD_READS), the day and the language, not with other products' edits."""
    shared = [EVERYTHING_KEY, ALL_CARDS_KEY, *(_writes_key(label) for label in CARD_READS)]
    counters = _counters([*shared, *(f"{CARD_GENERATION_PREFIX}{pk}" for pk in product_ids)])
    scope = "|".join(str(part) for part in (*counters[:len(shared)], timezone.localdate(), get_language()))
    return {
        pk: f"card:{hashlib.sha256(f'{scope}|{pk}|{own}'.encode()).hexdigest()}"
        for pk, own in zip(product_ids, counters[len(shared):], strict=True)
    }


_MISSING = object()


def kept(name: str, compute, *, reads=()):
    """What `compute()` reads from storefront rows, kept until the storefront next changes (and for
    FRAGMENT_CACHE_SECONDS at most): for values every request would otherwise read again. With
    `reads` (scoped_key), kept until one of those models changes instead: a value read from tables
    that seldom change outlives the edits of products."""
    if not settings.FRAGMENT_CACHE_SECONDS:
        return compute()
    key = scoped_key("kept", name, reads=reads)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, settings.FRAGMENT_CACHE_SECONDS)
    return value


# --- personal values in shared bytes ------------------------------------------------------------


def mask_personal(content: bytes, request) -> bytes:
    """The same bytes without this visitor's basket and recently viewed products, and with its CSRF
    tokens and CSP nonce replaced by placeholders."""
    content = RECENTLY_VIEWED.sub(RECENTLY_VIEWED_EMPTY, content)
    content = MINI_BASKET.sub(MINI_BASKET_EMPTY, content)
    secret = request.META.get("CSRF_COOKIE")
    if secret:
        def placeholder(match):
            token = match.group().decode()
            return CSRF_PLACEHOLDER if _unmask_cipher_token(token) == secret else match.group()

        content = MASKED_TOKEN.sub(placeholder, content)
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str) and nonce:
        content = content.replace(nonce.encode(), NONCE_PLACEHOLDER)
    return content


def unmask_personal(content: bytes, request) -> bytes:
    """Stored bytes with this visitor's own basket, recently viewed products, CSRF token and CSP nonce."""
    if RECENTLY_VIEWED_EMPTY in content and settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME in request.COOKIES:
        content = content.replace(RECENTLY_VIEWED_EMPTY, _recently_viewed(request))
    if MINI_BASKET_EMPTY in content:
        content = content.replace(MINI_BASKET_EMPTY, _mini_basket(request))
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    if NONCE_PLACEHOLDER in content:
        content = content.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode())
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        content = personal_parts.redraw(content, request)
    return content


def _recently_viewed(request) -> bytes:
    """This visitor's list, newest first, from the ids in its cookie alone: the cards are kept as
    fragments (cached_cards), which leave out products no longer browsable."""
    from django.template.loader import get_template
    from oscar.core.loading import get_class

    history = get_class("customer.history", "CustomerHistoryManager")
    match = getattr(request, "resolver_match", None)
    current = str(match.kwargs.get("pk")) if match else None
    ids = [pk for pk in reversed(history.extract(request)) if str(pk) != current and isinstance(pk, int)]
    products = [SimpleNamespace(pk=pk) for pk in ids]
    # Without the context processors (a signed-in visitor's would count its notifications): the
    # cards read only the request.
    return get_template(RECENTLY_VIEWED_TEMPLATE).render({"products": products, "request": request}).encode()


_EMPTY_MINI_BASKETS = {}  # language → the header's basket for a visitor who has none


def _mini_basket(request) -> bytes:
    """The header's basket of this visitor, drawn without the context processors (the template
    reads only the request's basket); the same empty one, kept per language, for most visitors."""
    from django.template.loader import get_template

    # A signed-in visitor's basket is found by its owner, not by a cookie.
    has_basket = bool(request.COOKIES.get(settings.OSCAR_BASKET_COOKIE_OPEN)) or request.user.is_authenticated
    if not has_basket and get_language() in _EMPTY_MINI_BASKETS:
        return _EMPTY_MINI_BASKETS[get_language()]
    rendered = get_template(MINI_BASKET_TEMPLATE).render({"request": request}).encode()
    drawn = MINI_BASKET.search(rendered).group()  # without the blank lines its {% load %} tags leave
    if not has_basket:
        _EMPTY_MINI_BASKETS[get_language()] = drawn
    return drawn


def _remember_viewed(request, response):
    """What Oscar's product page does for its history cookie, for a page served from the store.
    (Oscar's view counts in `analytics` are not kept for any page: marketplace.apps.)"""
    from oscar.core.loading import get_class

    history = get_class("customer.history", "CustomerHistoryManager")
    history.update(SimpleNamespace(id=int(request.resolver_match.kwargs["pk"])), request, response)


# --- whole pages --------------------------------------------------------------------------------


STATELESS_COOKIES = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME,
                     settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME, settings.OSCAR_BASKET_COOKIE_OPEN}


def _cookies(request) -> set:
    # A cookie sent empty (a deleted one some clients still send) holds nothing.
    return {name for name, value in request.COOKIES.items() if value}


def _may_be_stored_for(request) -> bool:
    """No session (so not signed in, no checkout, no messages kept there): what is rendered for this
    visitor is what anyone would see, but for the parts unmask_personal draws. A basket is allowed."""
    return _cookies(request) <= STATELESS_COOKIES


def _may_be_served_to(request) -> bool:
    """A visitor without a session, or one whose session holds no message and who is no staff
    member: a stored page with its personal parts drawn for them is the page they would be shown."""
    cookies = _cookies(request)
    if cookies <= STATELESS_COOKIES:
        return True
    if cookies - STATELESS_COOKIES != {settings.SESSION_COOKIE_NAME} or "_messages" in request.session:
        return False
    user = request.user
    # The editing tools (Wagtail's user bar, Oscar's "edit this product") are on staff members' pages.
    return not (user.is_staff or user.is_superuser or shows_permission(user, "wagtailadmin.access_admin"))


def _page_key(request, view_kwargs) -> str:
    parts = [request.scheme, request.get_host(), request.get_full_path()]
    product_kwarg = STOCK_COUNT_PAGES.get(request.resolver_match.view_name)
    if product_kwarg:
        parts.append(stock_generation(view_kwargs.get(product_kwarg)))
    return scoped_key("page", *parts)


class PageCacheMiddleware:
    """Serves the read pages (CACHED_VIEWS) whole to anonymous visitors and signed-in buyers, each
    with their own basket and personal parts; stores them as rendered for a visitor without a session.

    Last in MIDDLEWARE, so that the CSRF, CSP, locale, session and basket middleware all run around
    a cached answer exactly as around a rendered one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and self._storable(request, response):
            # Innermost middleware: these are the view's own headers; the outer middleware adds its
            # own (CSP, security, cookies, Vary on language) to a stored page as to a rendered one.
            headers = dict(response.headers)
            cache.set(key, (mask_personal(response.content, request), headers), settings.PAGE_CACHE_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not (
            settings.PAGE_CACHE_SECONDS
            and request.method == "GET"
            and request.resolver_match.view_name in CACHED_VIEWS
            and _may_be_served_to(request)
        ):
            return None
        key = _page_key(request, view_kwargs)
        stored, state = cache.get(key), "hit"
        if stored is None:
            if _may_be_stored_for(request):
                request._page_cache_key = key
                return None
            # A signed-in buyer: the page is rendered as for a visitor without a session, stored for
            # everyone, and served with the buyer's parts drawn in, so that a site whose visitors are
            # all signed in has its pages stored too.
            stored, state = self._render_for_anyone(request, view_func, view_args, view_kwargs, key), "stored"
            if stored is None:
                return None  # not a page to share: rendered for them
        content, headers = stored
        response = HttpResponse(unmask_personal(content, request))
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = state
        if request.resolver_match.view_name == "catalogue:detail":
            _remember_viewed(request, response)
        return response

    # What the request holds of its visitor, and what a visitor without a session has instead.
    VISITOR = ("user", "session", "_messages", "basket", "basket_hash")

    def _render_for_anyone(self, request, view_func, view_args, view_kwargs, key):
        """The page rendered for nobody in particular (no user, an empty session, no messages, an
        empty basket), and stored if it may be; None if it may not. The request is given back its
        visitor either way."""
        visitor = {name: getattr(request, name, None) for name in self.VISITOR}
        request.user = AnonymousUser()
        request.session = import_module(settings.SESSION_ENGINE).SessionStore()
        request._messages = default_storage(request)
        request.basket, request.basket_hash = get_model("basket", "Basket")(), None
        request.basket.strategy = request.strategy
        try:
            response = view_func(request, *view_args, **view_kwargs)
            if callable(getattr(response, "render", None)):
                response = response.render()
            if not self._storable(request, response):
                return None
            stored = (mask_personal(response.content, request), dict(response.headers))
        finally:
            for name, value in visitor.items():
                setattr(request, name, value)
        cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
        return stored

    @staticmethod
    def _storable(request, response) -> bool:
        if response.status_code != 200 or response.streaming or not getattr(response, "is_rendered", True):
            return False
        if not response.get("Content-Type", "").startswith(CACHED_CONTENT_TYPES):
            return False
        if any(word in response.get("Cache-Control", "") for word in ("private", "no-cache", "no-store")):
            return False
        allowed = {settings.CSRF_COOKIE_NAME, settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME}
        if set(response.cookies) - allowed:
            return False
        # A page that showed a message (a bad filter value) shows it to this visitor only.
        messages = getattr(request, "_messages", None)
        if messages is not None and len(messages):
            return False
        # Anything that read the session or the user turned the visitor into someone: not shared.
        session = getattr(request, "session", None)
        if session is not None and (session.modified or getattr(request.user, "is_authenticated", False)):
            return False
        return True
