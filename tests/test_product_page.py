"""The product page: verified badges only, variants, producer, QR, structured data, safe text."""

import json
import re

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.models import Product
from sellers.models import StockRecord

pytestmark = pytest.mark.django_db


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture
def tea_with_variants(make_seller, make_product, tan_cuong_gi, grant_gi_right, certify):
    seller = make_seller()
    right = grant_gi_right(seller, tan_cuong_gi)
    parent = make_product(seller, title="Chè búp Tân Cương đặc biệt", gi=tan_cuong_gi)
    parent.stockrecords.all().delete()
    parent.structure = Product.PARENT
    parent.save()
    for grams, price, stock in [(100, "120000", 5), (200, "230000", 0), (500, "550000", 3)]:
        child = Product.objects.create(parent=parent, structure=Product.CHILD, title=f"Gói {grams} g",
                                       upc=f"TC-{grams}")
        StockRecord.objects.create(product=child, partner=seller, partner_sku=f"TC-{grams}", price=price,
                                   price_currency="VND", num_in_stock=stock)
    certificate = certify(parent, stars=4)
    return parent, right, certificate


def test_badges_variants_producer_and_qr_are_shown(client, tea_with_variants):
    product, right, certificate = tea_with_variants
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-badge="ocop"' in page and "OCOP 4★" in page
    assert certificate.decision_number in page
    assert certificate.valid_until.strftime("%d/%m/%Y") in page
    assert 'data-badge="gi"' in page and "Văn bằng số 00013" in page
    assert "120.000\u00a0₫" in page and "550.000\u00a0₫" in page
    assert page.count('class="variant"') == 3
    assert product.seller.get_absolute_url() in page
    assert f"/catalogue/truy-xuat/{product.pk}/qr.svg" in page


def test_revoked_right_and_expired_certificate_lose_their_badges_on_the_next_view(client, tea_with_variants):
    product, right, certificate = tea_with_variants
    right.revoked_at = timezone.now()
    right.save()
    certificate.status = certificate.Status.REVOKED
    certificate.save()
    page = client.get(product.get_absolute_url()).content.decode()
    assert 'data-badge="ocop"' not in page and 'data-badge="gi"' not in page
    assert "award" not in json_ld(page)


def test_json_ld_is_a_product_with_offers_in_whole_dong(client, tea_with_variants):
    product, _, _ = tea_with_variants
    data = json_ld(client.get(product.get_absolute_url()).content.decode())
    assert data["@type"] == "Product"
    assert data["name"] == "Chè búp Tân Cương đặc biệt"
    assert data["brand"] == {"@type": "Organization", "name": "HTX Chè Tân Cương Xanh"}
    assert data["award"].startswith("OCOP 4 sao")
    offers = data["offers"]
    assert (offers["@type"], offers["priceCurrency"]) == ("AggregateOffer", "VND")
    assert (offers["lowPrice"], offers["highPrice"], offers["offerCount"]) == (120000, 550000, 3)
    assert [o["availability"].rsplit("/", 1)[1] for o in offers["offers"]] == ["InStock", "OutOfStock",
                                                                               "InStock"]


def test_a_standalone_products_offer_is_its_exact_price(client, make_seller, make_product):
    product = make_product(make_seller(), title="Miến dong", price="85000")
    data = json_ld(client.get(product.get_absolute_url()).content.decode())
    assert data["offers"]["price"] == 85000
    assert data["offers"]["priceCurrency"] == "VND"


def test_hostile_text_is_escaped_or_sanitised(client, make_seller, make_product):
    product = make_product(make_seller(), title='Chè </script><script>alert("t")</script>')
    product.description = (
        '<p onclick="x()">Ngon<script>alert(1)</script> <a href="javascript:alert(2)">xem</a></p>'
    )
    product.save()
    product.refresh_from_db()
    assert product.description == '<p>Ngon <a rel="noopener noreferrer nofollow">xem</a></p>'
    page = client.get(product.get_absolute_url()).content.decode()
    assert '<script>alert("t")</script>' not in page
    assert "alert(1)" not in page
    assert json_ld(page)["name"] == 'Chè </script><script>alert("t")</script>'


def test_a_product_without_photos_shows_a_placeholder(client, make_seller, make_product):
    product = make_product(make_seller())
    page = client.get(product.get_absolute_url()).content.decode()
    assert "product-photo--missing" in page


def test_photos_are_served_as_webp_with_a_fallback_and_alt_text(client, settings, make_seller, make_product):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from catalog.models import ProductImage
    from tests.test_image_uploads import image_bytes

    product = make_product(make_seller())
    ProductImage.objects.create(product=product, caption="Búp chè khô",
                                original=SimpleUploadedFile("che.jpg", image_bytes(size=(900, 900))))
    page = client.get(product.get_absolute_url()).content.decode()
    webp_url = re.search(r'<source srcset="([^"]+)" type="image/webp"', page).group(1)
    fallback_url = re.search(r'<img src="([^"]+)" alt="Búp chè khô"', page).group(1)
    media = settings.MEDIA_ROOT
    with Image.open(media / webp_url.removeprefix(settings.MEDIA_URL)) as webp:
        assert webp.format == "WEBP" and max(webp.size) <= 800
    with Image.open(media / fallback_url.removeprefix(settings.MEDIA_URL)) as fallback:
        assert fallback.format == "JPEG"


def test_ocop_group_pages_list_only_that_groups_products(client, make_seller, make_product):
    from catalog.models import ProductClass

    seller = make_seller()
    tea = make_product(seller, title="Chè xanh")  # the fixture's class is group 2, drinks
    noodles = make_product(seller, title="Miến dong")
    noodles.product_class = ProductClass.objects.create(name="Thực phẩm", ocop_group=1)
    noodles.save()
    response = client.get("/catalogue/nhom-ocop/2/")
    assert response.status_code == 200
    assert list(response.context["products"]) == [tea]
    assert response.context["summary"] == "Nhóm 2: Đồ uống"
    assert client.get("/catalogue/nhom-ocop/7/").status_code == 404


def test_a_product_in_sizes_is_priced_from_its_cheapest_size(client, rf, tea_with_variants):
    from oscar.core.loading import get_class

    product, _, _ = tea_with_variants
    info = get_class("partner.strategy", "Selector")().strategy().fetch_for_parent(product)
    assert info.price.excl_tax == 120000
    card = client.get("/catalogue/").content.decode()
    assert "Từ</span>" in card and "120.000\u00a0₫" in card


def test_specifications_are_shown_as_attributes(client, make_seller, make_product):
    from catalog.models import ProductAttribute

    product = make_product(make_seller())
    ProductAttribute.objects.create(product_class=product.product_class, code="thanh_phan", name="Thành phần",
                                    type=ProductAttribute.TEXT)
    product.attr.thanh_phan = "100% búp chè trung du"
    product.attr.save()
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Thành phần" in page and "100% búp chè trung du" in page


def test_viewing_a_product_writes_nothing_but_adding_it_to_the_basket_is_counted(client, make_seller, make_product,
                                                                                 django_user_model):
    from oscar.apps.analytics.models import ProductRecord, UserProductView

    product = make_product(make_seller())
    buyer = django_user_model.objects.create_user("mua@example.vn", "mat-khau")
    client.force_login(buyer)
    assert client.get(product.get_absolute_url()).status_code == 200
    assert (ProductRecord.objects.count(), UserProductView.objects.count()) == (0, 0)

    client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    assert ProductRecord.objects.get(product=product).num_basket_additions == 1


def test_recommendations_are_drawn_in_a_fixed_number_of_queries(client, make_seller, make_product,
                                                                django_assert_max_num_queries):
    ProductRecommendation = get_model("catalogue", "ProductRecommendation")
    seller = make_seller()
    tea = make_product(seller, title="Chè búp Tân Cương")
    hidden = make_product(seller, title="Chè chưa bán")
    hidden.is_public = False
    hidden.save()

    def recommend(n):
        for i in range(n):
            other = make_product(seller, title=f"Mật ong rừng số {i}", origin=None)
            ProductRecommendation.objects.create(primary=tea, recommendation=other, ranking=n - i)
        ProductRecommendation.objects.create(primary=tea, recommendation=hidden, ranking=0)

    recommend(1)
    client.get(tea.get_absolute_url())
    with django_assert_max_num_queries(100) as one:
        client.get(tea.get_absolute_url())
    with_one = len(one)  # read now: the next request clears Django's query log
    ProductRecommendation.objects.filter(primary=tea).delete()
    recommend(5)
    client.get(tea.get_absolute_url())
    with django_assert_max_num_queries(with_one) as five:
        html = client.get(tea.get_absolute_url()).content.decode()
    with_five = len(five)

    shown = re.findall(r"Mật ong rừng số (\d)", html)
    assert shown == ["0", "1", "2", "3", "4"]  # in their ranking
    assert "Chè chưa bán" not in html
    assert with_five == with_one
