"""The Elasticsearch backend as data: its index settings, the requests it builds, its fallback.

No Elasticsearch runs here; the contract tests (test_search_contract.py) run against one when
ELASTICSEARCH_URL is set.
"""

import logging

import pytest
from elastic_transport import ConnectionError as TransportConnectionError

from catalog.search.backends import get_backend
from catalog.search.backends.base import Filters, SearchBackend, SearchQuery
from catalog.search.backends.database import DatabaseBackend
from catalog.search.backends.elastic import (
    FallbackBackend,
    alias_swap,
    build_search,
    build_suggest,
    index_body,
    synonym_rules,
)

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
        "stars", "stars_until", "ocop_group", "gi", "province", "commune", "seller_kind", "price",
        "in_stock", "date_created", "rating", "category_ids")} == {
        "stars": "integer", "stars_until": "date", "ocop_group": "integer", "gi": "keyword",
        "province": "integer", "commune": "integer", "seller_kind": "keyword", "price": "long",
        "in_stock": "boolean", "date_created": "date", "rating": "float", "category_ids": "integer",
    }


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
    assert body["sort"] == [{"price": {"order": "asc", "missing": "_last"}}, {"_id": "asc"}]
    assert (body["from"], body["size"], body["track_total_hits"], body["_source"]) == (0, 24, True, False)


def test_suggest_request_uses_edge_ngrams():
    assert build_suggest("tan cu", 5).to_dict() == {
        "query": {"multi_match": {"query": "tan cu", "fields": ["title.prefix^2", "seller_name.prefix"],
                                  "operator": "and"}},
        "aggs": {"producers": {"terms": {"field": "seller_name.raw", "size": 3}}},
        "_source": ["title", "url", "seller_name", "seller_url", "gi", "gi_name"],
        "size": 5,
    }


def test_alias_swap_is_one_request():
    assert alias_swap("ocop-products", "ocop-products-2", ["ocop-products-1"]) == [
        {"remove": {"index": "ocop-products-1", "alias": "ocop-products"}},
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
