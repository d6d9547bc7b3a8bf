"""Elasticsearch is unreachable (ELASTICSEARCH_URL at a closed port, a real client): search pages,
suggestions and the API answer from the database with a warning in the log, indexing keeps the
database documents current, and a rebuild completes on the database."""

import logging

import pytest
from django.core.management import call_command

from catalog.search.backends import get_backend
from catalog.search.backends.base import SearchQuery
from catalog.search.backends.database import DatabaseBackend
from catalog.search.backends.elastic import FallbackBackend, leftover_indices

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.search_catalogue"]

SEARCH_FELL_BACK = "Elasticsearch không trả lời"


@pytest.fixture
def elasticsearch_down(settings, search_catalogue):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    assert isinstance(get_backend(), FallbackBackend)
    return search_catalogue


def warnings(caplog):
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_search_pages_answer_from_the_database(client, elasticsearch_down, caplog):
    catalogue = elasticsearch_down
    with caplog.at_level(logging.WARNING):
        page = client.get("/search/", {"q": "mien dong"})
        suggest = client.get("/search/suggest", {"q": "hong tra"})
        category = client.get(catalogue["tea_category"].get_absolute_url())
    assert page.status_code == 200
    assert [p.pk for p in page.context["search_result"].products] == [catalogue["mien"].pk]
    assert suggest.status_code == 200
    assert "Hồng trà Tân Cương" in suggest.content.decode()
    assert category.status_code == 200
    assert sorted(p.pk for p in category.context["search_result"].products) == sorted(
        [catalogue["non_tom"].pk, catalogue["hong_tra"].pk]
    )
    assert sum(SEARCH_FELL_BACK in w for w in warnings(caplog)) == 3
    assert "Traceback" not in page.content.decode()


def test_the_api_answers_what_the_database_backend_finds(client, elasticsearch_down, caplog):
    expected = DatabaseBackend().search(SearchQuery(q="tan cuong", sort="price"))
    with caplog.at_level(logging.WARNING):
        response = client.get("/api/v1/products", {"q": "tan cuong", "sort": "price"})
    assert response.status_code == 200
    body = response.json()
    assert [r["id"] for r in body["results"]] == expected.product_ids
    assert body["count"] == expected.total == 2
    assert [(f["value"], f["count"]) for f in body["facets"]["stars"]] == [("5", 1), ("4", 1)]
    assert [w for w in warnings(caplog) if SEARCH_FELL_BACK in w] != []


def test_a_change_still_reaches_database_search(client, elasticsearch_down, caplog):
    lac = elasticsearch_down["lac"]
    with caplog.at_level(logging.WARNING):
        lac.title = "Lạc rang muối vừng"
        lac.save()  # indexed at once in tests (SEARCH_INDEX_EAGERLY)
        found = client.get("/search/", {"q": "lac rang muoi"}).context["search_result"].products
    assert [p.pk for p in found] == [lac.pk]
    assert any("Elasticsearch không nhận cập nhật chỉ mục" in w for w in warnings(caplog))


def test_a_rebuild_completes_on_the_database(elasticsearch_down, caplog, capsys):
    from catalog.search.models import ProductSearchDocument

    ProductSearchDocument.objects.all().delete()
    with caplog.at_level(logging.WARNING):
        call_command("search_index", "--rebuild")
    assert "Đã lập chỉ mục 5 sản phẩm" in capsys.readouterr().out
    assert ProductSearchDocument.objects.count() == 5
    assert any("Elasticsearch không xây lại được chỉ mục" in w for w in warnings(caplog))


def test_a_rebuild_drops_the_indices_of_earlier_rebuilds_killed_before_their_swap():
    existing = ["ocop-products-20260101020000", "ocop-products-20260102020000",  # replaced, killed
                "ocop-products-20260103020000", "ocop-products-20260103020500", "other-index"]
    assert leftover_indices("ocop-products", "ocop-products-20260103020000", existing) == [
        "ocop-products-20260101020000", "ocop-products-20260102020000",
    ]
