"""One behaviour, every backend: the database backend always, Elasticsearch when ELASTICSEARCH_URL
is set (the tests that need it are skipped otherwise)."""

import pytest
from django.conf import settings

from catalog.search.backends.base import Filters, SearchQuery
from catalog.search.backends.database import DatabaseBackend

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.search_catalogue"]


def elasticsearch_backend():
    if not settings.ELASTICSEARCH_URL:
        pytest.skip("ELASTICSEARCH_URL is not set: no Elasticsearch to test against")
    from catalog.search.backends.elastic import ElasticsearchBackend

    return ElasticsearchBackend(settings.ELASTICSEARCH_URL)


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, search_catalogue):
    given = DatabaseBackend() if request.param == "database" else elasticsearch_backend()
    given.rebuild()
    return given


def titles(backend, search_catalogue, q="", **filters):
    result = backend.search(SearchQuery(q=q, filters=Filters(**filters)))
    by_id = {p.pk: p.title for p in search_catalogue.values() if hasattr(p, "title")}
    return [by_id[pk] for pk in result.product_ids]


@pytest.mark.parametrize("q", ["che tan cuong", "Chè Tân Cương", "CHE TAN CUONG", "chè tân cương"])
def test_diacritics_and_case_do_not_matter(backend, search_catalogue, q):
    assert sorted(titles(backend, search_catalogue, q)) == ["Chè nõn tôm Tân Cương", "Hồng trà Tân Cương"]


def test_d_folds_to_d(backend, search_catalogue):
    assert titles(backend, search_catalogue, "dac biet") == ["Miến dong Côn Minh đặc biệt"]
    assert titles(backend, search_catalogue, "ĐẶC BIỆT") == ["Miến dong Côn Minh đặc biệt"]


def test_tra_finds_che_and_che_finds_tra(backend, search_catalogue):
    assert sorted(titles(backend, search_catalogue, "trà nõn tôm")) == ["Chè nõn tôm Tân Cương"]
    assert sorted(titles(backend, search_catalogue, "chè hồng")) == ["Hồng trà Tân Cương"]


def test_regional_synonyms(backend, search_catalogue):
    assert titles(backend, search_catalogue, "đậu phộng") == ["Lạc rang húng lìu"]
    assert titles(backend, search_catalogue, "thịt heo") == ["Thịt lợn gác bếp"]


def test_mien_is_not_mi(backend, search_catalogue):
    assert titles(backend, search_catalogue, "mì") == []


def test_one_typo_in_a_long_word_still_finds_it(backend, search_catalogue):
    result = backend.search(SearchQuery(q="mien dongg"))
    assert result.total == 1
    assert result.suggestion == "mien dong"


def test_short_words_are_not_corrected(backend, search_catalogue):
    assert titles(backend, search_catalogue, "mjen") == []


def test_producers_communes_and_gi_names_are_searchable(backend, search_catalogue):
    assert titles(backend, search_catalogue, "Côn Minh") == ["Miến dong Côn Minh đặc biệt"]
    assert sorted(titles(backend, search_catalogue, "Phổ Yên")) == ["Lạc rang húng lìu", "Thịt lợn gác bếp"]
    assert sorted(titles(backend, search_catalogue, "dai tu")) == [
        "Lạc rang húng lìu", "Miến dong Côn Minh đặc biệt", "Thịt lợn gác bếp"]


def test_filters(backend, search_catalogue):
    assert titles(backend, search_catalogue, stars=5) == ["Chè nõn tôm Tân Cương"]
    assert sorted(titles(backend, search_catalogue, group=1)) == [
        "Lạc rang húng lìu", "Miến dong Côn Minh đặc biệt", "Thịt lợn gác bếp"]
    assert sorted(titles(backend, search_catalogue, gi="che-tan-cuong")) == [
        "Chè nõn tôm Tân Cương", "Hồng trà Tân Cương"]
    assert titles(backend, search_catalogue, seller_type="hkd") == ["Miến dong Côn Minh đặc biệt"]
    assert titles(backend, search_catalogue, commune=5500, in_stock=True) == ["Chè nõn tôm Tân Cương"]
    assert sorted(titles(backend, search_catalogue, min_price=60000, max_price=100000)) == [
        "Lạc rang húng lìu", "Miến dong Côn Minh đặc biệt"]
    assert titles(backend, search_catalogue, gi="khong-co") == []


def test_an_uncounted_search_finds_the_same_page_and_counts_nothing(backend, search_catalogue):
    counted = backend.search(SearchQuery(filters=Filters(group=2), sort="newest", per_page=1))
    uncounted = backend.search(SearchQuery(filters=Filters(group=2), sort="newest", per_page=1, counted=False))
    assert counted.product_ids and counted.total > 1 and counted.facets
    assert (uncounted.product_ids, uncounted.total, uncounted.facets) == (counted.product_ids, None, {})


def test_facet_counts_ignore_their_own_filter(backend, search_catalogue):
    result = backend.search(SearchQuery(filters=Filters(stars=4)))
    assert result.total == 2
    assert [(v.value, v.count, v.selected) for v in result.facets["stars"]] == [
        ("5", 1, False), ("4", 2, True)]
    assert [(v.value, v.count) for v in result.facets["group"]] == [("1", 1), ("2", 1)]
    assert [(v.value, v.count) for v in result.facets["seller_type"]] == [("htx", 1), ("hkd", 1)]
    assert [(v.value, v.count) for v in result.facets["in_stock"]] == [("1", 1)]
    assert [(v.value, v.count) for v in result.facets["price"]] == [("0-100000", 1), ("100000-200000", 1)]
    assert [(v.value, v.label, v.count) for v in result.facets["gi"]] == [("che-tan-cuong", "Tân Cương", 1)]
    assert [(v.value, v.count) for v in result.facets["province"]] == [("19", 2)]


@pytest.mark.parametrize("sort, expected", [
    ("price", ["Lạc rang húng lìu", "Miến dong Côn Minh đặc biệt", "Hồng trà Tân Cương",
               "Chè nõn tôm Tân Cương", "Thịt lợn gác bếp"]),
    ("-price", ["Thịt lợn gác bếp", "Chè nõn tôm Tân Cương", "Hồng trà Tân Cương",
                "Miến dong Côn Minh đặc biệt", "Lạc rang húng lìu"]),
    ("newest", ["Thịt lợn gác bếp", "Lạc rang húng lìu", "Miến dong Côn Minh đặc biệt",
                "Hồng trà Tân Cương", "Chè nõn tôm Tân Cương"]),
])
def test_sorting(backend, search_catalogue, sort, expected):
    result = backend.search(SearchQuery(sort=sort))
    by_id = {p.pk: p.title for p in search_catalogue.values() if hasattr(p, "title")}
    assert [by_id[pk] for pk in result.product_ids] == expected


def test_title_matches_rank_first(backend, search_catalogue):
    # "tân cương" is in both teas' titles; the noodles only mention nothing of it.
    result = backend.search(SearchQuery(q="hong tra"))
    assert result.product_ids[0] == search_catalogue["hong_tra"].pk


def test_paging(backend, search_catalogue):
    result = backend.search(SearchQuery(sort="price", page=2, per_page=2))
    assert result.total == 5
    assert result.product_ids == [search_catalogue["hong_tra"].pk, search_catalogue["non_tom"].pk]


def test_suggest_titles_producers_and_gis(backend, search_catalogue):
    suggestions = backend.suggest("tan cuo")
    assert [(s.kind, s.label) for s in suggestions] == [
        ("product", "Chè nõn tôm Tân Cương"), ("product", "Hồng trà Tân Cương"),
        ("producer", "HTX Chè Tân Cương Xanh"), ("gi", "Tân Cương")]
    assert suggestions[-1].url == "/gi/che-tan-cuong/"


def test_rebuild_twice_gives_the_same_results(backend, search_catalogue):
    before = backend.search(SearchQuery(q="che"))
    backend.rebuild()
    after = backend.search(SearchQuery(q="che"))
    assert (after.product_ids, after.total) == (before.product_ids, before.total)
