"""Renaming something a search document copies (a category, a commune or ward, a province, a GI, a
seller) reindexes exactly the products that show that name, in one batch on commit; the database
documents and the Elasticsearch entries built from them then carry the new name."""

import pytest

from catalog.models import Category
from catalog.search import tasks
from catalog.search.backends.base import Filters, SearchQuery
from catalog.search.backends.database import DatabaseBackend
from catalog.search.backends.elastic import ElasticsearchBackend
from geo_indications.models import Commune

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.search_catalogue"]


@pytest.fixture
def sent(settings, monkeypatch):
    settings.SEARCH_INDEX_EAGERLY = False
    calls = []
    monkeypatch.setattr(tasks.index_products, "delay", lambda ids: calls.append(list(ids)))
    return calls


@pytest.fixture
def rename(sent, django_capture_on_commit_callbacks):
    """Rename in one committed transaction, then run the indexing task(s) it enqueued."""

    def rename(instance, **names):
        with django_capture_on_commit_callbacks(execute=True):
            for field, value in names.items():
                setattr(instance, field, value)
            instance.save()
        for ids in sent:
            tasks.index_products(ids)
        return sent

    return rename


def ids(catalogue, *names):
    return sorted(catalogue[name].pk for name in names)


def found(q):
    return sorted(DatabaseBackend().search(SearchQuery(q=q)).product_ids)


def elastic_sources(product_ids):
    # Built as the Elasticsearch backend would send them; no cluster is needed to read them.
    actions = ElasticsearchBackend("http://127.0.0.1:1").actions(product_ids, "ocop-products-test")
    return {action["_id"]: action["_source"] for action in actions}


def test_renaming_a_parent_category_reindexes_the_products_of_its_subcategories(search_catalogue, rename):
    drinks = search_catalogue["tea_category"].get_parent()
    assert found("thuc uong") == []
    assert rename(drinks, name="Thức uống") == [ids(search_catalogue, "non_tom", "hong_tra")]
    assert found("thuc uong") == ids(search_catalogue, "non_tom", "hong_tra")
    assert all(" thuc uong " in source["text"] for source in elastic_sources(found("thuc uong")).values())


def test_renaming_a_commune_reindexes_the_products_from_there(search_catalogue, rename):
    commune = Commune.objects.get(name="Xã Đại Từ")
    assert rename(commune, name="Xã Quân Chu") == [ids(search_catalogue, "mien", "lac", "heo")]
    assert found("quan chu") == ids(search_catalogue, "mien", "lac", "heo")
    assert found("dai tu") == []


def test_renaming_a_province_reindexes_every_product_placed_in_it(search_catalogue, rename):
    province = search_catalogue["province"]
    everything = ids(search_catalogue, "non_tom", "hong_tra", "mien", "lac", "heo")
    assert rename(province, name="Tỉnh Bắc Thái") == [everything]
    assert found("bac thai") == everything


def test_renaming_a_gi_reindexes_its_products_for_both_backends(search_catalogue, rename):
    gi = search_catalogue["gi"]
    teas = ids(search_catalogue, "non_tom", "hong_tra")
    assert rename(gi, name_vi="Chè Tân Cương Thái Nguyên", slug="che-tan-cuong-thai-nguyen") == [teas]
    assert found("tan cuong thai nguyen") == teas
    sources = elastic_sources(teas)
    assert {(s["gi"], s["gi_name"]) for s in sources.values()} == {
        ("che-tan-cuong-thai-nguyen", "Chè Tân Cương Thái Nguyên")
    }


def test_narrowing_a_gis_product_types_takes_it_off_products_of_other_types(
    search_catalogue, sent, django_capture_on_commit_callbacks
):
    gi = search_catalogue["gi"]
    teas = ids(search_catalogue, "non_tom", "hong_tra")
    with_gi = SearchQuery(filters=Filters(gi=gi.slug))
    assert sorted(DatabaseBackend().search(with_gi).product_ids) == teas
    with django_capture_on_commit_callbacks(execute=True):
        gi.categories.add(Category.add_root(name="Bánh", slug="banh"))  # staff: this GI is for cakes only
    assert sent == [teas]
    for batch in sent:
        tasks.index_products(batch)
    assert DatabaseBackend().search(with_gi).product_ids == []
    assert {source["gi"] for source in elastic_sources(teas).values()} == {None}


def test_renaming_a_seller_reindexes_its_products_for_both_backends(search_catalogue, rename):
    seller = search_catalogue["mien"].seller
    assert rename(seller, name="HTX Miến dong Na Rì") == [ids(search_catalogue, "mien")]
    assert found("na ri") == ids(search_catalogue, "mien")
    assert elastic_sources(ids(search_catalogue, "mien"))[search_catalogue["mien"].pk]["seller_name"] == (
        "HTX Miến dong Na Rì"
    )


def test_saving_without_a_new_name_sends_nothing(search_catalogue, rename):
    commune = Commune.objects.get(name="Xã Đại Từ")
    assert rename(commune, division_type="xã") == []
    assert rename(search_catalogue["tea_category"], description="Chè các loại") == []


def test_a_new_commune_sends_nothing(search_catalogue, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Commune.objects.create(code=5599, province=search_catalogue["province"], name="Xã Mới",
                               division_type="xã", codename="xa_moi")
    assert sent == []


def test_a_rename_that_touches_many_products_is_sent_in_batches(search_catalogue, rename, monkeypatch):
    from catalog.search import signals

    monkeypatch.setattr(signals, "MAX_BATCH", 2)
    commune = Commune.objects.get(name="Xã Đại Từ")
    everything = ids(search_catalogue, "mien", "lac", "heo")
    assert rename(commune, name="Xã Quân Chu") == [everything[:2], everything[2:]]
    assert found("quan chu") == everything


def test_kept_facet_names_and_gi_ids_follow_renames(search_catalogue, rename, kept_fragments):
    """The facets' place and GI names, and a GI filter's id, are kept between searches
    (database.names_of): each rename shows in the next search."""
    backend = DatabaseBackend()

    def labels(name):
        return {value.label for value in backend.search(SearchQuery()).facets[name]}

    def with_gi(slug):
        return sorted(backend.search(SearchQuery(filters=Filters(gi=slug))).product_ids)

    teas = ids(search_catalogue, "non_tom", "hong_tra")
    gi = search_catalogue["gi"]
    assert "Xã Đại Từ" in labels("commune")
    assert with_gi(gi.slug) == teas

    rename(Commune.objects.get(name="Xã Đại Từ"), name="Xã Quân Chu")
    assert "Xã Quân Chu" in labels("commune") and "Xã Đại Từ" not in labels("commune")

    old_slug = gi.slug
    rename(gi, name_vi="Chè Tân Cương Thái Nguyên", slug="che-tan-cuong-thai-nguyen")
    assert "Chè Tân Cương Thái Nguyên" in labels("gi")
    assert with_gi("che-tan-cuong-thai-nguyen") == teas
    assert with_gi(old_slug) == []
