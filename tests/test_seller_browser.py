"""In a real browser: a seller signs in to the dashboard, lists a product with a variant, its price,
stock and a photo, and finds it live on the storefront through the search box."""

import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from PIL import Image

from catalog.models import Category, Product, ProductClass
from sellers.models import Partner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EMAIL, PASSWORD = "htx.tancuongxanh@example.vn", "mat-khau-nguoi-ban"


@pytest.fixture
def cooperative(thai_nguyen, django_user_model):
    """An approved cooperative whose login has dashboard access, and the catalogue staff set up."""
    _, communes = thai_nguyen
    seller = Partner.objects.create(name="HTX Chè Tân Cương Xanh", kind=Partner.Kind.COOPERATIVE,
                                    commune=communes["Xã Tân Cương"])
    user = django_user_model.objects.create_user(EMAIL, PASSWORD)
    seller.users.add(user)
    # get_or_create: a transactional test may start on a database another one flushed.
    access, _created = Permission.objects.get_or_create(
        codename="dashboard_access", content_type=ContentType.objects.get_for_model(Partner),
        defaults={"name": "Can access dashboard"},
    )
    user.user_permissions.add(access)
    ProductClass.objects.get_or_create(name="Đồ uống", defaults={"ocop_group": 2})
    Category.add_root(name="Chè")
    return seller


def photo_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (90, 140, 60)).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_a_seller_lists_a_product_with_a_variant_and_buyers_find_it(browser_page, cooperative):
    page = browser_page

    page.goto("/dashboard/login/")
    page.fill("input[name=username]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.locator("#dashboard_login_form input[type=submit]").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    assert page.locator("[data-figure=parts_to_accept]").inner_text() == "0"

    # The product: a type chosen on the product list, details, category and photo; saved first so
    # that variants can be added to it.
    page.goto("/dashboard/catalogue/")
    page.locator("#create_product_with_class_form select[name=product_class]").select_option(
        label="Đồ uống", force=True
    )
    page.locator("#create_product_with_class_form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/dashboard/catalogue/products/create/"))
    page.fill("#id_title", "Chè búp Tân Cương Xanh hảo hạng")
    page.click("a[href='#product_category']")
    page.locator("select[name=productcategory_set-0-category]").select_option(label="Chè", force=True)
    page.click("a[href='#product_images']")
    page.set_input_files("input[name=images-0-original]",
                         files=[{"name": "bup-che.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}])
    page.fill("input[name=images-0-caption]", "Búp chè Tân Cương sao tay")
    page.click("button[name=action][value=continue]")
    page.wait_for_url(re.compile(r"/dashboard/catalogue/products/\d+/$"))

    # Its first variant, with a whole-đồng price and stock.
    page.click("a[href='#child_products']")
    page.click("button[name=action][value=create-child]")
    page.wait_for_url(re.compile(r"/create-variant/$"))
    page.fill("#id_title", "Gói 100 g")
    page.click("a[href='#product_stock']")
    page.fill("input[name=stockrecords-0-price]", "60000")
    page.fill("input[name=stockrecords-0-num_in_stock]", "20")
    page.click("button[name=action][value=save]")
    page.wait_for_url(re.compile(r"/dashboard/catalogue/$"))

    parent = Product.objects.get(title="Chè búp Tân Cương Xanh hảo hạng")
    variant = parent.children.get()
    assert (parent.seller, parent.structure, variant.seller) == (cooperative, Product.PARENT, cooperative)
    assert variant.stockrecords.get().partner == cooperative
    assert parent.images.get().caption == "Búp chè Tân Cương sao tay"

    # A buyer finds it from the storefront's search box, without typing the diacritics.
    page.goto("/catalogue/")
    page.fill("#id_q", "che bup tan cuong xanh")
    page.press("#id_q", "Enter")
    page.wait_for_url(re.compile(r"/search/\?"))
    page.get_by_role("link", name=re.compile("Chè búp Tân Cương Xanh hảo hạng")).first.click()
    page.wait_for_url(re.compile(re.escape(parent.get_absolute_url())))
    assert "60.000" in page.locator("main, body").first.inner_text()
