"""The Elasticsearch backend as data: its index settings, the requests it builds, what it makes of
the answers, its fallback.

No Elasticsearch runs here: requests go through the real client to a fake cluster answering at the
HTTP level (FakeCluster). The contract tests (test_search_contract.py) run against a real one when
ELASTICSEARCH_URL is set.
"""

import json
import logging

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport._node import NodeApiResponse  # what a node answers; the package exports it here only
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions

from catalog.search.backends import get_backend
from catalog.search.backends.base import PRICE_RANGES, Filters, SearchBackend, SearchQuery
from catalog.search.backends.database import DatabaseBackend
from catalog.search.backends.elastic import (
    FACET_AGGS,
    ElasticsearchBackend,
    FallbackBackend,
    alias_swap,
    build_search,
    build_suggest,
    index_body,
    synonym_rules,
)
from catalog.search.models import ProductSearchDocument
from catalog.search.query_text import clauses

pytest_plugins = ["tests.search_catalogue"]


def test_analysis_folds_vietnamese_and_expands_synonyms_at_query_time():
    assert index_body()["settings"] == {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": {
            "char_filter": {"vi_d": {"type": "mapping", "mappings": ["đ => d", "Đ => D"]}},
            "filter": {
                "vi_folding": {"type": "asciifolding", "preserve_original": True},
                "vi_synonyms": {"type": "synonym_graph", "synonyms": synonym_rules()},
                "vi_edge": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15},
            },
            "analyzer": {
                "vi_text": {"type": "custom", "tokenizer": "standard", "char_filter": ["vi_d"],
                            "filter": ["lowercase", "vi_folding"]},
                "vi_search": {"type": "custom", "tokenizer": "standard", "char_filter": ["vi_d"],
                              "filter": ["lowercase", "vi_synonyms", "vi_folding"]},
                "vi_prefix": {"type": "custom", "tokenizer": "standard", "char_filter": ["vi_d"],
                              "filter": ["lowercase", "vi_folding", "vi_edge"]},
            },
        },
    }


def test_synonym_rules_fold_only_the_safe_pairs():
    assert synonym_rules() == [
        "chè, trà", "che, tra", "lạc, đậu phộng", "ngô, bắp", "lợn, heo",
        "mướp đắng, khổ qua", "muop dang, kho qua", "vừng, mè",
    ]


def test_mapping_of_searched_and_faceted_fields():
    properties = index_body()["mappings"]["properties"]
    assert properties["title"] == {
        "type": "text", "analyzer": "vi_text", "search_analyzer": "vi_search",
        "fields": {"prefix": {"type": "text", "analyzer": "vi_prefix", "search_analyzer": "vi_text"},
                   "raw": {"type": "keyword"}},
    }
    assert {name: properties[name]["type"] for name in (
        "product_id", "folded_title", "stars", "stars_until", "ocop_group", "gi", "gi_id", "province",
        "commune", "seller_kind", "price", "in_stock", "date_created", "rating", "category_ids")} == {
        "product_id": "long", "folded_title": "keyword", "stars": "integer", "stars_until": "date",
        "ocop_group": "integer", "gi": "keyword", "gi_id": "long", "province": "integer",
        "commune": "integer", "seller_kind": "keyword", "price": "long", "in_stock": "boolean",
        "date_created": "date", "rating": "float", "category_ids": "integer",
    }


@pytest.mark.django_db
def test_documents_carry_the_product_id_folded_title_and_gi_id(search_catalogue):
    tea = search_catalogue["non_tom"]
    (action,) = ElasticsearchBackend("http://es.test:9200").actions([tea.pk], "ocop-products-test")
    source = action["_source"]
    assert (action["_id"], source["product_id"], source["folded_title"], source["gi"], source["gi_id"]) == (
        tea.pk, tea.pk, " che non tom tan cuong ", "che-tan-cuong", search_catalogue["gi"].pk)


def test_search_request_filters_after_counting_facets():
    body = build_search(
        SearchQuery(q="chè tân cương", filters=Filters(seller_type="htx", min_price=100000), sort="price"),
        "2026-11-23",
    ).to_dict()
    kind = {"term": {"seller_kind": "htx"}}
    assert body["query"] == {"bool": {
        "must": [{"multi_match": {"query": "chè tân cương", "fields": ["title^3", "text"], "operator": "and",
                                  "fuzziness": "AUTO:5,100", "prefix_length": 1}}],
        "filter": [{"bool": {"filter": [{"range": {"price": {"gte": 100000}}}]}}],
    }}
    assert body["post_filter"] == {"bool": {"filter": [kind]}}
    assert body["aggs"]["seller_type"] == {
        "filter": {"bool": {}}, "aggs": {"facet": {"terms": {"field": "seller_kind", "size": 4}}}}
    assert body["aggs"]["stars"] == {
        "filter": {"bool": {"filter": [kind]}},
        "aggs": {"facet": {"filter": {"range": {"stars_until": {"gte": "2026-11-23"}}},
                           "aggs": {"values": {"terms": {"field": "stars", "size": 5}}}}},
    }
    assert body["sort"] == [{"price": {"order": "asc", "missing": "_last"}}, {"product_id": "asc"}]
    assert (body["from"], body["size"], body["track_total_hits"], body["_source"]) == (0, 24, True, False)


def test_an_uncounted_search_asks_for_no_aggregation_and_no_total():
    body = build_search(SearchQuery(filters=Filters(group=2), sort="newest", per_page=8, counted=False),
                        "2026-11-23").to_dict()
    assert "aggs" not in body
    assert body["post_filter"] == {"bool": {"filter": [{"term": {"ocop_group": 2}}]}}
    assert (body["size"], body["track_total_hits"]) == (8, False)


@pytest.mark.parametrize("q, sort, expected", [
    ("", "price", [{"price": {"order": "asc", "missing": "_last"}}, {"product_id": "asc"}]),
    ("", "-price", [{"price": {"order": "desc", "missing": "_last"}}, {"product_id": "desc"}]),
    ("", "newest", [{"date_created": "desc"}, {"product_id": "desc"}]),
    ("", "rating", [{"rating": {"order": "desc", "missing": "_last"}}, {"date_created": "desc"},
                    {"product_id": "desc"}]),
    ("", "relevance", [{"date_created": "desc"}, {"product_id": "desc"}]),
    ("chè", "relevance", ["_score", {"stars": {"order": "desc", "missing": "_last"}},
                          {"date_created": "desc"}, {"product_id": "desc"}]),
])
def test_every_sort_breaks_ties_on_the_numeric_product_id_never_on_id(q, sort, expected):
    # Elasticsearch 8 refuses to sort on _id (indices.id_field_data.enabled is false).
    assert build_search(SearchQuery(q=q, sort=sort), "2026-11-23").to_dict()["sort"] == expected


@pytest.mark.parametrize("q", ["", "   ", "?!"])
def test_a_query_without_words_lists_everything_newest_first(q):
    body = build_search(SearchQuery(q=q), "2026-11-23").to_dict()
    assert "query" not in body
    assert body["sort"] == [{"date_created": "desc"}, {"product_id": "desc"}]


def test_suggest_request_matches_titles_and_producer_names_as_the_database_does():
    # "che" starts a word (edge n-grams); its synonym "tra" and the two-letter "cu" are whole words.
    assert clauses("chè cu") == [["che", "tra"], ["cu"]]

    def holds(field):
        return {"bool": {"filter": [
            {"bool": {"should": [
                {"match_phrase": {f"{field}.prefix": {"query": "che", "analyzer": "vi_text"}}},
                {"match_phrase": {field: {"query": "tra", "analyzer": "vi_text"}}},
            ], "minimum_should_match": 1}},
            {"match_phrase": {field: {"query": "cu", "analyzer": "vi_text"}}},
        ]}}

    assert build_suggest(clauses("chè cu"), 5).to_dict() == {
        "query": holds("title"),
        "sort": [{"stars": {"order": "desc", "missing": "_last"}}, {"folded_title": "asc"}],
        "aggs": {"everywhere": {"global": {}, "aggs": {"producers": {
            "filter": holds("seller_name"),
            "aggs": {"names": {
                "terms": {"field": "seller_name.raw", "size": 11, "order": {"_key": "asc"}},
                "aggs": {"page": {"top_hits": {"size": 1, "_source": ["seller_url"]}}},
            }},
        }}}},
        "_source": ["title", "url"],
        "size": 5,
    }


def test_alias_swap_is_one_request():
    assert alias_swap("ocop-products", "ocop-products-2", ["ocop-products-1"]) == [
        {"remove": {"index": "ocop-products-1", "alias": "ocop-products"}},
        {"add": {"index": "ocop-products-2", "alias": "ocop-products"}},
    ]
    assert alias_swap("ocop-products", "ocop-products-2", [], squatter=True) == [
        {"remove_index": {"index": "ocop-products"}},
        {"add": {"index": "ocop-products-2", "alias": "ocop-products"}},
    ]


def test_elasticsearch_url_selects_it_behind_the_fallback(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
    assert isinstance(get_backend(), FallbackBackend)
    settings.ELASTICSEARCH_URL = ""
    assert isinstance(get_backend(), DatabaseBackend)


class Unreachable(SearchBackend):
    name = "elasticsearch"

    def search(self, *args):
        raise TransportConnectionError("Connection refused")

    suggest = index = rebuild = search


@pytest.mark.django_db
def test_unreachable_elasticsearch_falls_back_to_the_database(search_catalogue, caplog):
    backend = FallbackBackend(Unreachable(), DatabaseBackend())
    backend.rebuild()
    with caplog.at_level(logging.WARNING):
        result = backend.search(SearchQuery(q="mien dong"))
    assert result.product_ids == [search_catalogue["mien"].pk]
    assert "Elasticsearch không trả lời" in caplog.text


# --- against a fake cluster: the real client, answered at the HTTP level ---------------------------

class FakeCluster:
    """Records every request the real client sends and answers it from `answer(method, path, body)`,
    which returns (status, JSON body); no network."""

    def __init__(self, answer):
        self.answer = answer
        self.requests = []

    def client(self):
        cluster = self

        class Node(BaseNode):
            def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
                sent = None
                if body:
                    lines = [json.loads(line) for line in body.decode().splitlines()]
                    sent = lines[0] if len(lines) == 1 and not target.startswith("/_bulk") else lines
                cluster.requests.append((method, target, sent))
                status, answer = cluster.answer(method, target, sent)
                headers = HttpHeaders({"x-elastic-product": "Elasticsearch", "content-type": "application/json"})
                meta = ApiResponseMeta(status=status, http_version="1.1", headers=headers, duration=0.0,
                                       node=self.config)
                return NodeApiResponse(meta, b"" if method == "HEAD" else json.dumps(answer).encode())

        return Elasticsearch("http://es.test:9200", node_class=Node, max_retries=0)

    def backend(self):
        backend = ElasticsearchBackend("http://es.test:9200")
        backend.client = self.client()
        return backend


def not_found(reason):
    return 404, {"error": {"type": "index_not_found_exception", "reason": reason,
                           "root_cause": [{"type": "index_not_found_exception", "reason": reason}]}, "status": 404}


def bulk_done(lines):
    """Every action of a bulk request done, as Elasticsearch answers it."""
    actions = [line for line in lines if set(line) <= {"index", "create", "delete", "update"} and len(line) == 1]
    return {"took": 1, "errors": False, "items": [
        {op: {"_index": meta["_index"], "_id": meta["_id"], "status": 201}} for action in actions
        for op, meta in action.items()]}


def rebuild_cluster(*, alias_on=None, index_named_alias=False):
    """A cluster on which the alias points at `alias_on` (None: no alias yet)."""
    def answer(method, target, body):
        if target == "/_bulk":
            return 200, bulk_done(body)
        if (method, target) == ("HEAD", "/_alias/ocop-products"):
            return (200 if alias_on else 404), None
        if (method, target) == ("GET", "/_alias/ocop-products"):
            return (200, {alias_on: {"aliases": {"ocop-products": {}}}}) if alias_on else not_found("ocop-products")
        if (method, target) == ("HEAD", "/ocop-products"):
            return (200 if alias_on or index_named_alias else 404), None
        if target.startswith("/ocop-products-*"):
            new = cluster.requests[0][1].lstrip("/")
            return 200, {name: {} for name in filter(None, [alias_on, new])}
        return 200, {"acknowledged": True}

    cluster = FakeCluster(answer)
    return cluster


def new_index(cluster):
    method, target, _body = cluster.requests[0]
    assert method == "PUT" and target.startswith("/ocop-products-") and len(target) == len("/ocop-products-") + 20
    return target.lstrip("/")


@pytest.mark.django_db
def test_the_first_rebuild_on_a_fresh_cluster_creates_the_alias(search_catalogue):
    cluster = rebuild_cluster()
    assert cluster.backend().rebuild() == 5
    new = new_index(cluster)
    assert [(method, target) for method, target, _body in cluster.requests] == [
        ("PUT", f"/{new}"), ("PUT", "/_bulk"), ("POST", f"/{new}/_refresh"),
        ("HEAD", "/_alias/ocop-products"), ("HEAD", "/ocop-products"),  # no get_alias: it would 404
        ("POST", "/_aliases"), ("GET", "/ocop-products-*?ignore_unavailable=true"),
    ]
    assert cluster.requests[0][2] == index_body()
    bulk_lines = cluster.requests[1][2]
    assert sorted(line["index"]["_id"] for line in bulk_lines[::2]) == sorted(
        p.pk for p in search_catalogue.values() if hasattr(p, "title"))
    assert {line["index"]["_index"] for line in bulk_lines[::2]} == {new}
    assert cluster.requests[5][2] == {"actions": [{"add": {"index": new, "alias": "ocop-products"}}]}


@pytest.mark.django_db
def test_a_rebuild_moves_the_alias_and_drops_the_index_it_replaced(search_catalogue):
    cluster = rebuild_cluster(alias_on="ocop-products-20260101020000")
    cluster.backend().rebuild()
    new = new_index(cluster)
    assert [(method, target) for method, target, _body in cluster.requests][3:] == [
        ("HEAD", "/_alias/ocop-products"), ("GET", "/_alias/ocop-products"), ("POST", "/_aliases"),
        ("GET", "/ocop-products-*?ignore_unavailable=true"),
        ("DELETE", "/ocop-products-20260101020000?ignore_unavailable=true"),
    ]
    assert cluster.requests[5][2] == {"actions": [
        {"remove": {"index": "ocop-products-20260101020000", "alias": "ocop-products"}},
        {"add": {"index": new, "alias": "ocop-products"}},
    ]}


@pytest.mark.django_db
def test_a_rebuild_replaces_a_concrete_index_holding_the_alias_name(search_catalogue):
    cluster = rebuild_cluster(index_named_alias=True)
    cluster.backend().rebuild()
    new = new_index(cluster)
    assert cluster.requests[5] == ("POST", "/_aliases", {"actions": [
        {"remove_index": {"index": "ocop-products"}}, {"add": {"index": new, "alias": "ocop-products"}},
    ]})


@pytest.mark.django_db
def test_indexing_writes_only_through_the_alias_and_logs_refused_documents(search_catalogue, caplog):
    mien = search_catalogue["mien"]
    gone = mien.pk + 1000  # no such product: its entry is deleted

    def answer(method, target, body):
        reason = "no such index [ocop-products] and [require_alias] request flag is [true]"
        return 200, {"took": 1, "errors": True, "items": [
            {"index": {"_index": "ocop-products", "_id": str(mien.pk), "status": 404,
                       "error": {"type": "index_not_found_exception", "reason": reason}}},
            {"delete": {"_index": "ocop-products", "_id": str(gone), "status": 404, "result": "not_found"}},
        ]}

    cluster = FakeCluster(answer)
    with caplog.at_level(logging.ERROR):
        cluster.backend().index([mien.pk, gone])
    ((method, target, lines),) = cluster.requests
    assert (method, target) == ("PUT", "/_bulk?refresh=wait_for&require_alias=true")
    assert (lines[0], lines[1]["product_id"], lines[2]) == (
        {"index": {"_index": "ocop-products", "_id": mien.pk}}, mien.pk,
        {"delete": {"_index": "ocop-products", "_id": gone}})
    assert [r.getMessage() for r in caplog.records] == [
        "Elasticsearch không nhận 1 tài liệu (no such index [ocop-products] and [require_alias] request flag "
        "is [true]); chạy lại search_index --rebuild."]


def es_aggregations(**counts):
    """A search response's facet aggregations, as Elasticsearch shapes them: empty but for the
    {value: count} given (terms buckets by count, then key, as Elasticsearch orders them)."""
    aggregations = {}
    for name in FACET_AGGS:
        given = counts.get(name, {})
        if name == "price":
            facet = {"buckets": {key: {"from": low, "doc_count": given.get(key, 0)}
                                 for key, low, _high in PRICE_RANGES}}
        else:
            ordered = sorted(given.items(), key=lambda item: (-item[1], item[0]))
            facet = {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
                     "buckets": [{"key": key, "doc_count": n} for key, n in ordered]}
            if name in ("stars", "gi"):
                facet = {"doc_count": sum(given.values()), "values": facet}
        aggregations[name] = {"doc_count": 5, "facet": facet}
    return aggregations


def search_answer(ids, total, aggregations=None):
    return {"took": 1, "timed_out": False, "hits": {"total": {"value": total, "relation": "eq"}, "max_score": None,
            "hits": [{"_index": "ocop-products-1", "_id": str(pk), "_score": None} for pk in ids]},
            "aggregations": aggregations or es_aggregations()}


@pytest.mark.django_db
def test_facets_are_labelled_and_ordered_as_the_database_backend_does(search_catalogue):
    query = SearchQuery(filters=Filters(stars=4))
    hong_tra, mien = search_catalogue["hong_tra"], search_catalogue["mien"]
    communes = dict(ProductSearchDocument.objects.values_list("product_id", "commune_id"))
    # What Elasticsearch counts for the contract's catalogue: each facet under the other filters.
    aggregations = es_aggregations(
        stars={5: 1, 4: 2}, group={1: 1, 2: 1}, gi={search_catalogue["gi"].pk: 1}, province={19: 2},
        commune={communes[hong_tra.pk]: 1, communes[mien.pk]: 1}, seller_type={"hkd": 1, "htx": 1},
        price={"0-100000": 1, "100000-200000": 1}, in_stock={1: 1, 0: 1},
    )
    cluster = FakeCluster(lambda method, target, body: (200, search_answer([mien.pk, hong_tra.pk], 2, aggregations)))
    result = cluster.backend().search(query)
    assert [(v.value, v.count) for v in result.facets["seller_type"]] == [("htx", 1), ("hkd", 1)]
    assert [(v.value, v.label, v.count) for v in result.facets["gi"]] == [("che-tan-cuong", "Tân Cương", 1)]
    assert [(v.value, v.label, v.count, v.selected) for v in result.facets["in_stock"]] == [("1", "Còn hàng", 1, False)]
    assert result.facets == DatabaseBackend().search(query).facets
    assert (result.product_ids, result.total, result.suggestion) == ([mien.pk, hong_tra.pk], 2, "")


@pytest.mark.django_db
def test_a_typo_is_suggested_from_the_database_vocabulary(search_catalogue):
    mien = search_catalogue["mien"]
    cluster = FakeCluster(lambda method, target, body: (200, search_answer([mien.pk], 1)))
    result = cluster.backend().search(SearchQuery(q="mien dongg"))
    ((method, target, body),) = cluster.requests
    assert (method, target, body["query"]["multi_match"]["query"]) == ("POST", "/ocop-products/_search", "mien dongg")
    assert (result.product_ids, result.total, result.suggestion) == ([mien.pk], 1, "mien dong")


@pytest.mark.django_db
def test_suggest_lists_products_producers_and_gis_as_the_database_backend_does(search_catalogue):
    teas = (search_catalogue["non_tom"], search_catalogue["hong_tra"])
    seller = teas[0].seller
    answer = {"took": 1, "timed_out": False, "hits": {"total": {"value": 2, "relation": "eq"}, "hits": [
        {"_id": str(p.pk), "_source": {"title": p.title, "url": p.get_absolute_url()}, "sort": [None, None]}
        for p in teas]}, "aggregations": {"everywhere": {"doc_count": 5, "producers": {"doc_count": 2, "names": {
            "buckets": [{"key": seller.name, "doc_count": 2, "page": {"hits": {"total": {"value": 2}, "hits": [
                {"_id": str(teas[0].pk), "_source": {"seller_url": f"/sellers/{seller.slug}/"}}]}}}]}}}}}
    cluster = FakeCluster(lambda method, target, body: (200, answer))
    suggestions = cluster.backend().suggest("tan cuo")
    assert cluster.requests == [("POST", "/ocop-products/_search", build_suggest(clauses("tan cuo"), 8).to_dict())]
    assert [(s.kind, s.label, s.url) for s in suggestions] == [
        (s.kind, s.label, s.url) for s in DatabaseBackend().suggest("tan cuo")]
    assert [(s.kind, s.label) for s in suggestions] == [
        ("product", "Chè nõn tôm Tân Cương"), ("product", "Hồng trà Tân Cương"),
        ("producer", "HTX Chè Tân Cương Xanh"), ("gi", "Tân Cương")]
    assert suggestions[-1].url == "/gi/che-tan-cuong/"


def test_one_letter_asks_elasticsearch_nothing():
    cluster = FakeCluster(lambda method, target, body: pytest.fail("no request expected"))
    assert cluster.backend().suggest("t") == []
    assert cluster.requests == []


def api_error(cls, status):
    meta = ApiResponseMeta(status=status, http_version="1.1", headers=HttpHeaders(), duration=0.0, node=None)
    return cls("refused", meta, {"error": {"type": "x", "reason": "y", "root_cause": [{"type": "x", "reason": "y"}]}})


class Failing(SearchBackend):
    name = "elasticsearch"

    def __init__(self, exc):
        self.exc = exc

    def search(self, *args):
        raise self.exc

    suggest = index = rebuild = search


class Answering(SearchBackend):
    """The database's place: records what it was asked."""

    name = "database"

    def __init__(self):
        self.calls = []

    def search(self, query):
        self.calls.append("search")
        return "database answer"

    def index(self, product_ids):
        self.calls.append("index")

    def rebuild(self):
        self.calls.append("rebuild")
        return 5


def logged(caplog):
    return [(r.levelname, r.getMessage().split(" (")[0]) for r in caplog.records]


@pytest.mark.parametrize("exc", [
    TransportConnectionError("Connection refused"),
    es_exceptions.ConnectionTimeout("timed out"),
    api_error(es_exceptions.ApiError, 503),
    api_error(es_exceptions.ApiError, 500),
    api_error(es_exceptions.ApiError, 429),
], ids=["refused", "timeout", "503", "500", "429"])
def test_an_unavailable_cluster_falls_back_with_a_warning(exc, caplog):
    database = Answering()
    with caplog.at_level(logging.WARNING):
        assert FallbackBackend(Failing(exc), database).search(SearchQuery(q="che")) == "database answer"
    assert database.calls == ["search"]
    assert logged(caplog) == [("WARNING", "Elasticsearch không trả lời")]


def test_a_missing_index_falls_back_with_an_error(caplog):
    # No index (the first rebuild has not run or failed): a rebuild cures it, the database answers meanwhile.
    database = Answering()
    backend = FallbackBackend(Failing(api_error(es_exceptions.NotFoundError, 404)), database)
    with caplog.at_level(logging.WARNING):
        assert backend.search(SearchQuery(q="che")) == "database answer"
        assert backend.rebuild() == 5
    assert database.calls == ["search", "rebuild"]
    assert logged(caplog) == [("ERROR", "Elasticsearch không có chỉ mục")] * 2


@pytest.mark.parametrize("exc", [
    api_error(es_exceptions.BadRequestError, 400),
    api_error(es_exceptions.AuthenticationException, 401),
    api_error(es_exceptions.ConflictError, 409),
    es_exceptions.SerializationError("cannot serialise"),
], ids=["400", "401", "409", "serialisation"])
def test_a_refused_request_is_a_bug_logged_and_raised_not_answered_by_the_database(exc, caplog):
    database = Answering()
    backend = FallbackBackend(Failing(exc), database)
    with caplog.at_level(logging.WARNING):
        with pytest.raises(type(exc)):
            backend.search(SearchQuery(q="che"))
        with pytest.raises(type(exc)):
            backend.index([1])
    assert database.calls == ["index"]  # the database documents are kept all the same
    assert logged(caplog) == [("ERROR", "Elasticsearch từ chối yêu cầu")] * 2

