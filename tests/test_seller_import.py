"""Bulk listing from a spreadsheet: the template, the preview, the import job and its progress."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from catalog.models import Product
from sellers.imports import reading
from sellers.imports.columns import COLUMNS, EXAMPLE_ROW
from sellers.imports.models import ImportJob
from sellers.imports.tasks import run_import
from sellers.models import StockRecord
from tests.seller_import_files import csv_bytes, row, upload, xlsx_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
pytest_plugins = ["tests.seller_import_fixtures"]

VARIANTS = [
    row(sku="CHE-100G", parent_sku="CHE", variant="Gói 100 g", price="80.000", weight="120"),
    row(sku="CHE-200G", parent_sku="CHE", variant="Gói 200 g", price="150,000 ₫", weight="220",
        stock="5", description="", category=""),
    row(sku="HONG-TRA", name="Hồng trà Tân Cương", price="180000", stock="0", weight="250"),
]


def confirm(client, job, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("seller_import:confirm", kwargs={"pk": job.pk}))
    job.refresh_from_db()
    return response


def test_the_page_offers_both_templates_and_a_protected_upload_form(seller_client):
    page = seller_client.get(reverse("seller_import:index")).content.decode()
    assert 'href="/dashboard/nhap-tu-bang-tinh/mau.xlsx"' in page
    assert 'href="/dashboard/nhap-tu-bang-tinh/mau.csv"' in page
    assert 'enctype="multipart/form-data"' in page and "csrfmiddlewaretoken" in page
    assert "Tối đa 5.000 dòng mỗi lần." in page


# The template ----------------------------------------------------------------------------------

def test_the_csv_template_has_a_bom_the_headers_and_the_example(seller_client):
    response = seller_client.get(reverse("seller_import:template", kwargs={"fmt": "csv"}))
    body = response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-san-pham.csv"'
    assert body.startswith(b"\xef\xbb\xbfM\xc3\xa3 SKU *,")
    sheet = reading.read_spreadsheet(body)
    assert sheet.headers[:3] == ["Mã SKU *", "Tên sản phẩm *", "Loại sản phẩm *"]
    assert sheet.rows == [(2, [EXAMPLE_ROW[column.key] for column in COLUMNS][:-1])]


def test_the_xlsx_template_reads_back_and_explains_every_column(seller_client):
    response = seller_client.get(reverse("seller_import:template", kwargs={"fmt": "xlsx"}))
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-san-pham.xlsx"'
    sheet = reading.read_spreadsheet(response.content)
    assert sheet.kind == "xlsx"
    assert len(sheet.headers) == len(COLUMNS) == 12
    assert sheet.rows == [(2, [EXAMPLE_ROW[column.key] for column in COLUMNS][:-1])]
    guide = load_workbook(io.BytesIO(response.content)).worksheets[1]
    assert guide.title == "Hướng dẫn"
    assert [guide.cell(row=n, column=1).value for n in range(2, 14)] == [c.title for c in COLUMNS]


def test_the_unchanged_template_imports_nothing_and_says_so(seller_client):
    response = seller_client.get(reverse("seller_import:template", kwargs={"fmt": "xlsx"}))
    answer = upload(seller_client, response.content, "mau.xlsx")
    assert [str(error) for error in answer.context["errors"]] == [
        "Dòng 2: Tệp chỉ có dòng ví dụ của tệp mẫu. Hãy thay dòng ví dụ bằng sản phẩm của bạn."
    ]


def test_the_example_row_left_in_place_is_skipped(seller_client):
    data = csv_bytes([EXAMPLE_ROW, row()])
    response = upload(seller_client, data)
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("seller_import:job", kwargs={"pk": job.pk})
    assert (job.total, job.to_create) == (1, 1)


# Happy paths -----------------------------------------------------------------------------------

@pytest.mark.parametrize("build, name", [(csv_bytes, "san-pham.csv"), (xlsx_bytes, "san-pham.xlsx")])
def test_a_file_with_variants_is_previewed_then_imported(
    seller_client, build, name, django_capture_on_commit_callbacks
):
    response = upload(seller_client, build(VARIANTS), name)
    job = ImportJob.objects.get()
    assert (job.status, job.total, job.to_create, job.to_update) == ("ready", 3, 4, 0)
    assert Product.objects.count() == 0  # nothing before the seller confirms

    page = seller_client.get(response["Location"])
    assert "Sản phẩm sẽ tạo mới: <strong>4</strong>" in page.content.decode().replace("\n", "")

    confirm(seller_client, job, django_capture_on_commit_callbacks)
    assert (job.status, job.done, job.created_count, job.updated_count) == ("done", 3, 4, 0)
    seller = seller_client.seller
    parent = Product.objects.get(upc="CHE")
    assert (parent.structure, parent.title, parent.seller, parent.product_class.name) == (
        "parent", "Chè búp Tân Cương", seller, "Đồ uống"
    )
    assert parent.origin_commune.name == "Xã Tân Cương"
    assert [c.name for c in parent.categories.all()] == ["Chè"]
    assert parent.description == "<p>Chè búp sao tay.</p>\n\n<p>Hậu ngọt.</p>"
    children = {
        p.upc: (p.title, p.structure, p.parent_id, p.seller_id, p.origin_commune_id, p.product_class_id)
        for p in Product.objects.filter(parent=parent)
    }
    assert children == {
        "CHE-100G": ("Chè búp Tân Cương – Gói 100 g", "child", parent.pk, seller.pk, parent.origin_commune_id, None),
        "CHE-200G": ("Chè búp Tân Cương – Gói 200 g", "child", parent.pk, seller.pk, parent.origin_commune_id, None),
    }
    records = {
        r.partner_sku: (r.product.upc, r.partner_id, r.price, r.num_in_stock, r.price_currency)
        for r in StockRecord.objects.select_related("product")
    }
    assert records == {
        "CHE-100G": ("CHE-100G", seller.pk, 80000, 10, "VND"),
        "CHE-200G": ("CHE-200G", seller.pk, 150000, 5, "VND"),
        "HONG-TRA": ("HONG-TRA", seller.pk, 180000, 0, "VND"),
    }
    weights = {p.upc: p.attr.weight for p in Product.objects.exclude(structure="parent")}
    assert weights == {"CHE-100G": 120, "CHE-200G": 220, "HONG-TRA": 250}


def test_a_second_upload_updates_rather_than_duplicates(seller_client, django_capture_on_commit_callbacks):
    upload(seller_client, csv_bytes(VARIANTS))
    confirm(seller_client, ImportJob.objects.get(), django_capture_on_commit_callbacks)
    products_before = Product.objects.count()

    changed = [dict(VARIANTS[0], price="85.000", stock="7"), VARIANTS[1], VARIANTS[2]]
    upload(seller_client, csv_bytes(changed))
    job = ImportJob.objects.order_by("-pk").first()
    assert (job.to_create, job.to_update, job.unchanged_count) == (0, 1, 3)
    confirm(seller_client, job, django_capture_on_commit_callbacks)

    assert (job.status, job.created_count, job.updated_count, job.unchanged_count) == ("done", 0, 1, 3)
    assert Product.objects.count() == products_before == 4
    record = StockRecord.objects.get(partner_sku="CHE-100G")
    assert (record.price, record.num_in_stock) == (85000, 7)


def test_running_the_same_job_twice_changes_nothing_more(seller_client, django_capture_on_commit_callbacks):
    upload(seller_client, csv_bytes(VARIANTS))
    job = ImportJob.objects.get()
    confirm(seller_client, job, django_capture_on_commit_callbacks)
    snapshot = list(StockRecord.objects.values_list("partner_sku", "price", "num_in_stock", "date_updated"))

    assert run_import(job.pk) == "skipped"
    with django_capture_on_commit_callbacks(execute=True):
        seller_client.post(reverse("seller_import:confirm", kwargs={"pk": job.pk}))

    job.refresh_from_db()
    assert (job.status, job.created_count) == ("done", 4)
    assert list(StockRecord.objects.values_list("partner_sku", "price", "num_in_stock", "date_updated")) == snapshot
    assert Product.objects.count() == 4


def test_the_sellers_menu_links_to_the_import_and_staff_do_not_see_it(seller_client, admin_client):
    link = 'href="/dashboard/nhap-tu-bang-tinh/"'
    assert link in seller_client.get(reverse("seller_import:index")).content.decode()
    assert link not in admin_client.get(reverse("dashboard:index")).content.decode()
