"""Changes reach the search index: batched on commit, safe to repeat, rebuilt by a command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog.search import tasks
from catalog.search.backends.base import Filters, SearchQuery, price_range_of
from catalog.search.backends.database import DatabaseBackend
from catalog.search.models import ProductSearchDocument
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
    ProductSearchDocument.objects.filter(product=search_catalogue["non_tom"]).update(
        stars_until=timezone.localdate() - timedelta(days=1)
    )
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
