"""Changes reach the search index: batched on commit, safe to repeat, rebuilt by a command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from catalog.search import tasks
from catalog.search.backends.base import Filters, SearchQuery, price_range_of
from catalog.search.backends.database import DatabaseBackend
from catalog.search.documents import DOCUMENT_FIELD, with_facet_combinations
from catalog.search.models import FacetCombination, ProductSearchDocument
from sellers.models import StockRecord

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.search_catalogue"]


@pytest.fixture
def sent(monkeypatch):
    calls = []
    monkeypatch.setattr(tasks.index_products, "delay", lambda ids: calls.append(list(ids)))
    return calls


def test_many_saves_in_one_transaction_send_one_task_on_commit(
    settings, search_catalogue, sent, django_capture_on_commit_callbacks
):
    settings.SEARCH_INDEX_EAGERLY = False
    records = list(StockRecord.objects.order_by("pk"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for _round in range(20):
            for record in records:
                record.price += 1000
                record.save()
    assert len(callbacks) == 1
    assert sent == [sorted(r.product_id for r in records)]


def test_nothing_is_sent_before_the_commit(settings, search_catalogue, sent, django_capture_on_commit_callbacks):
    settings.SEARCH_INDEX_EAGERLY = False
    with django_capture_on_commit_callbacks(execute=False):
        search_catalogue["mien"].save()
    assert sent == []


def test_a_price_change_reaches_the_document(search_catalogue):
    record = search_catalogue["mien"].stockrecords.get()
    record.price = 120000
    record.save()
    assert ProductSearchDocument.objects.get(product=search_catalogue["mien"]).price == 120000


@pytest.mark.parametrize("price, price_range", [
    (99_999, "0-100000"), (100_000, "100000-200000"), (499_999, "200000-500000"), (1_000_000, "1000000-"),
])
def test_the_document_keeps_the_price_range_its_price_falls_in(search_catalogue, price, price_range):
    record = search_catalogue["mien"].stockrecords.get()
    record.price = price
    record.save()
    assert ProductSearchDocument.objects.get(product=search_catalogue["mien"]).price_range == price_range


def test_a_product_without_a_price_is_in_no_price_range():
    assert price_range_of(None) == ""


def test_a_revoked_gi_right_removes_the_gi(search_catalogue):
    right = search_catalogue["gi"].rights.get()
    right.revoked_at = timezone.now()
    right.save()
    result = DatabaseBackend().search(SearchQuery(filters=Filters(gi="che-tan-cuong")))
    assert result.total == 0


def test_an_expired_certificate_is_no_longer_a_star_facet(search_catalogue):
    # A document indexed while its certificate held, read after the certificate ended.
    document = ProductSearchDocument.objects.get(product=search_catalogue["non_tom"])
    document.stars_until = timezone.localdate() - timedelta(days=1)
    with_facet_combinations([document])
    document.save()
    result = DatabaseBackend().search(SearchQuery(filters=Filters(stars=5)))
    assert (result.total, result.facets["stars"][0].value) == (0, "4")


def test_a_hidden_product_leaves_the_index(search_catalogue):
    product = search_catalogue["lac"]
    product.is_public = False
    product.save()
    assert not ProductSearchDocument.objects.filter(product=product).exists()


def test_the_task_can_run_twice(search_catalogue):
    ids = [search_catalogue["mien"].pk, search_catalogue["lac"].pk]
    tasks.index_products(ids)
    first = list(ProductSearchDocument.objects.order_by("pk").values("pk", "text", "price", "stars"))
    tasks.index_products(ids)
    assert list(ProductSearchDocument.objects.order_by("pk").values("pk", "text", "price", "stars")) == first


def test_rebuild_command(search_catalogue):
    ProductSearchDocument.objects.all().delete()
    out = StringIO()
    call_command("search_index", "--rebuild", stdout=out)
    call_command("search_index", "--rebuild", stdout=out)
    assert ProductSearchDocument.objects.count() == 5
    assert out.getvalue().startswith("Đã lập chỉ mục 5 sản phẩm")


def test_document_text_is_folded_and_complete(search_catalogue):
    document = ProductSearchDocument.objects.get(product=search_catalogue["non_tom"])
    assert document.text.startswith(" che non tom tan cuong htx che tan cuong xanh xa tan cuong tinh thai nguyen")
    assert " do uong che " in document.text
    assert (document.stars, document.ocop_group, document.seller_kind, document.price, document.in_stock) == (
        5, 2, "htx", 350000, True)


def counted_values(document):
    return tuple(getattr(document, DOCUMENT_FIELD.get(f, f)) for f in FacetCombination.FIELDS)


def test_documents_with_the_same_counted_values_share_one_combination(search_catalogue):
    documents = list(ProductSearchDocument.objects.select_related("facets"))
    assert all(counted_values(d) == tuple(getattr(d.facets, f) for f in FacetCombination.FIELDS) for d in documents)
    assert len({d.facets_id for d in documents}) == len({counted_values(d) for d in documents}) == 5


def test_a_rebuild_run_twice_reuses_the_combinations(search_catalogue):
    call_command("search_index", "--rebuild", stdout=StringIO())
    first = dict(ProductSearchDocument.objects.values_list("product_id", "facets_id"))
    combinations = FacetCombination.objects.count()
    call_command("search_index", "--rebuild", stdout=StringIO())
    assert dict(ProductSearchDocument.objects.values_list("product_id", "facets_id")) == first
    assert FacetCombination.objects.count() == combinations


def test_a_price_change_moves_the_document_to_the_combination_of_its_range(search_catalogue):
    record = search_catalogue["mien"].stockrecords.get()
    record.price = 1_200_000
    record.save()
    document = ProductSearchDocument.objects.select_related("facets").get(product=search_catalogue["mien"])
    assert (document.price_range, document.facets.price_range) == ("1000000-", "1000000-")
    price = DatabaseBackend().search(SearchQuery(q="miến")).facets["price"]
    assert [(v.value, v.count) for v in price] == [("1000000-", 1)]


def test_a_scope_without_categories_counts_nothing(search_catalogue):
    result = DatabaseBackend().search(SearchQuery(q="chè", filters=Filters(category_ids=())))
    assert (result.total, result.product_ids, result.facets["stars"]) == (0, [], [])


def seqscan():
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        return cursor.fetchone()[0]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_search_leaves_the_connection_planning_as_before(search_catalogue):
    """Outside a transaction, as a request is: the search's own transaction ends the setting."""
    assert DatabaseBackend().search(SearchQuery(q="chè")).total
    assert seqscan() == "on"


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_in_a_transaction_the_setting_lasts_until_it_ends(search_catalogue):
    with transaction.atomic():
        DatabaseBackend().search(SearchQuery(q="chè"))
        assert seqscan() == "off"
    assert seqscan() == "on"


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_an_error_raised_before_the_server_still_ends_the_setting(search_catalogue, monkeypatch):
    def refused(queryset):
        raise DatabaseError("refused before reaching the server")

    monkeypatch.setattr(DatabaseBackend, "combos", staticmethod(refused))
    with pytest.raises(DatabaseError), transaction.atomic():
        DatabaseBackend().search(SearchQuery(q="chè"))
    assert seqscan() == "on"


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_failed_query_leaves_the_planning_to_the_rollback(search_catalogue, monkeypatch):
    def failing(queryset):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 / 0")

    monkeypatch.setattr(DatabaseBackend, "combos", staticmethod(failing))
    with pytest.raises(DatabaseError), transaction.atomic():
        DatabaseBackend().search(SearchQuery(q="chè"))
    assert seqscan() == "on"


def test_a_kept_correction_gives_way_to_a_word_the_index_learns(search_catalogue, make_product, kept_fragments):
    """Corrections are kept until the vocabulary grows, not recomputed for every page after an edit."""
    assert DatabaseBackend().search(SearchQuery(q="mien dongg")).suggestion == "mien dong"
    assert DatabaseBackend().search(SearchQuery(q="mien dongg")).suggestion == "mien dong"  # kept

    make_product(search_catalogue["mien"].seller, title="Miến Dongg đặc biệt")

    result = DatabaseBackend().search(SearchQuery(q="mien dongg"))
    assert result.suggestion == ""
    assert result.total == 1
