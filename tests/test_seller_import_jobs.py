"""The import job: only its seller sees it, it is all-or-nothing, it reports progress, and what it
changes reaches the search index in batches."""

import time

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse

from catalog.models import Product, ProductAttributeValue
from catalog.search import tasks as search_tasks
from catalog.search.backends.base import SearchQuery
from catalog.search.backends.database import DatabaseBackend
from sellers.imports import writing
from sellers.imports.models import ImportJob
from sellers.imports.tasks import run_import
from sellers.models import StockRecord
from tests.seller_import_files import csv_bytes, row, upload

pytest_plugins = ["tests.seller_import_fixtures"]

ROWS = [
    row(sku="CHE-100G", parent_sku="CHE", variant="Gói 100 g", price="80.000", weight="120"),
    row(sku="CHE-200G", parent_sku="CHE", variant="Gói 200 g", price="150.000", weight="220"),
    row(sku="HONG-TRA", name="Hồng trà Tân Cương", price="180000", weight="250"),
]


def uploaded_job(client, rows=ROWS):
    upload(client, csv_bytes(rows))
    return ImportJob.objects.filter(seller=client.seller).latest("pk")


def confirm(client, job, capture):
    with capture(execute=True):
        client.post(reverse("seller_import:confirm", kwargs={"pk": job.pk}))
    job.refresh_from_db()


def database_state():
    return (
        sorted(Product.objects.values_list("upc", "title")),
        sorted(StockRecord.objects.values_list("partner_sku", "price", "num_in_stock")),
        ProductAttributeValue.objects.count(),
    )


# Only its seller ---------------------------------------------------------------------------------

@pytest.mark.django_db
def test_another_seller_can_neither_see_nor_poll_nor_start_a_job(seller_client, other_seller_client):
    job = uploaded_job(seller_client)
    for name, method in [("job", "get"), ("progress", "get"), ("confirm", "post")]:
        response = getattr(other_seller_client, method)(reverse(f"seller_import:{name}", kwargs={"pk": job.pk}))
        assert (name, response.status_code) == (name, 404)
    page = other_seller_client.get(reverse("seller_import:index"))
    assert list(page.context["jobs"]) == []
    job.refresh_from_db()
    assert job.status == "ready"


@pytest.mark.django_db
def test_only_signed_in_sellers_reach_the_import(client, django_user_model, product_types):
    url = reverse("seller_import:index")
    assert client.get(url)["Location"].startswith("/accounts/login/")
    buyer = django_user_model.objects.create_user("nguoimua@example.vn", "mat-khau-nguoi-mua")
    client.force_login(buyer)
    assert client.get(url).status_code == 403
    assert client.get(reverse("seller_import:template", kwargs={"fmt": "csv"})).status_code == 403


@pytest.mark.django_db
def test_an_unknown_template_format_is_not_found(seller_client):
    assert seller_client.get(reverse("seller_import:template", kwargs={"fmt": "pdf"})).status_code == 404


# Progress --------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_progress_is_reported_as_json_and_the_page_refreshes_itself_without_javascript(seller_client):
    job = uploaded_job(seller_client)
    ImportJob.objects.filter(pk=job.pk).update(status="running")
    from django.core.cache import cache

    cache.set(job.progress_key, 2)
    answer = seller_client.get(reverse("seller_import:progress", kwargs={"pk": job.pk})).json()
    assert answer == {
        "status": "running", "status_display": "Đang nhập", "finished": False, "total": 3, "done": 2,
        "percent": 66, "created": 0, "updated": 0, "unchanged": 0, "errors": [],
    }
    page = seller_client.get(reverse("seller_import:job", kwargs={"pk": job.pk})).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert 'value="66"' in page
    assert "sellers/import-progress.js" in page


@pytest.mark.django_db
def test_confirming_twice_starts_one_import(seller_client, eager_celery, django_capture_on_commit_callbacks):
    job = uploaded_job(seller_client)
    confirm(seller_client, job, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = seller_client.post(reverse("seller_import:confirm", kwargs={"pk": job.pk}))
    assert (response.status_code, callbacks) == (302, [])
    page = seller_client.get(response["Location"]).content.decode()
    assert "Sản phẩm tạo mới: <strong>4</strong>" in page
    assert "<noscript>" not in page


# All or nothing --------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_failure_on_the_last_row_leaves_the_database_unchanged(
    seller_client, eager_celery, django_capture_on_commit_callbacks, make_product, monkeypatch
):
    existing = make_product(seller_client.seller, "Chè móc câu", price="200000", stock=3)
    sku = existing.stockrecords.get().partner_sku
    rows = [row(sku=sku, name="Chè móc câu", price="210.000"), *ROWS]
    job = uploaded_job(seller_client, rows)
    before = database_state()
    add_stock = writing.Writer.add_stock

    def failing_on_the_last_row(self, item, product):
        if item.sku == "HONG-TRA":
            raise RuntimeError("disk full")
        return add_stock(self, item, product)

    monkeypatch.setattr(writing.Writer, "add_stock", failing_on_the_last_row)
    confirm(seller_client, job, django_capture_on_commit_callbacks)

    assert database_state() == before
    assert (job.status, job.done, job.created_count) == ("failed", 0, 0)
    assert job.errors == [{"row": 0, "column": "", "header": "", "message": (
        "Lỗi hệ thống khi nhập; không sản phẩm nào được lưu. Hãy thử lại sau ít phút hoặc báo quản trị sàn."
    )}]
    assert StockRecord.objects.get(partner_sku=sku).price == 200000


@pytest.mark.django_db
def test_a_sku_taken_by_another_seller_after_the_preview_fails_the_job_with_its_row(
    seller_client, other_seller_client, eager_celery, django_capture_on_commit_callbacks, make_product
):
    job = uploaded_job(seller_client)
    theirs = make_product(other_seller_client.seller, "Hồng trà")
    StockRecord.objects.filter(product=theirs).update(partner_sku="HONG-TRA")
    before = database_state()

    confirm(seller_client, job, django_capture_on_commit_callbacks)

    assert database_state() == before
    assert job.status == "failed"
    assert job.errors == [{"row": 4, "column": "A", "header": "Mã SKU", "message": (
        "Mã SKU «HONG-TRA» đang thuộc về một người bán khác; hãy đặt mã khác."
    )}]
    page = seller_client.get(reverse("seller_import:job", kwargs={"pk": job.pk})).content.decode()
    assert "<td>4</td>" in page and "Mã SKU «HONG-TRA» đang thuộc về một người bán khác" in page


# Search ----------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_imported_products_reach_the_index_in_one_batch_on_commit(
    seller_client, eager_celery, django_capture_on_commit_callbacks, settings, monkeypatch
):
    settings.SEARCH_INDEX_EAGERLY = False
    sent = []
    monkeypatch.setattr(search_tasks.index_products, "delay", lambda ids: sent.append(list(ids)))
    job = uploaded_job(seller_client)
    confirm(seller_client, job, django_capture_on_commit_callbacks)
    assert job.status == "done"
    assert sent == [sorted(Product.objects.values_list("pk", flat=True))]


@pytest.mark.django_db
def test_an_update_that_only_adds_a_category_reaches_the_index(
    seller_client, eager_celery, django_capture_on_commit_callbacks, settings, monkeypatch
):
    confirm(seller_client, uploaded_job(seller_client), django_capture_on_commit_callbacks)
    settings.SEARCH_INDEX_EAGERLY = False
    sent = []
    monkeypatch.setattr(search_tasks.index_products, "delay", lambda ids: sent.append(list(ids)))
    job = uploaded_job(seller_client, [*ROWS[:2], dict(ROWS[2], category="Đồ uống")])
    assert (job.to_update, job.unchanged_count) == (1, 3)
    confirm(seller_client, job, django_capture_on_commit_callbacks)
    hong_tra = Product.objects.get(upc="HONG-TRA")
    assert sent == [[hong_tra.pk]]
    assert sorted(c.name for c in hong_tra.categories.all()) == ["Chè", "Đồ uống"]


@pytest.mark.django_db
def test_imported_products_are_found_by_search(seller_client, eager_celery, django_capture_on_commit_callbacks):
    job = uploaded_job(seller_client)
    confirm(seller_client, job, django_capture_on_commit_callbacks)
    result = DatabaseBackend().search(SearchQuery(q="hong tra tan cuong"))
    assert Product.objects.get(upc="HONG-TRA").pk in result.product_ids


# A real worker ---------------------------------------------------------------------------------

@pytest.mark.skipif(not django_settings.CELERY_BROKER_URL, reason="no broker: tasks are eager")
# Committed for real so that the worker (reading the same test database and, with the test settings,
# the same media folder) sees the job and its file. The flush afterwards is limited to these apps.
@pytest.mark.django_db(
    transaction=True, available_apps=["sellers", "catalog", "catalog.search", "geo_indications"]
)
def test_with_a_broker_the_worker_runs_the_import(make_seller, product_types, tea_category, settings):
    from marketplace import celery_app

    settings.PRIVATE_MEDIA_ROOT = settings.BASE_DIR / ".test-media-private"  # the worker's (settings/test.py)
    seller = make_seller()
    job = ImportJob(seller=seller, original_name="san-pham.csv", status=ImportJob.Status.QUEUED, total=3)
    job.file.save("san-pham.csv", ContentFile(csv_bytes(ROWS)), save=False)
    job.save()
    was_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        run_import.delay(job.pk)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.is_finished:
                break
            time.sleep(0.25)
        assert (job.status, job.created_count, job.errors) == ("done", 4, []), (
            f"the worker did not import within 60 s (database {connection.settings_dict['NAME']})"
        )
        assert sorted(StockRecord.objects.filter(partner=seller).values_list("partner_sku", flat=True)) == [
            "CHE-100G", "CHE-200G", "HONG-TRA"
        ]
    finally:
        celery_app.conf.task_always_eager = was_eager
        job.file.delete(save=False)
