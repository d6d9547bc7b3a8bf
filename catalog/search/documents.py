"""Building search documents from the catalogue in bulk: a fixed number of queries per batch."""

import time
from collections import defaultdict

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q, Value
from django.utils import timezone
from django.utils.html import strip_tags
from oscar.core.loading import get_model

from catalog.search.backends.base import price_range_of
from catalog.search.models import FacetCombination, ProductSearchDocument, SearchWord
from catalog.search.query_text import folded_words
from geo_indications.rules import gi_shown_annotations
from marketplace import caching
from marketplace.money import to_dong

Category = get_model("catalogue", "Category")
OcopCertificate = get_model("catalogue", "OcopCertificate")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")
GIRight = get_model("geo_indications", "GIRight")
GeographicIndication = get_model("geo_indications", "GeographicIndication")

BATCH_SIZE = 1000
PRODUCT_FIELDS = (
    "id", "title", "description", "date_created", "rating", "product_class__ocop_group",
    "product_class__track_stock", "seller_id", "seller__name", "seller__kind",
    "origin_commune_id", "origin_commune__name", "origin_commune__province_id",
    "origin_commune__province__name", "seller__commune_id", "seller__commune__name",
    "seller__commune__province_id", "seller__commune__province__name",
    "geographic_indication_id", "geographic_indication__name_vi", "geographic_indication__slug",
    "gi_right_valid", "gi_origin_protected", "gi_category_allowed",
)


def indexable_ids(product_ids) -> set[int]:
    """The browsable products whose documents depend on these products (a variant → its parent)."""
    ids = set(product_ids)
    parents = Product.objects.filter(pk__in=ids, parent__isnull=False).values_list("parent_id", flat=True)
    return ids | set(parents)


def _category_names():
    """Each category's name with its ancestors' names (`Chè` → `Đồ uống Chè`), by category id."""
    rows = list(Category.objects.values_list("id", "path", "name"))
    by_path = {path: name for _, path, name in rows}
    step = Category.steplen
    return {
        pk: " ".join(by_path.get(path[:end], "") for end in range(step, len(path) + 1, step))
        for pk, path, _ in rows
    }


def _product_rows(ids):
    return Product.objects.browsable().filter(pk__in=ids).annotate(
        **gi_shown_annotations(timezone.localdate())
    ).values(*PRODUCT_FIELDS)


def _offers(ids):
    """Lowest whole-đồng price and whether anything is in stock, over a product and its variants."""
    prices, in_stock = {}, set()
    rows = StockRecord.objects.filter(Q(product_id__in=ids) | Q(product__parent_id__in=ids)).values_list(
        "product_id", "product__parent_id", "price", "num_in_stock", "num_allocated"
    )
    for product_id, parent_id, price, num_in_stock, num_allocated in rows:
        owner = parent_id or product_id
        if price is not None:
            dong = to_dong(price)
            prices[owner] = min(dong, prices.get(owner, dong))
        if (num_in_stock or 0) - (num_allocated or 0) > 0:
            in_stock.add(owner)
    return prices, in_stock


def _badges(ids):
    today = timezone.localdate()
    stars = {}
    for product_id, star, until in OcopCertificate.objects.valid_on(today).filter(
        product_id__in=ids
    ).order_by("stars", "valid_until").values_list("product_id", "stars", "valid_until"):
        stars[product_id] = (star, until)  # ordered so the most stars, longest valid, wins
    return stars


def _gi_until(rows):
    """When each (seller, GI) right in force ends; None when open-ended."""
    pairs = {(r["seller_id"], r["geographic_indication_id"]) for r in rows if r["gi_allowed"]}
    if not pairs:
        return {}
    until = {}
    for seller_id, gi_id, end in GIRight.objects.valid_on().filter(
        seller_id__in={s for s, _ in pairs}, geographic_indication_id__in={g for _, g in pairs}
    ).values_list("seller_id", "geographic_indication_id", "valid_until"):
        key = (seller_id, gi_id)
        if key in until and until[key] is None:
            continue
        until[key] = None if end is None else max(end, until.get(key) or end)
    return until


def padded(text: str) -> str:
    """Folded words only, one space apart and around: " che non tom tan cuong ", so that " che"
    finds words starting with "che" and " mi " only the word "mi"."""
    return f" {' '.join(folded_words(text))} "


def build_documents(ids) -> list[ProductSearchDocument]:
    rows = list(_product_rows(ids))
    for r in rows:
        # Shown only as the product page shows it: a right in force and an origin in the protected area.
        r["gi_allowed"] = bool(r["geographic_indication_id"] and r["gi_right_valid"] and r["gi_origin_protected"]
                               and r["gi_category_allowed"])
    ids = [r["id"] for r in rows]
    category_names = _category_names()
    categories = defaultdict(list)
    for product_id, category_id in ProductCategory.objects.filter(product_id__in=ids).values_list(
        "product_id", "category_id"
    ):
        categories[product_id].append(category_names.get(category_id, ""))
    prices, in_stock = _offers(ids)
    stars = _badges(ids)
    gi_until = _gi_until(rows)
    documents = []
    for r in rows:
        own_origin = r["origin_commune_id"] is not None
        prefix = "origin_commune__" if own_origin else "seller__commune__"
        commune_name = r["origin_commune__name"] if own_origin else r["seller__commune__name"]
        gi_shown = r["geographic_indication_id"] if r["gi_allowed"] else None
        text = " ".join(filter(None, [
            r["title"], r["seller__name"], commune_name, r[prefix + "province__name"],
            r["geographic_indication__name_vi"] if gi_shown else "", " ".join(categories[r["id"]]),
            strip_tags(r["description"] or ""),
        ]))
        star, star_until = stars.get(r["id"], (None, None))
        documents.append(ProductSearchDocument(
            product_id=r["id"], text=padded(text), title=padded(r["title"])[:300],
            stars=star, stars_until=star_until, ocop_group=r["product_class__ocop_group"],
            gi_id=gi_shown, gi_until=gi_until.get((r["seller_id"], gi_shown)) if gi_shown else None,
            province_id=r[prefix + "province_id"], commune_id=r["origin_commune_id"] or r["seller__commune_id"],
            seller_id=r["seller_id"], seller_kind=r["seller__kind"] or "", price=prices.get(r["id"]),
            price_range=price_range_of(prices.get(r["id"])),
            # Services (OCOP group 6) are booked, not stocked: always available.
            in_stock=r["id"] in in_stock or not r["product_class__track_stock"],
            date_created=r["date_created"], rating=r["rating"],
        ))
    return documents


# Where a document keeps each of FacetCombination.FIELDS.
DOCUMENT_FIELD = {"gi": "gi_id", "province": "province_id", "commune": "commune_id"}


def with_facet_combinations(documents) -> None:
    """Point each document to the combination of its counted values, storing the combinations that
    are new. Two workers storing the same new combination both end up with the one row."""
    keys = [
        FacetCombination.key_of([getattr(d, DOCUMENT_FIELD.get(f, f)) for f in FacetCombination.FIELDS])
        for d in documents
    ]
    ids = dict(FacetCombination.objects.filter(key__in=set(keys)).values_list("key", "pk"))
    new = {}
    for document, key in zip(documents, keys, strict=True):
        if key not in ids and key not in new:
            new[key] = FacetCombination(key=key, **{
                f: getattr(document, DOCUMENT_FIELD.get(f, f)) for f in FacetCombination.FIELDS
            })
    if new:
        FacetCombination.objects.bulk_create(new.values(), ignore_conflicts=True)
        ids.update(FacetCombination.objects.filter(key__in=list(new)).values_list("key", "pk"))
    for document, key in zip(documents, keys, strict=True):
        document.facets_id = ids[key]


GENERATION_KEY = "search:generation"


def index_generation() -> int:
    """A number that changes whenever documents change: cached search answers carry it in their key."""
    return cache.get_or_set(GENERATION_KEY, 1, None)


def _bump_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates
        cache.set(GENERATION_KEY, int(time.time()), None)


def _store(documents, stale_ids):
    """Replace the documents of `stale_ids` with `documents`; running it twice gives the same rows."""
    # Now for this transaction's readers, and again at commit for everyone else's.
    _bump_generation()
    transaction.on_commit(_bump_generation)
    ProductSearchDocument.objects.filter(product_id__in=stale_ids).delete()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        # Computed in the INSERT itself: an UPDATE afterwards would write every row twice and leave
        # as many dead rows in the table searches scan.
        for document in documents:
            document.vector = SearchVector(Value(document.text), config="simple")
    with_facet_combinations(documents)
    ProductSearchDocument.objects.bulk_create(documents, batch_size=BATCH_SIZE)
    vocabulary = {
        word for d in documents for word in folded_words(d.text) if 2 < len(word) <= 60 and not word.isdigit()
    }
    words = sorted(vocabulary)
    known = set()
    for start in range(0, len(words), BATCH_SIZE):  # within every database's limit of parameters
        known.update(SearchWord.objects.filter(word__in=words[start:start + BATCH_SIZE]).values_list("word", flat=True))
    new_words = vocabulary - known
    SearchWord.objects.bulk_create(
        [SearchWord(word=w) for w in sorted(new_words)], batch_size=BATCH_SIZE, ignore_conflicts=True
    )
    if new_words:
        # A typo's corrections are kept until the vocabulary grows (DatabaseBackend.corrected_clauses).
        caching.written("search.SearchWord")


def _rebuild_batch(batch) -> int:
    """One batch's documents replaced in one transaction: a worker killed mid-rebuild leaves each
    product with its old document or its new one, never without one."""
    with transaction.atomic():
        documents = build_documents(batch)
        _store(documents, batch)
    return len(documents)


def index_products(product_ids) -> int:
    """Rebuild the documents of these products (and of their parents); products no longer browsable
    lose theirs. Safe to run twice."""
    ids = sorted(indexable_ids(product_ids))
    total = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start:start + BATCH_SIZE]
        total += _rebuild_batch(batch)
    return total


def rebuild_all() -> int:
    """Every browsable product's document, rebuilt batch by batch; documents of products gone or
    hidden are removed."""
    ids = list(Product.objects.browsable().order_by("pk").values_list("pk", flat=True))
    ProductSearchDocument.objects.exclude(product_id__in=Product.objects.browsable().values("pk")).delete()
    total = 0
    for start in range(0, len(ids), BATCH_SIZE):
        total += _rebuild_batch(ids[start:start + BATCH_SIZE])
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Fresh statistics, or the planner guesses how many documents a word matches from an empty table.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_productsearchdocument, search_searchword")
    return total
