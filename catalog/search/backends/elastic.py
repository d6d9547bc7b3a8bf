"""The scale backend: Elasticsearch through `elasticsearch.dsl`.

The index is built from the same search documents as the database backend (documents.py), under an
alias: a full rebuild fills a new index and swaps the alias atomically, so search never goes dark.
Vietnamese is folded by built-in filters (đ→d by a char_filter, then `asciifolding`; icu_folding
would need a plugin), regional synonyms come from synonyms.py and are applied at query time, before
folding, so that pairs unsafe without diacritics only fire on the exact words.

Elasticsearch finds and counts; what both backends must say alike (facet labels and order, the
"did you mean" correction, GI suggestions) is the database backend's code, called from here.
"""

import logging
from collections import Counter

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

from catalog.search import documents
from catalog.search.backends.base import (
    PRICE_RANGES,
    SearchBackend,
    SearchQuery,
    SearchResult,
    Suggestion,
)
from catalog.search.backends.database import (
    SUGGEST_EXTRA,
    DatabaseBackend,
    gi_suggestions,
    is_prefix,
    labelled,
    suggestion_clauses,
)
from catalog.search.query_text import words
from catalog.search.synonyms import SYNONYMS
from marketplace.text import fold

logger = logging.getLogger(__name__)

ALIAS = "ocop-products"
GeographicIndication = get_model("geo_indications", "GeographicIndication")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")


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

    # Sorted and tie-broken on: Elasticsearch 8 refuses to sort on `_id` (it has no fielddata).
    product_id = Long()
    title = vi_field(fields={
        "prefix": Text(analyzer=vi_prefix, search_analyzer=vi_text), "raw": Keyword(),
    })
    # The database document's folded title: suggestions are ordered by it, as the database orders them.
    folded_title = Keyword()
    text = vi_field()
    seller_name = vi_field(fields={"prefix": Text(analyzer=vi_prefix, search_analyzer=vi_text),
                                   "raw": Keyword()})
    url = Keyword(index=False)
    stars = Integer()
    stars_until = Date()
    ocop_group = Integer()
    gi = Keyword()  # the slug, which the GI filter names
    gi_id = Long()  # counted by, as the database counts, so one function labels both backends' facets
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
                          aggs={"values": A("terms", field="gi_id", size=50)}),
    "province": lambda today: A("terms", field="province", size=40),
    "commune": lambda today: A("terms", field="commune", size=100),
    "seller_type": lambda today: A("terms", field="seller_kind", size=4),
    "price": lambda today: A("range", field="price", keyed=True, ranges=[
        {"key": key, "from": low, **({"to": high} if high else {})} for key, low, high in PRICE_RANGES]),
    "in_stock": lambda today: A("terms", field="in_stock", size=2),
}

# As DatabaseBackend.ordering, tie-breaks included, so that pages never repeat or skip a product.
SORTS = {
    "price": [{"price": {"order": "asc", "missing": "_last"}}, {"product_id": "asc"}],
    "-price": [{"price": {"order": "desc", "missing": "_last"}}, {"product_id": "desc"}],
    "newest": [{"date_created": "desc"}, {"product_id": "desc"}],
    "rating": [{"rating": {"order": "desc", "missing": "_last"}}, {"date_created": "desc"},
               {"product_id": "desc"}],
}
RELEVANCE = ["_score", {"stars": {"order": "desc", "missing": "_last"}}, {"date_created": "desc"},
             {"product_id": "desc"}]


def build_search(query: SearchQuery, today: str, index: str = ALIAS) -> Search:
    """The whole request: the text query and the page's scope in `query`, every facet filter in
    `post_filter`, and, if the query is counted, each facet counted under all the *other* filters."""
    f = query.filters
    search = Search(index=index).source(False)
    scope = []
    # Spaces or punctuation alone are no words: everything is listed, as the database lists it (a
    # multi_match analysed to no terms would match nothing).
    has_words = bool(words(query.q))
    if has_words:
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
    if query.counted:
        for name, make in FACET_AGGS.items():
            others = [condition for other, condition in active.items() if other != name]
            search.aggs.bucket(name, "filter", Q("bool", filter=others)).bucket("facet", make(today))
    if has_words and query.sort == "relevance":
        search = search.sort(*RELEVANCE)
    else:
        search = search.sort(*SORTS.get(query.sort, SORTS["newest"]))
    start = (max(query.page, 1) - 1) * query.per_page
    return search.extra(track_total_hits=query.counted)[start:start + query.per_page]


def name_match(field: str, clause_list):
    """A title or a name holding every clause as the database matches it (database.pattern): one
    alternative per clause, as the start of a word (the edge n-grams of `<field>.prefix`), or as
    whole words for words of one or two letters and for synonyms."""
    def alternative(text, position):
        target = f"{field}.prefix" if is_prefix(text, position) else field
        # Clauses are folded and hold their synonyms already: the search analyzer would add them again.
        return Q("match_phrase", **{target: {"query": text, "analyzer": "vi_text"}})

    return Q("bool", filter=[
        alternative(alternatives[0], 0) if len(alternatives) == 1 else Q(
            "bool", should=[alternative(a, i) for i, a in enumerate(alternatives)], minimum_should_match=1)
        for alternatives in clause_list
    ])


def build_suggest(clause_list, limit: int, index: str = ALIAS) -> Search:
    """Products whose title holds what was typed, most stars first, then by title (as the database
    orders them); and, over the whole index, the producers whose name holds it, by name."""
    search = Search(index=index).source(["title", "url"]).query(name_match("title", clause_list))
    search = search.sort({"stars": {"order": "desc", "missing": "_last"}}, {"folded_title": "asc"})
    search.aggs.bucket("everywhere", "global").bucket(
        "producers", "filter", name_match("seller_name", clause_list)
    ).bucket(
        "names", "terms", field="seller_name.raw", size=limit + SUGGEST_EXTRA, order={"_key": "asc"}
    ).metric("page", "top_hits", size=1, _source=["seller_url"])
    return search[:limit]


def facet_counts(aggregations: dict) -> dict[str, Counter]:
    """The facet aggregations as counts by value, keyed as the database counts them (ids, codes,
    range keys, True for in stock), for `labelled`."""
    counts = {}
    for name in FACET_AGGS:
        facet = aggregations[name]["facet"]
        facet = facet.get("values", facet)
        items = facet["buckets"]
        pairs = items.items() if isinstance(items, dict) else ((b["key"], b) for b in items)
        # Range buckets come back empty too, and a boolean's terms are keyed 1 and 0.
        counts[name] = Counter({(bool(key) if name == "in_stock" else key): b["doc_count"]
                                for key, b in pairs if b["doc_count"]})
    return counts


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
        # Fuzziness finds the hits; the "did you mean" is the database backend's, from the vocabulary
        # that FallbackBackend.index keeps whichever backend serves, so both suggest the same words.
        _clauses, suggestion = DatabaseBackend().corrected_clauses(query.q)
        if not query.counted:
            return SearchResult(product_ids=ids, total=None, facets={}, suggestion=suggestion)
        return SearchResult(product_ids=ids, total=response.hits.total.value,
                            facets=labelled(facet_counts(response.aggregations.to_dict()), query.filters),
                            suggestion=suggestion)

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        clause_list = suggestion_clauses(prefix)
        if not clause_list:
            return []
        response = build_suggest(clause_list, limit, self.alias).using(self.client).execute()
        suggestions = [Suggestion("product", hit.title, hit.url) for hit in response.hits]
        for bucket in response.aggregations.everywhere.producers.names.buckets:
            page = bucket.page.hits.hits[0]["_source"]["seller_url"]
            suggestions.append(Suggestion("producer", bucket.key, page))
        suggestions += gi_suggestions(clause_list)
        return suggestions[: limit + SUGGEST_EXTRA]

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
                    "product_id": d.product_id, "title": title, "folded_title": d.title, "text": d.text,
                    "seller_name": seller_name,
                    "url": reverse("catalogue:detail", kwargs={"product_slug": slug, "pk": d.product_id}),
                    "stars": d.stars,
                    "stars_until": d.stars_until, "ocop_group": d.ocop_group, "gi": gis.get(d.gi_id),
                    "gi_id": d.gi_id, "gi_name": gi_names.get(gis.get(d.gi_id)), "gi_until": d.gi_until,
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
        # Before the first rebuild there is no alias, and a write to its name would create a concrete
        # index there, with guessed mappings, that the alias could then not take.
        _done, errors = bulk(self.client, actions, raise_on_error=False, refresh="wait_for", require_alias=True)
        # Deleting a product Elasticsearch never had answers "not_found" without an error: no failure.
        failed = [next(iter(item.values())) for item in errors if "error" in next(iter(item.values()))]
        if failed:
            logger.error("Elasticsearch không nhận %d tài liệu (%s); chạy lại search_index --rebuild.",
                         len(failed), failed[0]["error"].get("reason"))

    def rebuild(self) -> int:
        """Fill a new index, then point the alias at it in one atomic step and drop the old ones."""
        # To the microsecond: a rebuild right after another must not ask for the same index name.
        new = f"{self.alias}-{timezone.localtime().strftime('%Y%m%d%H%M%S%f')}"
        self.client.indices.create(index=new, **index_body())
        ids = list(Product.objects.browsable().order_by("pk").values_list("pk", flat=True))
        count = 0
        for start in range(0, len(ids), documents.BATCH_SIZE):
            done, _errors = bulk(self.client, self.actions(ids[start:start + documents.BATCH_SIZE], new))
            count += done
        self.client.indices.refresh(index=new)
        # A fresh cluster has no alias yet, and get_alias would answer 404.
        old = list(self.client.indices.get_alias(name=self.alias)) if self.client.indices.exists_alias(
            name=self.alias) else []
        # A concrete index under the alias's name (written to by hand, or by a client without
        # require_alias) would refuse the alias; it holds nothing the new index lacks.
        squatter = not old and bool(self.client.indices.exists(index=self.alias))
        self.client.indices.update_aliases(actions=alias_swap(self.alias, new, old, squatter))
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


def alias_swap(alias, new, old, squatter=False) -> list[dict]:
    """One atomic request: the alias leaves the old indices (or takes the name of a concrete index
    that held it, deleted in the same step) and points at the new one."""
    return [*({"remove": {"index": index, "alias": alias}} for index in old),
            *([{"remove_index": {"index": alias}}] if squatter else []),
            {"add": {"index": new, "alias": alias}}]


def cluster_unavailable(exc) -> bool:
    """Whether Elasticsearch could not answer (down, unreachable, too slow, overloaded), as opposed
    to answering that the request was wrong."""
    if isinstance(exc, (es_exceptions.ConnectionError, es_exceptions.ConnectionTimeout)):
        return True
    return isinstance(exc, es_exceptions.ApiError) and (exc.status_code >= 500 or exc.status_code == 429)


UNREACHABLE = "Elasticsearch không trả lời (%s); dùng tìm kiếm trong cơ sở dữ liệu."
FAILED = object()


class FallbackBackend(SearchBackend):
    """Elasticsearch first; the database when it cannot answer, with a warning in the log: buyers
    get results, not an error. The database documents are always kept, so the fallback is current.

    Only an outage falls back with a warning. A missing index (404: the first rebuild has not run,
    or failed) makes Elasticsearch as useless as an outage and a rebuild cures it, so the database
    answers then too, but the log says so as an error. Any other refusal (400 malformed query,
    401/403, 409, a document that cannot be serialised) is a bug the database would only hide:
    logged as an error and raised.
    """

    def __init__(self, primary, fallback):
        self.primary, self.fallback = primary, fallback
        self.name = primary.name

    def _primary(self, method, *args, unavailable):
        """The primary's answer, or FAILED when it could not give one and the fallback should."""
        try:
            return getattr(self.primary, method)(*args)
        except (es_exceptions.TransportError, es_exceptions.ApiError) as exc:
            if cluster_unavailable(exc):
                logger.warning(unavailable, exc)
            elif isinstance(exc, es_exceptions.NotFoundError):
                logger.error("Elasticsearch không có chỉ mục (%s); cơ sở dữ liệu trả lời thay. "
                             "Chạy search_index --rebuild.", exc)
            else:
                logger.error("Elasticsearch từ chối yêu cầu (%s): lỗi của yêu cầu, không phải mất kết nối.", exc)
                raise
            return FAILED

    def search(self, query):
        result = self._primary("search", query, unavailable=UNREACHABLE)
        return self.fallback.search(query) if result is FAILED else result

    def suggest(self, prefix, limit=8):
        result = self._primary("suggest", prefix, limit, unavailable=UNREACHABLE)
        return self.fallback.suggest(prefix, limit) if result is FAILED else result

    def index(self, product_ids):
        self.fallback.index(product_ids)
        self._primary("index", product_ids, unavailable=(
            "Elasticsearch không nhận cập nhật chỉ mục (%s); chạy lại search_index --rebuild."))

    def rebuild(self):
        count = self.fallback.rebuild()
        result = self._primary("rebuild", unavailable="Elasticsearch không xây lại được chỉ mục (%s).")
        return count if result is FAILED else result
