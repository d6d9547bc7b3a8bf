"""Product cards kept per product (marketplace/caching.card_keys): a write to a product or to a row of
it or of its variants changes its card and no other; a write to what every card reads (sellers,
product classes, options, GIs and places) changes them all; a list page redrawn after an edit draws
only the edited product's card."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from catalog.models import Category, Product
from geo_indications.models import Province
from marketplace import caching
from sellers.models import StockRecord

pytestmark = pytest.mark.django_db

ProductImage = get_model("catalogue", "ProductImage")
Option = get_model("catalogue", "Option")
GIRight = get_model("geo_indications", "GIRight")
CARD_LOAD = re.compile(r'"catalogue_product"\."id" IN \(([^)]*)\)')


@pytest.fixture
def shelf(kept_fragments, make_seller, make_product, tan_cuong_gi, grant_gi_right, certify):
    """Two teas of one seller in one category; the second sold in two sizes."""
    seller = make_seller(name="HTX Chè Hảo Đạt")
    grant_gi_right(seller, tan_cuong_gi, valid_from=date(2024, 1, 1))
    category = Category.add_root(name="Chè", slug="che")
    green = make_product(seller, title="Chè xanh Tân Cương", gi=tan_cuong_gi, price="120000")
    hook = make_product(seller, title="Chè móc câu", gi=tan_cuong_gi)
    hook.stockrecords.all().delete()
    hook.structure = Product.PARENT
    hook.save()
    sizes = []
    for grams in (100, 500):
        size = Product.objects.create(parent=hook, structure=Product.CHILD, title=f"{grams} g")
        StockRecord.objects.create(product=size, partner=seller, partner_sku=f"MC-{grams}", price=grams * 1000,
                                   price_currency="VND", num_in_stock=20)
        sizes.append(size)
    for product in (green, hook):
        product.categories.add(category)
    certify(green, stars=4)
    return {"green": green, "hook": hook, "sizes": sizes, "seller": seller, "category": category,
            "gi": tan_cuong_gi}


def keys(shelf):
    return caching.card_keys([shelf["green"].pk, shelf["hook"].pk])


def changed(shelf, write):
    before = keys(shelf)
    write()
    after = keys(shelf)
    return {name for name in ("green", "hook") if before[shelf[name].pk] != after[shelf[name].pk]}


def test_the_product_s_own_writes_change_its_card_only(shelf, certify, tmp_path):
    green, hook, sizes = shelf["green"], shelf["hook"], shelf["sizes"]

    def retitle():
        green.title = "Chè xanh Tân Cương đặc biệt"
        green.save()

    def reprice():
        record = green.stockrecords.get()
        record.price = Decimal("125000")
        record.save()

    def reprice_a_size():
        record = StockRecord.objects.get(product=sizes[1])  # the product not loaded with it
        record.price = 480000
        record.save()

    def add_a_size():
        Product.objects.create(parent=hook, structure=Product.CHILD, title="1 kg")

    assert changed(shelf, retitle) == {"green"}
    assert changed(shelf, reprice) == {"green"}
    assert changed(shelf, reprice_a_size) == {"hook"}
    assert changed(shelf, add_a_size) == {"hook"}
    assert changed(shelf, lambda: certify(hook, stars=5)) == {"hook"}
    assert changed(shelf, lambda: ProductImage.objects.create(product=green, original="images/x.jpg")) == {"green"}
    assert changed(shelf, lambda: green.stockrecords.get().delete()) == {"green"}


def test_category_links_change_the_linked_products_cards(shelf):
    green, hook = shelf["green"], shelf["hook"]
    other = Category.add_root(name="Quà tặng", slug="qua-tang")

    assert changed(shelf, lambda: green.categories.add(other)) == {"green"}
    assert changed(shelf, lambda: other.product_set.add(hook)) == {"hook"}
    assert changed(shelf, lambda: other.product_set.remove(hook)) == {"hook"}
    assert changed(shelf, lambda: other.product_set.clear()) == {"green", "hook"}  # which ones: not told


def test_what_every_card_reads_changes_every_card(shelf):
    seller, gi = shelf["seller"], shelf["gi"]

    def rename_seller():
        seller.name = "HTX Chè Hảo Đạt Tân Cương"
        seller.save()

    def revoke_gi_right():
        right = GIRight.objects.get(seller=seller, geographic_indication=gi)
        right.valid_until = date(2024, 6, 1)
        right.save()

    def stop_tracking_stock():
        product_class = shelf["green"].product_class
        product_class.track_stock = False
        product_class.save()

    def add_an_option():
        option = Option.objects.create(name="Gói quà")
        shelf["green"].product_class.options.add(option)

    assert changed(shelf, rename_seller) == {"green", "hook"}
    assert changed(shelf, revoke_gi_right) == {"green", "hook"}
    assert changed(shelf, stop_tracking_stock) == {"green", "hook"}
    assert changed(shelf, add_an_option) == {"green", "hook"}
    assert changed(shelf, caching.bump_generation) == {"green", "hook"}


def test_other_writes_leave_the_cards(shelf, django_user_model):
    def rename_category():
        shelf["category"].name = "Chè Thái"
        shelf["category"].save()

    def grant_a_permission():
        user = django_user_model.objects.create_user("lan@example.vn", "x")
        user.user_permissions.add(Permission.objects.get(codename="dashboard_access"))

    assert changed(shelf, rename_category) == set()
    assert changed(shelf, grant_a_permission) == set()
    assert changed(shelf, lambda: Category.add_root(name="Mật ong", slug="mat-ong")) == set()


def test_a_stock_count_moving_leaves_the_card(shelf):
    def order_one():
        shelf["green"].stockrecords.get().allocate(1)

    def sell_out():
        record = shelf["green"].stockrecords.get()
        record.num_in_stock = 1
        record.num_allocated = 1
        record.save()

    assert changed(shelf, order_one) == set()
    assert changed(shelf, sell_out) == {"green"}  # now "Unavailable" on its card


def test_writes_need_no_catalogue_in_the_app_registry():
    """A test limited to some apps (`available_apps`, as the worker's test is) still saves their rows."""
    apps.set_available_apps(["geo_indications"])
    try:
        Province.objects.create(code=99, name="Tỉnh Thử", division_type="tỉnh", codename="tinh-thu")
    finally:
        apps.unset_available_apps()
    assert Province.objects.filter(code=99).exists()


def cards_loaded(queries) -> list:
    """The product ids each card load asked for (Product.objects.for_cards().in_bulk)."""
    return [
        sorted(int(pk) for pk in found.group(1).split(", "))
        for query in queries.captured_queries
        if query["sql"].startswith('SELECT "catalogue_product"."id", "catalogue_product"."structure"')
        and (found := CARD_LOAD.search(query["sql"]))
    ]


def test_a_list_page_after_an_edit_draws_only_the_edited_product_s_card(shelf):
    client = Client()
    path = shelf["category"].get_absolute_url()
    client.get(path)
    green = shelf["green"]
    record = green.stockrecords.get()
    record.price = Decimal("99000")
    record.save()

    with CaptureQueriesContext(connection) as queries:
        content = client.get(path).content.decode()

    assert cards_loaded(queries) == [[green.pk]]
    assert "99.000\xa0₫" in content and "120.000\xa0₫" not in content
    assert "Chè móc câu" in content  # drawn from its kept card
    with CaptureQueriesContext(connection) as queries:
        again = client.get(path).content.decode()
    assert cards_loaded(queries) == []
    assert "99.000\xa0₫" in again and "Chè móc câu" in again
