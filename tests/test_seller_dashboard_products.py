"""A seller lists its own products in Oscar's dashboard: variants, photos, stock, whole-đồng prices."""

from decimal import Decimal

import pytest
from django.urls import reverse

from catalog.models import Category, Product, ProductClass
from sellers.models import StockRecord
from tests import dashboard_sellers
from tests.dashboard_sellers import PASSWORD
from tests.seller_fixtures import png_upload

seller_account, seller_a, seller_b = (
    dashboard_sellers.seller_account, dashboard_sellers.seller_a, dashboard_sellers.seller_b
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tea_class(db):
    product_class, _created = ProductClass.objects.get_or_create(name="Đồ uống", defaults={"ocop_group": 2})
    return product_class


@pytest.fixture
def tea_category(db):
    return Category.add_root(name="Chè")


@pytest.fixture
def signed_in_a(client, seller_a):
    client.login(username=seller_a[1].email, password=PASSWORD)
    return client


def product_data(category=None, *, stock=None, images=(), **fields):
    """POST data for Oscar's product page: the product, its categories, images and stock."""
    data = {
        "title": "Chè búp Tân Cương", "description": "<p>Chè búp sao tay.</p>", "is_public": "on",
        "structure": "standalone", "upc": "", "slug": "", "meta_title": "", "meta_description": "",
        "origin_commune": "", "geographic_indication": "",
        "productcategory_set-TOTAL_FORMS": "1", "productcategory_set-INITIAL_FORMS": "0",
        "productcategory_set-MIN_NUM_FORMS": "0", "productcategory_set-MAX_NUM_FORMS": "1000",
        "productcategory_set-0-category": str(category.pk) if category else "",
        "images-TOTAL_FORMS": str(max(len(images), 1)), "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
        "stockrecords-TOTAL_FORMS": "1", "stockrecords-INITIAL_FORMS": "0",
        "stockrecords-MIN_NUM_FORMS": "0", "stockrecords-MAX_NUM_FORMS": "1",
        "action": "save",
    }
    if not images:
        data["images-0-display_order"] = "0"  # as the page renders the empty image slot
    for index, (upload, caption) in enumerate(images):
        data[f"images-{index}-original"] = upload
        data[f"images-{index}-caption"] = caption
        data[f"images-{index}-display_order"] = str(index)
    for name, value in (stock or {}).items():
        data[f"stockrecords-0-{name}"] = value
    data.update(fields)
    return data


def create_url(product_class):
    return reverse("dashboard:catalogue-product-create", kwargs={"product_class_slug": product_class.slug})


def form_errors(response):
    context = response.context
    errors = dict(context["form"].errors)
    for name in ("stockrecord_formset", "image_formset", "category_formset"):
        formset = context[name]
        errors[name] = [form.errors for form in formset.forms if form.errors] + list(formset.non_form_errors())
    return errors


def test_a_seller_creates_a_product_with_price_stock_and_photo(signed_in_a, seller_a, seller_b, tea_class,
                                                              tea_category):
    seller, _user = seller_a
    other, _other_user = seller_b
    data = product_data(
        tea_category,
        stock={"partner_sku": "", "price": "150000", "num_in_stock": "25", "low_stock_threshold": "3",
               # Fields a seller may not set: another seller and another currency are ignored.
               "partner": str(other.pk), "price_currency": "USD"},
        images=[(png_upload("bup-che.png"), "Búp chè Tân Cương khô")],
        seller=str(other.pk),
    )

    response = signed_in_a.post(create_url(tea_class), data)

    assert response.status_code == 302, form_errors(response)
    product = Product.objects.get()
    assert (product.title, product.seller, product.is_public) == ("Chè búp Tân Cương", seller, True)
    stock = product.stockrecords.get()
    assert (stock.partner, stock.price, stock.price_currency, stock.num_in_stock, stock.partner_sku) == (
        seller, Decimal("150000.00"), "VND", 25, f"SP{product.pk}"
    )
    image = product.images.get()
    assert image.caption == "Búp chè Tân Cương khô"
    assert image.alt_text == "Búp chè Tân Cương khô"
    assert list(product.categories.all()) == [tea_category]


def test_the_create_page_asks_a_seller_neither_seller_nor_currency(signed_in_a, tea_class):
    response = signed_in_a.get(create_url(tea_class))

    assert response.status_code == 200
    assert list(response.context["stockrecord_formset"].forms[0].fields) == [
        "partner_sku", "price", "num_in_stock", "low_stock_threshold", "id", "product"
    ]
    assert "recommended_formset" not in response.context
    assert 'name="stockrecords-0-partner"' not in response.content.decode()
    assert 'href="#child_products"' in response.content.decode()


def test_a_fraction_of_a_dong_is_refused_and_nothing_is_saved(signed_in_a, tea_class, tea_category):
    data = product_data(tea_category, stock={"price": "150000.50", "num_in_stock": "5"})

    response = signed_in_a.post(create_url(tea_class), data)

    assert response.status_code == 200
    assert form_errors(response)["stockrecord_formset"] == [
        {"price": ["Giá phải là số đồng chẵn, không có phần lẻ (ví dụ 150000)."]}
    ]
    assert not Product.objects.exists()
    assert not StockRecord.objects.exists()


def test_a_zero_price_is_refused(signed_in_a, tea_class, tea_category):
    response = signed_in_a.post(create_url(tea_class), product_data(tea_category, stock={"price": "0",
                                                                                         "num_in_stock": "5"}))

    assert form_errors(response)["stockrecord_formset"] == [{"price": ["Giá phải lớn hơn 0 đồng."]}]
    assert not Product.objects.exists()


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_saved(signed_in_a, tea_class, tea_category):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("anh.jpg", b"not an image at all", content_type="image/jpeg")
    data = product_data(tea_category, stock={"price": "150000", "num_in_stock": "5"}, images=[(fake, "")])

    response = signed_in_a.post(create_url(tea_class), data)

    assert response.status_code == 200
    image_errors = form_errors(response)["image_formset"]
    assert len(image_errors) == 1
    assert "original" in image_errors[0]
    assert not Product.objects.exists()


def test_a_sku_already_used_by_the_same_seller_is_refused(signed_in_a, seller_a, make_product, tea_class,
                                                         tea_category):
    seller, _user = seller_a
    existing = make_product(seller, "Chè móc câu")
    sku = existing.stockrecords.get().partner_sku

    response = signed_in_a.post(create_url(tea_class), product_data(
        tea_category, stock={"partner_sku": sku, "price": "90000", "num_in_stock": "5"}))

    assert form_errors(response)["stockrecord_formset"] == [
        {"partner_sku": [f"Mã hàng {sku} đã dùng cho một sản phẩm khác của bạn."]}
    ]
    assert Product.objects.count() == 1


def test_a_seller_adds_variants_to_its_own_product(signed_in_a, seller_a, tea_class, tea_category):
    seller, _user = seller_a
    response = signed_in_a.post(create_url(tea_class), product_data(tea_category, action="create-child"))
    assert response.status_code == 302, form_errors(response)
    parent = Product.objects.get()
    assert response["Location"] == reverse("dashboard:catalogue-product-create-child",
                                           kwargs={"parent_pk": parent.pk})

    response = signed_in_a.post(response["Location"], {
        **product_data(stock={"price": "60000", "num_in_stock": "40"}, title="Gói 100 g", structure="child"),
    })

    assert response.status_code == 302, form_errors(response)
    parent.refresh_from_db()
    child = parent.children.get()
    assert (parent.structure, child.title, child.seller) == (Product.PARENT, "Gói 100 g", seller)
    assert child.stockrecords.get().partner == seller
    assert child.stockrecords.get().price == Decimal("60000")


def test_a_seller_sees_and_opens_only_its_own_products(signed_in_a, seller_a, seller_b, make_product):
    own = make_product(seller_a[0], "Chè búp của A")
    theirs = make_product(seller_b[0], "Miến dong của B", origin="Xã Đại Từ")

    listing = signed_in_a.get(reverse("dashboard:catalogue-product-list"))

    assert [row.record for row in listing.context["products"].page.object_list] == [own]
    assert signed_in_a.get(reverse("dashboard:catalogue-product", kwargs={"pk": own.pk})).status_code == 200
    assert signed_in_a.get(reverse("dashboard:catalogue-product", kwargs={"pk": theirs.pk})).status_code == 404
    create_child = reverse("dashboard:catalogue-product-create-child", kwargs={"parent_pk": theirs.pk})
    assert signed_in_a.post(create_child, product_data(title="Gói của A")).status_code == 404
    delete = reverse("dashboard:catalogue-product-delete", kwargs={"pk": theirs.pk})
    assert signed_in_a.post(delete).status_code == 404
    assert Product.objects.filter(pk=theirs.pk, children__isnull=True).exists()


def test_a_gi_claim_without_a_verified_right_is_refused(signed_in_a, seller_a, tan_cuong_gi, thai_nguyen,
                                                       tea_class, tea_category):
    _, communes = thai_nguyen
    data = product_data(tea_category, stock={"price": "150000", "num_in_stock": "5"},
                        origin_commune=str(communes["Xã Tân Cương"].pk),
                        geographic_indication=str(tan_cuong_gi.pk))

    response = signed_in_a.post(create_url(tea_class), data)

    assert form_errors(response)["geographic_indication"] == [
        "Người bán chưa có quyền sử dụng chỉ dẫn địa lý «Tân Cương» đã được xác minh và còn hiệu lực."
    ]
    assert not Product.objects.exists()


def test_a_gi_claim_is_checked_against_the_categories_in_the_same_submission(
    signed_in_a, seller_a, tan_cuong_gi, grant_gi_right, thai_nguyen, tea_class, tea_category
):
    _, communes = thai_nguyen
    grant_gi_right(seller_a[0], tan_cuong_gi)
    tan_cuong_gi.categories.set([tea_category])
    noodles = Category.add_root(name="Miến")
    base = {"stock": {"price": "150000", "num_in_stock": "5"},
            "origin_commune": str(communes["Xã Tân Cương"].pk), "geographic_indication": str(tan_cuong_gi.pk)}

    refused = signed_in_a.post(create_url(tea_class), product_data(noodles, **base))
    accepted = signed_in_a.post(create_url(tea_class), product_data(tea_category, **base))

    assert form_errors(refused)["geographic_indication"] == [
        "Chỉ dẫn địa lý «Tân Cương» chỉ dành cho sản phẩm chè."
    ]
    assert accepted.status_code == 302, form_errors(accepted)
    product = Product.objects.get()
    assert (product.geographic_indication, product.gi_badge) == (tan_cuong_gi, tan_cuong_gi)


@pytest.mark.parametrize("url_name", [
    "catalogue-class-list", "catalogue-class-create", "catalogue-category-list", "catalogue-category-create",
    "catalogue-attribute-option-group-list", "catalogue-option-list", "catalogue-product-lookup",
    "catalogue-product-bulk-action", "stock-alert-list",
])
def test_product_classes_categories_attributes_and_options_stay_staff_only(signed_in_a, url_name):
    assert signed_in_a.get(reverse(f"dashboard:{url_name}")).status_code == 403


def test_a_seller_cannot_use_the_bulk_actions(signed_in_a, seller_a, make_product):
    product = make_product(seller_a[0])

    response = signed_in_a.post(reverse("dashboard:catalogue-product-list"),
                                {"action": "make_products_non_public", "selected_product": [product.pk]})

    assert response.status_code == 403
    product.refresh_from_db()
    assert product.is_public is True


def test_staff_keep_oscars_product_pages(client, admin_user, seller_a, make_product):
    product = make_product(seller_a[0])
    client.force_login(admin_user)

    response = client.get(reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}))

    assert response.status_code == 200
    assert "partner" in response.context["stockrecord_formset"].forms[0].fields
    assert "recommended_formset" in response.context


@pytest.mark.parametrize("url_name", [
    "index", "catalogue-product-list", "seller-order-list", "seller-certificate-list",
    "seller-ocop-certificate-create", "seller-gi-right-create",
])
def test_a_suspended_seller_keeps_its_dashboard_to_finish_its_orders(client, seller_a, url_name):
    # Suspension takes the shop off the storefront, not out of the seller's hands (sellers.suspension).
    seller, user = seller_a
    seller.is_active = False
    seller.save()
    client.force_login(user)

    assert client.get(reverse(f"dashboard:{url_name}")).status_code == 200


def test_a_price_is_shown_in_whole_dong(signed_in_a, seller_a, make_product):
    product = make_product(seller_a[0], price="150000")

    response = signed_in_a.get(reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}))

    assert 'name="stockrecords-0-price" value="150000"' in response.content.decode()
