"""The scale backend: Elasticsearch through `elasticsearch.dsl`.

The index is built from the same search documents as the database backend (documents.py), under an
alias: a full rebuild fills a new index and swaps the alias atomically, so search never goes dark.
Vietnamese is folded by built-in filters (đ→d by a char_filter, then `asciifolding`; icu_folding
would need a plugin), regional synonyms come from synonyms.py and are applied at query time, before
folding, so that pairs unsafe without diacritics only fire on the exact words.
"""

import logging
import time

from django.urls import reverse
from django.utils import timezone
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions
from elasticsearch.dsl import (
    A,
    Boolean,
    Date,
    Document,
    Float,
    Integer,
    Keyword,
    Long,
    Q,
    Search,
    Text,
    analyzer,
    char_filter,
    token_filter,
)
from elasticsearch.helpers import bulk
from oscar.core.loading import get_model

from catalog.ocop import OcopGroup
from catalog.search import documents
from catalog.search.backends.base import (
    PRICE_RANGES,
    FacetValue,
    SearchBackend,
    SearchQuery,
    SearchResult,
    Suggestion,
)
from catalog.search.synonyms import SYNONYMS
from marketplace.text import fold

logger = logging.getLogger(__name__)

ALIAS = "ocop-products"
Commune = get_model("geo_indications", "Commune")
GeographicIndication = get_model("geo_indications", "GeographicIndication")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
Province = get_model("geo_indications", "Province")


def synonym_rules() -> list[str]:
    """Solr-style rules for the synonym filter: the written pairs, plus their folded form where
    folding leaves them unambiguous (synonyms.py says which)."""
    rules = []
    for synonym in SYNONYMS:
        rules.append(", ".join(synonym.terms))
        if synonym.fold_safe:
            folded = ", ".join(fold(term) for term in synonym.terms)
            if folded != rules[-1]:
                rules.append(folded)
    return rules


vi_d = char_filter("vi_d", type="mapping", mappings=["đ => d", "Đ => D"])
vi_folding = token_filter("vi_folding", type="asciifolding", preserve_original=True)
vi_synonyms = token_filter("vi_synonyms", type="synonym_graph", synonyms=synonym_rules())
vi_edge = token_filter("vi_edge", type="edge_ngram", min_gram=2, max_gram=15)
vi_text = analyzer("vi_text", tokenizer="standard", char_filter=[vi_d], filter=["lowercase", vi_folding])
vi_search = analyzer(
    "vi_search", tokenizer="standard", char_filter=[vi_d], filter=["lowercase", vi_synonyms, vi_folding]
)
vi_prefix = analyzer(
    "vi_prefix", tokenizer="standard", char_filter=[vi_d], filter=["lowercase", vi_folding, vi_edge]
)


def vi_field(**extra):
    return Text(analyzer=vi_text, search_analyzer=vi_search, **extra)


class ProductDocument(Document):
    """A product in Elasticsearch: the database search document's values, with names for labels."""

    title = vi_field(fields={
        "prefix": Text(analyzer=vi_prefix, search_analyzer=vi_text), "raw": Keyword(),
    })
    text = vi_field()
    seller_name = vi_field(fields={"prefix": Text(analyzer=vi_prefix, search_analyzer=vi_text),
                                   "raw": Keyword()})
    url = Keyword(index=False)
    stars = Integer()
    stars_until = Date()
    ocop_group = Integer()
    gi = Keyword()
    gi_name = Keyword()
    gi_until = Date()
    province = Integer()
    commune = Integer()
    seller = Keyword()
    seller_url = Keyword(index=False)
    seller_kind = Keyword()
    price = Long()
    in_stock = Boolean()
    date_created = Date()
    rating = Float()
    category_ids = Integer(multi=True)

    class Index:
        name = ALIAS
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


def index_body() -> dict:
    """Settings and mappings of a new index, as sent to Elasticsearch."""
    return ProductDocument._index.to_dict()


# --- queries, as data ------------------------------------------------------------------------------

def text_query(q: str):
    """All words must match (title weighs three times the rest); one typo allowed in words of five
    letters or more; synonyms and folding from the search analyzer."""
    return Q("multi_match", query=q, fields=["title^3", "text"], operator="and",
             fuzziness="AUTO:5,100", prefix_length=1)


def facet_filters(filters, today: str) -> dict:
    """Each active facet filter as an Elasticsearch filter, by facet name."""
    active = {}
    if filters.stars is not None:
        active["stars"] = Q("term", stars=filters.stars) & Q("range", stars_until={"gte": today})
    if filters.group is not None:
        active["group"] = Q("term", ocop_group=filters.group)
    if filters.gi:
        active["gi"] = Q("term", gi=filters.gi) & (
            Q("range", gi_until={"gte": today}) | ~Q("exists", field="gi_until"))
    if filters.province is not None:
        active["province"] = Q("term", province=filters.province)
    if filters.commune is not None:
        active["commune"] = Q("term", commune=filters.commune)
    if filters.seller_type:
        active["seller_type"] = Q("term", seller_kind=filters.seller_type)
    if filters.in_stock:
        active["in_stock"] = Q("term", in_stock=True)
    return active


FACET_AGGS = {
    "stars": lambda today: A("filter", Q("range", stars_until={"gte": today}),
                             aggs={"values": A("terms", field="stars", size=5)}),
    "group": lambda today: A("terms", field="ocop_group", size=6),
    "gi": lambda today: A("filter", Q("range", gi_until={"gte": today}) | ~Q("exists", field="gi_until"),
                          aggs={"values": A("terms", field="gi", size=50)}),
    "province": lambda today: A("terms", field="province", size=40),
    "commune": lambda today: A("terms", field="commune", size=100),
    "seller_type": lambda today: A("terms", field="seller_kind", size=4),
    "price": lambda today: A("range", field="price", keyed=True, ranges=[
        {"key": key, "from": low, **({"to": high} if high else {})} for key, low, high in PRICE_RANGES]),
    "in_stock": lambda today: A("terms", field="in_stock", size=2),
}

SORTS = {
    "price": [{"price": {"order": "asc", "missing": "_last"}}, {"_id": "asc"}],
    "-price": [{"price": {"order": "desc", "missing": "_last"}}, {"_id": "desc"}],
    "newest": [{"date_created": "desc"}, {"_id": "desc"}],
    "rating": [{"rating": {"order": "desc", "missing": "_last"}}, {"date_created": "desc"}],
}


def build_search(query: SearchQuery, today: str, index: str = ALIAS) -> Search:
    """The whole request: the text query and the page's scope in `query`, every facet filter in
    `post_filter`, and each facet counted under all the *other* filters."""
    f = query.filters
    search = Search(index=index).source(False)
    scope = []
    if query.q:
        search = search.query(text_query(query.q))
    if f.category_ids is not None:
        scope.append(Q("terms", category_ids=list(f.category_ids)))
    if f.seller:
        scope.append(Q("term", seller=f.seller))
    if f.min_price is not None or f.max_price is not None:
        bounds = {k: v for k, v in (("gte", f.min_price), ("lte", f.max_price)) if v is not None}
        scope.append(Q("range", price=bounds))
    if scope:
        search = search.filter(Q("bool", filter=scope))
    active = facet_filters(f, today)
    if active:
        search = search.post_filter(Q("bool", filter=list(active.values())))
    for name, make in FACET_AGGS.items():
        others = [condition for other, condition in active.items() if other != name]
        search.aggs.bucket(name, "filter", Q("bool", filter=others)).bucket("facet", make(today))
    if query.q and query.sort == "relevance":
        search = search.sort("_score", {"stars": {"order": "desc", "missing": "_last"}},
                             {"date_created": "desc"})
    else:
        search = search.sort(*SORTS.get(query.sort, SORTS["newest"]))
    start = (max(query.page, 1) - 1) * query.per_page
    return search.extra(track_total_hits=True)[start:start + query.per_page]


def build_suggest(prefix: str, limit: int, index: str = ALIAS) -> Search:
    """Products whose title, or producers whose name, start with what was typed (edge n-grams)."""
    search = Search(index=index).source(["title", "url", "seller_name", "seller_url", "gi", "gi_name"])
    search = search.query(Q("multi_match", query=prefix, fields=["title.prefix^2", "seller_name.prefix"],
                            operator="and"))
    search.aggs.bucket("producers", "terms", field="seller_name.raw", size=3)
    return search[:limit]


# --- the backend -----------------------------------------------------------------------------------

class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url, alias=ALIAS):
        self.client = Elasticsearch(url, request_timeout=2, retry_on_timeout=False, max_retries=0)
        self.alias = alias

    def search(self, query: SearchQuery) -> SearchResult:
        today = timezone.localdate().isoformat()
        response = build_search(query, today, self.alias).using(self.client).execute()
        ids = [int(hit.meta.id) for hit in response.hits]
        return SearchResult(product_ids=ids, total=response.hits.total.value,
                            facets=self.facets(response.aggregations.to_dict(), query.filters))

    def facets(self, aggregations, f) -> dict:
        def buckets(name):
            facet = aggregations[name]["facet"]
            facet = facet.get("values", facet)
            items = facet["buckets"]
            return items.items() if isinstance(items, dict) else ((b["key"], b) for b in items)

        counts = {name: {key: b["doc_count"] for key, b in buckets(name) if b["doc_count"]}
                  for name in FACET_AGGS}
        gis = dict(GeographicIndication.objects.filter(slug__in=list(counts["gi"])).values_list("slug", "name_vi"))
        provinces = dict(Province.objects.filter(pk__in=list(counts["province"])).values_list("pk", "name"))
        communes = dict(Commune.objects.filter(pk__in=list(counts["commune"])).values_list("pk", "name"))
        kinds = dict(Partner.Kind.choices)
        from catalog.search.backends.database import price_label

        def values(name, label, selected):
            return [FacetValue(str(k), label(k), n, selected(k)) for k, n in counts[name].items()]

        return {
            "stars": sorted(values("stars", lambda s: f"{s}★", lambda s: s == f.stars),
                            key=lambda v: -int(v.value)),
            "group": sorted(values("group", lambda g: str(OcopGroup(g).label), lambda g: g == f.group),
                            key=lambda v: int(v.value)),
            "gi": values("gi", lambda s: gis.get(s, s), lambda s: s == f.gi),
            "province": values("province", lambda p: provinces.get(p, str(p)), lambda p: p == f.province),
            "commune": values("commune", lambda c: communes.get(c, str(c)), lambda c: c == f.commune),
            "seller_type": values("seller_type", lambda k: str(kinds.get(k, k)), lambda k: k == f.seller_type),
            "price": values("price", price_label, lambda k: False),
            "in_stock": [FacetValue("1", "Còn hàng", n, bool(f.in_stock))
                         for k, n in counts["in_stock"].items() if k in (1, True, "true")],
        }

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        response = build_suggest(prefix, limit, self.alias).using(self.client).execute()
        suggestions = [Suggestion("product", hit.title, hit.url) for hit in response.hits]
        producers = {hit.seller_name: hit.seller_url for hit in response.hits}
        for bucket in response.aggregations.producers.buckets:
            if bucket.key in producers:
                suggestions.append(Suggestion("producer", bucket.key, producers[bucket.key]))
        return suggestions

    # --- indexing ---
    def actions(self, product_ids, index):
        built = documents.build_documents(product_ids)
        ids = [d.product_id for d in built]
        gis = dict(GeographicIndication.objects.values_list("pk", "slug"))
        gi_names = dict(GeographicIndication.objects.values_list("slug", "name_vi"))
        sellers = {pk: (slug, name) for pk, slug, name in Partner.objects.filter(
            pk__in={d.seller_id for d in built}).values_list("pk", "slug", "name")}
        products = {pk: (title, slug) for pk, title, slug in Product.objects.filter(pk__in=ids).values_list(
            "pk", "title", "slug")}
        categories = {}
        for product_id, category_id in ProductCategory.objects.filter(product_id__in=ids).values_list(
                "product_id", "category_id"):
            categories.setdefault(product_id, []).append(category_id)
        for d in built:
            title, slug = products[d.product_id]
            seller_slug, seller_name = sellers.get(d.seller_id, (None, ""))
            yield {
                "_index": index, "_id": d.product_id,
                "_source": {
                    "title": title, "text": d.text, "seller_name": seller_name,
                    "url": reverse("catalogue:detail", kwargs={"product_slug": slug, "pk": d.product_id}),
                    "stars": d.stars,
                    "stars_until": d.stars_until, "ocop_group": d.ocop_group, "gi": gis.get(d.gi_id),
                    "gi_name": gi_names.get(gis.get(d.gi_id)), "gi_until": d.gi_until,
                    "province": d.province_id, "commune": d.commune_id, "seller": seller_slug,
                    "seller_url": reverse("sellers:producer", kwargs={"slug": seller_slug}) if seller_slug else None,
                    "seller_kind": d.seller_kind, "price": d.price, "in_stock": d.in_stock,
                    "date_created": d.date_created, "rating": d.rating,
                    "category_ids": categories.get(d.product_id, []),
                },
            }

    def index(self, product_ids) -> None:
        ids = sorted(documents.indexable_ids(product_ids))
        actions = list(self.actions(ids, self.alias))
        kept = {a["_id"] for a in actions}
        actions += [{"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in ids if pk not in kept]
        bulk(self.client, actions, raise_on_error=False, refresh="wait_for")

    def rebuild(self) -> int:
        """Fill a new index, then point the alias at it in one atomic step and drop the old ones."""
        new = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}"
        self.client.indices.create(index=new, body=index_body())
        ids = list(Product.objects.browsable().order_by("pk").values_list("pk", flat=True))
        count = 0
        for start in range(0, len(ids), documents.BATCH_SIZE):
            done, _errors = bulk(self.client, self.actions(ids[start:start + documents.BATCH_SIZE], new))
            count += done
        self.client.indices.refresh(index=new)
        old = list(self.client.indices.get_alias(name=self.alias, ignore_unavailable=True) or {})
        self.client.indices.update_aliases(actions=alias_swap(self.alias, new, old))
        # The previous index, and any a rebuild killed before its swap left behind.
        existing = list(self.client.indices.get(index=f"{self.alias}-*", ignore_unavailable=True) or {})
        for index in leftover_indices(self.alias, new, existing):
            self.client.indices.delete(index=index, ignore_unavailable=True)
        return count


def leftover_indices(alias, current, existing) -> list[str]:
    """Indices of this alias's earlier rebuilds: the one the current index replaced, and those of
    rebuilds whose worker died before the swap (never searched, so safe to drop). Names carry the
    rebuild's start time, so a rebuild started after this one keeps the index it is filling."""
    return sorted(index for index in existing if index.startswith(f"{alias}-") and index < current)


def alias_swap(alias, new, old) -> list[dict]:
    return [*({"remove": {"index": index, "alias": alias}} for index in old),
            {"add": {"index": new, "alias": alias}}]


UNAVAILABLE = (es_exceptions.ConnectionError, es_exceptions.ConnectionTimeout, es_exceptions.TransportError,
               es_exceptions.ApiError)


class FallbackBackend(SearchBackend):
    """Elasticsearch first; the database when it cannot answer, with a warning in the log: buyers
    get results, not an error. The database documents are always kept, so the fallback is current."""

    def __init__(self, primary, fallback):
        self.primary, self.fallback = primary, fallback
        self.name = primary.name

    def _try(self, method, *args):
        try:
            return getattr(self.primary, method)(*args)
        except UNAVAILABLE as exc:
            logger.warning("Elasticsearch không trả lời (%s); dùng tìm kiếm trong cơ sở dữ liệu.", exc)
            return getattr(self.fallback, method)(*args)

    def search(self, query):
        return self._try("search", query)

    def suggest(self, prefix, limit=8):
        return self._try("suggest", prefix, limit)

    def index(self, product_ids):
        self.fallback.index(product_ids)
        try:
            self.primary.index(product_ids)
        except UNAVAILABLE as exc:
            logger.warning("Elasticsearch không nhận cập nhật chỉ mục (%s); chạy lại search_index --rebuild.", exc)

    def rebuild(self):
        count = self.fallback.rebuild()
        try:
            return self.primary.rebuild()
        except UNAVAILABLE as exc:
            logger.warning("Elasticsearch không xây lại được chỉ mục (%s).", exc)
            return count
