"""Builders for baskets, shipping rules and weights (pytest plugin, see conftest.py)."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_class, get_model

from catalog.models import Product, ProductClass
from geo_indications.models import Commune, Province
from marketplace.shipping.models import SellerShippingRule
from sellers.models import StockRecord

Basket = get_model("basket", "Basket")
ProductAttribute = get_model("catalogue", "ProductAttribute")


@pytest.fixture
def make_basket(db):
    """An open basket holding (product, quantity) pairs, priced by the marketplace's strategy."""
    strategy = get_class("partner.strategy", "Selector")().strategy()

    def make(*items, owner=None):
        basket = Basket.objects.create(owner=owner)
        basket.strategy = strategy
        for product, quantity in items:
            basket.add_product(product, quantity)
        return basket

    return make


@pytest.fixture
def weigh(db):
    """Declare a product's weight in grams through the "weight" attribute shipping reads."""

    def weigh(product, grams):
        ProductAttribute.objects.get_or_create(
            product_class=product.get_product_class(), code="weight",
            defaults={"name": "Khối lượng (g)", "type": ProductAttribute.INTEGER},
        )
        product.attr.weight = grams
        product.attr.save()
        return product

    return weigh


@pytest.fixture
def make_rule(db):
    def make(seller, province=None, *, first_weight=1000, first_charge=30000, step_weight=500, step_charge=5000,
             free_from=None, default_weight=500):
        return SellerShippingRule.objects.create(
            seller=seller, province=province, first_weight=first_weight, first_charge=first_charge,
            step_weight=step_weight, step_charge=step_charge, free_from=free_from, default_weight=default_weight,
        )

    return make


@pytest.fixture
def make_service(thai_nguyen):
    """A product of OCOP group 6: a homestay night, booked rather than shipped."""
    service_class, _ = ProductClass.objects.get_or_create(
        name="Du lịch cộng đồng", defaults={"ocop_group": 6, "requires_shipping": False, "track_stock": False}
    )

    def make(seller, title="Một đêm homestay Bản Mây", price="400000"):
        product = Product.objects.create(title=title, product_class=service_class, seller=seller)
        StockRecord.objects.create(
            product=product, partner=seller, partner_sku=f"SV-{product.pk}", price=Decimal(price),
            price_currency="VND", num_in_stock=100,
        )
        return product

    return make


@pytest.fixture
def two_seller_shop(thai_nguyen, make_seller, make_product, make_rule):
    """Two sellers with their own shipping rules, a product each, and a second province
    (the browser tests choose its commune first, then Thái Nguyên's)."""
    province, _ = thai_nguyen
    phu_tho = Province.objects.create(code=25, name="Tỉnh Phú Thọ", division_type="tỉnh", codename="phu_tho")
    Commune.objects.create(code=7000, province=phu_tho, name="Xã Thanh Sơn", division_type="xã",
                           codename="xa_thanh_son")
    tea, noodles = make_seller(), make_seller("Hộ kinh doanh Miến dong Côn Minh", commune="Xã Đại Từ")
    make_rule(tea, province, first_charge=20000)
    make_rule(noodles, None, first_charge=25000)
    return [make_product(tea, "Chè búp Tân Cương", price="150000"),
            make_product(noodles, "Miến dong Côn Minh", price="45000")]
