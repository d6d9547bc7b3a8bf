"""A small catalogue for search tests, built with the shared fixtures (see tests/fixtures.py)."""

from datetime import date

import pytest

from catalog.models import Category, ProductClass
from geo_indications.models import Commune
from sellers.models import Partner


@pytest.fixture
def search_catalogue(thai_nguyen, tan_cuong_gi, make_seller, make_product, grant_gi_right, certify):
    """Five products of three sellers, indexed: teas with the GI and stars, noodles, peanuts, pork."""
    province, communes = thai_nguyen
    tea_seller = make_seller(name="HTX Chè Tân Cương Xanh", kind=Partner.Kind.COOPERATIVE)
    grant_gi_right(tea_seller, tan_cuong_gi, valid_from=date(2024, 1, 1))
    noodle_seller = make_seller(name="Hộ kinh doanh Miến dong Côn Minh", kind=Partner.Kind.HOUSEHOLD,
                                commune="Xã Đại Từ")
    food_seller = make_seller(name="Công ty Nông sản Phổ Yên", kind=Partner.Kind.SME, commune="Xã Đại Từ")
    drinks = Category.add_root(name="Đồ uống", slug="do-uong")
    tea_category = drinks.add_child(name="Chè", slug="che")
    food = Category.add_root(name="Thực phẩm", slug="thuc-pham")
    food_class = ProductClass.objects.create(name="Thực phẩm", ocop_group=1)

    def product(seller, title, *, category, price, stock=10, gi=None, origin=None, product_class=None):
        made = make_product(seller, title=title, gi=gi, price=price, stock=stock,
                            origin=origin or Commune.objects.get(pk=seller.commune_id).name)
        made.categories.add(category)
        if product_class:
            made.product_class = product_class
            made.save()
        return made

    made = {
        "non_tom": product(tea_seller, "Chè nõn tôm Tân Cương", category=tea_category, price="350000",
                           gi=tan_cuong_gi),
        "hong_tra": product(tea_seller, "Hồng trà Tân Cương", category=tea_category, price="180000",
                            gi=tan_cuong_gi, stock=0),
        "mien": product(noodle_seller, "Miến dong Côn Minh đặc biệt", category=food, price="90000",
                        product_class=food_class),
        "lac": product(food_seller, "Lạc rang húng lìu", category=food, price="60000",
                       product_class=food_class),
        "heo": product(food_seller, "Thịt lợn gác bếp", category=food, price="450000",
                       product_class=food_class),
    }
    certify(made["non_tom"], stars=5)
    certify(made["hong_tra"], stars=4)
    certify(made["mien"], stars=4)
    made["tea_category"] = tea_category
    made["province"] = province
    made["gi"] = tan_cuong_gi
    return made
