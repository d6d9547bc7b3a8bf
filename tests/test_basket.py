"""The basket grouped by seller: each group's lines, subtotal, shipping or free-shipping hint, and
the grand total, all in whole đồng as they will be charged."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def add(client, product, quantity=1):
    response = client.post(f"/basket/add/{product.pk}/", {"quantity": quantity})
    assert response.status_code == 302


def groups(page):
    """(seller, subtotal, shipping) of each seller group, in page order."""
    found = re.findall(
        r'<section class="seller-group.*?<h2 class="h5 mb-0">\s*(?:<a [^>]*>)?(.*?)(?:</a>)?\s*</h2>'
        r'.*?seller-group__subtotal">(.*?)</dd>.*?seller-group__shipping">\s*(.*?)\s*</dd>',
        page, re.S,
    )
    return [(seller, subtotal, shipping) for seller, subtotal, shipping in found]


def test_the_basket_shows_each_sellers_group_with_its_shipping_and_the_grand_total(
    client, make_seller, make_product, make_rule, make_service
):
    tea, noodles = make_seller(), make_seller("Hộ kinh doanh Miến dong Côn Minh", commune="Xã Đại Từ")
    make_rule(tea, first_charge=20000, free_from=300000)
    make_rule(noodles, first_charge=25000, first_weight=2000)
    add(client, make_product(tea, "Chè búp Tân Cương", price="150000"), 1)
    add(client, make_product(noodles, "Miến dong", price="45000"), 3)
    add(client, make_service(noodles, "Một đêm homestay", price="400000"), 1)

    page = client.get("/basket/").content.decode()

    assert groups(page) == [
        ("HTX Chè Tân Cương Xanh", "150.000\xa0₫", "20.000\xa0₫"),
        ("Hộ kinh doanh Miến dong Côn Minh", "535.000\xa0₫", "25.000\xa0₫"),
    ]
    assert "Miễn phí vận chuyển cho đơn từ 300.000\xa0₫ của người bán này: mua thêm 150.000\xa0₫." in page
    assert '<strong class="basket-grand-total__amount">730.000\xa0₫</strong>' in page
    assert "135.000\xa0₫" in page  # 3 × 45.000 ₫, the line total charged


def test_a_group_above_its_threshold_ships_free_and_services_ship_nothing(
    client, make_seller, make_product, make_rule, make_service
):
    tea, homestay = make_seller(), make_seller("HTX Du lịch Bản Mây", commune="Xã Đại Từ")
    make_rule(tea, first_charge=20000, free_from=300000)
    add(client, make_product(tea, price="150000"), 2)
    add(client, make_service(homestay), 1)

    page = client.get("/basket/").content.decode()

    assert groups(page) == [
        ("HTX Chè Tân Cương Xanh", "300.000\xa0₫", "Miễn phí"),
        ("HTX Du lịch Bản Mây", "400.000\xa0₫", "Không cần vận chuyển"),
    ]
    assert "mua thêm" not in page
    assert '<strong class="basket-grand-total__amount">700.000\xa0₫</strong>' in page


def test_adding_to_the_basket_and_showing_it_cost_the_same_queries_whatever_its_size(client, make_seller,
                                                                                      make_product):
    # Lines are priced from what was loaded with them, not with two more queries each.
    seller = make_seller()
    tea = [make_product(seller, f"Chè búp loại {n}", price="150000") for n in range(7)]

    def costs(lines):
        for product in tea[:lines]:
            client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
        with CaptureQueriesContext(connection) as adding:
            assert client.post(f"/basket/add/{tea[lines].pk}/", {"quantity": 1}).status_code == 302
        client.get("/basket/")  # thumbnails made once, as on a running server
        with CaptureQueriesContext(connection) as showing:
            assert client.get("/basket/").status_code == 200
        client.cookies.clear()  # a new visitor's basket
        return len(adding), len(showing)

    assert costs(1) == costs(5)
