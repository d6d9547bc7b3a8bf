"""Shipping per seller: rules by destination province and weight, free-shipping thresholds,
OCOP group 6 services, the checkout's charge and each order part's own charge, and the seller's page."""

import pytest
from oscar.core.loading import get_class

from geo_indications.models import Province
from marketplace.order.utils import OrderCreator
from marketplace.shipping.charges import MARKETPLACE_DEFAULT_RULE, quote_basket
from marketplace.shipping.forms import parse_dong, parse_grams
from marketplace.shipping.models import SellerShippingRule

pytestmark = pytest.mark.django_db
Repository = get_class("shipping.repository", "Repository")
URL = "/dashboard/van-chuyen/"


@pytest.fixture
def ha_noi(db):
    return Province.objects.create(code=1, name="Thành phố Hà Nội", division_type="thành phố", codename="ha_noi")


@pytest.fixture
def tea_seller(make_seller):
    return make_seller()


@pytest.fixture
def noodle_seller(make_seller):
    return make_seller("Hộ kinh doanh Miến dong Côn Minh", commune="Xã Đại Từ")


def test_a_rule_charges_the_first_weight_then_each_started_step():
    rule = SellerShippingRule(first_weight=1000, first_charge=30000, step_weight=500, step_charge=5000)
    assert rule.charge_for(800, 100000) == 30000
    assert rule.charge_for(1000, 100000) == 30000
    assert rule.charge_for(1001, 100000) == 35000
    assert rule.charge_for(2200, 100000) == 45000


def test_a_rule_is_free_from_its_threshold_on_the_sellers_subtotal():
    rule = SellerShippingRule(first_weight=1000, first_charge=30000, step_weight=500, step_charge=5000,
                              free_from=300000)
    assert rule.charge_for(5000, 299999) == 70000
    assert rule.charge_for(5000, 300000) == 0


def test_the_weight_attribute_and_the_rules_default_weight_make_the_parcel(
    make_basket, make_product, tea_seller, make_rule, weigh
):
    make_rule(tea_seller, default_weight=700)
    weighed = weigh(make_product(tea_seller, "Chè búp 500 g", price="200000"), 550)
    unweighed = make_product(tea_seller, "Chè móc câu", price="100000")
    [quote] = quote_basket(make_basket((weighed, 2), (unweighed, 1)))
    assert quote.weight == 2 * 550 + 700
    assert quote.subtotal == 500000
    assert quote.charge == 30000 + 2 * 5000


def test_a_variant_without_a_weight_uses_its_parents(make_basket, make_product, tea_seller, make_rule, weigh):
    from catalog.models import Product
    from sellers.models import StockRecord

    make_rule(tea_seller, first_weight=100, first_charge=10000, step_weight=100, step_charge=1000)
    parent = make_product(tea_seller, "Chè Tân Cương")
    parent.structure = Product.PARENT
    parent.save()
    parent.stockrecords.all().delete()
    weigh(parent, 300)
    child = Product.objects.create(parent=parent, structure=Product.CHILD, title="Gói 300 g", seller=tea_seller)
    StockRecord.objects.create(product=child, partner=tea_seller, partner_sku="C-1", price=50000,
                               price_currency="VND", num_in_stock=5)
    [quote] = quote_basket(make_basket((child, 1)))
    assert (quote.weight, quote.charge) == (300, 12000)


def test_the_destination_provinces_rule_wins_over_everywhere_else(
    make_basket, make_product, tea_seller, make_rule, thai_nguyen, ha_noi
):
    province, _ = thai_nguyen
    make_rule(tea_seller, province, first_charge=15000)
    make_rule(tea_seller, None, first_charge=40000)
    basket = make_basket((make_product(tea_seller), 1))
    assert quote_basket(basket, province.pk)[0].charge == 15000
    assert quote_basket(basket, ha_noi.pk)[0].charge == 40000
    assert quote_basket(basket, None)[0].charge == 40000


def test_a_seller_without_rules_charges_the_marketplace_default(make_basket, make_product, tea_seller):
    [quote] = quote_basket(make_basket((make_product(tea_seller), 1)))
    assert quote.rule is MARKETPLACE_DEFAULT_RULE
    assert quote.charge == 30000


def test_ocop_group_6_services_need_no_shipping(make_basket, make_product, make_service, tea_seller, make_rule):
    make_rule(tea_seller, first_charge=30000)
    [quote] = quote_basket(make_basket((make_service(tea_seller), 2)))
    assert (quote.needs_shipping, quote.weight, quote.charge, quote.subtotal) == (False, 0, 0, 800000)
    # A service beside a parcel adds nothing to the parcel's weight.
    [quote] = quote_basket(make_basket((make_service(tea_seller), 1), (make_product(tea_seller), 1)))
    assert (quote.weight, quote.charge) == (500, 30000)


def test_the_checkout_charge_is_the_sum_of_the_sellers_charges(
    make_basket, make_product, tea_seller, noodle_seller, make_rule
):
    make_rule(tea_seller, first_charge=20000, free_from=300000)
    make_rule(noodle_seller, first_charge=25000)
    basket = make_basket((make_product(tea_seller, price="150000"), 1), (make_product(noodle_seller, "Miến"), 1))
    method = Repository().get_default_shipping_method(basket)
    assert method.code == "per-seller"
    assert method.calculate(basket).incl_tax == 45000
    assert method.charges_by_seller(basket) == {tea_seller.pk: 20000, noodle_seller.pk: 25000}
    basket.add_product(basket.all_lines()[0].product, 1)  # tea now 300.000 ₫: free
    assert method.calculate(basket).incl_tax == 25000


def test_each_order_part_keeps_its_own_shipping_charge(
    make_basket, make_product, tea_seller, noodle_seller, make_rule
):
    from oscar.core.loading import get_class

    make_rule(tea_seller, first_charge=20000)
    make_rule(noodle_seller, first_charge=25000)
    basket = make_basket((make_product(tea_seller, price="150000"), 1), (make_product(noodle_seller, "Miến"), 2))
    method = Repository().get_default_shipping_method(basket)
    charge = method.calculate(basket)
    total = get_class("checkout.calculators", "OrderTotalCalculator")().calculate(basket, charge)
    order = OrderCreator().place_order(basket=basket, total=total, shipping_method=method, shipping_charge=charge)
    assert {part.seller_id: part.shipping_charge for part in order.parts.all()} == {
        tea_seller.pk: 20000, noodle_seller.pk: 25000
    }
    assert (order.shipping_incl_tax, order.total_incl_tax) == (45000, 150000 + 2 * 150000 + 45000)


@pytest.mark.parametrize(("typed", "dong"), [
    ("30000", 30000), ("30.000", 30000), ("30,000", 30000), ("30 000 ₫", 30000), ("30k", 30000),
    ("30 nghìn", 30000), ("1.500.000đ", 1500000), ("0", 0),
])
def test_amounts_are_read_as_people_type_them(typed, dong):
    assert parse_dong(typed) == dong


@pytest.mark.parametrize(("typed", "grams"), [("500", 500), ("500 g", 500), ("1kg", 1000), ("1,5 kg", 1500),
                                              ("1.000", 1000)])
def test_weights_are_read_as_people_type_them(typed, grams):
    assert parse_grams(typed) == grams


def seller_user(seller, django_user_model, email="htx@example.vn"):
    user = django_user_model.objects.create_user(email, "pw-htx-123456")
    seller.users.add(user)
    return user


def formset_data(*rows, initial=0):
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(initial),
            "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000"}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{i}-{key}"] = value
    return data


ROW = {"province": "", "first_weight": "1 kg", "first_charge": "30.000", "step_weight": "500",
       "step_charge": "5k", "free_from": "", "default_weight": "500 g"}


def test_a_seller_writes_its_own_rules(client, tea_seller, django_user_model, thai_nguyen):
    province, _ = thai_nguyen
    client.force_login(seller_user(tea_seller, django_user_model))
    assert client.get(URL).status_code == 200
    response = client.post(URL, formset_data(ROW, dict(ROW, province=str(province.pk), free_from="300.000 ₫")))
    assert response.status_code == 302
    rules = {rule.province_id: rule for rule in tea_seller.shipping_rules.all()}
    assert (rules[None].first_weight, rules[None].first_charge, rules[None].step_charge) == (1000, 30000, 5000)
    assert rules[province.pk].free_from == 300000


def test_bad_rules_are_refused_in_vietnamese_and_nothing_is_saved(client, tea_seller, django_user_model):
    client.force_login(seller_user(tea_seller, django_user_model))
    response = client.post(URL, formset_data(dict(ROW, first_charge="ba mươi nghìn", first_weight="-2")))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nhập số tiền bằng đồng, ví dụ 30.000 hoặc 30k." in page
    assert "Nhập khối lượng bằng gam (ví dụ 500) hoặc kg (ví dụ 1,5 kg)." in page
    response = client.post(URL, formset_data(ROW, ROW))
    assert response.status_code == 400
    assert "«Mọi nơi khác» có hai biểu phí: mỗi nơi nhận chỉ được một." in response.content.decode()
    assert not SellerShippingRule.objects.exists()


def test_a_seller_cannot_touch_another_sellers_rules(
    client, tea_seller, noodle_seller, django_user_model, make_rule
):
    theirs = make_rule(noodle_seller, first_charge=25000)
    client.force_login(seller_user(tea_seller, django_user_model))
    assert "25.000" not in client.get(URL).content.decode()
    response = client.post(URL, formset_data(dict(ROW, id=str(theirs.pk), first_charge="1"), initial=1))
    assert response.status_code == 400
    client.post(URL, formset_data(dict(ROW, id=str(theirs.pk), DELETE="on"), initial=1))
    assert SellerShippingRule.objects.get().first_charge == 25000


def test_only_sellers_reach_the_page(client, django_user_model):
    assert client.get(URL).status_code == 302  # to sign in
    client.force_login(django_user_model.objects.create_user("buyer@example.vn", "pw-buyer-123456"))
    assert client.get(URL).status_code == 403


def test_the_basket_estimates_with_the_buyers_default_address(
    make_basket, make_product, tea_seller, make_rule, thai_nguyen, django_user_model
):
    from oscar.core.loading import get_model

    province, communes = thai_nguyen
    make_rule(tea_seller, province, first_charge=15000)
    make_rule(tea_seller, None, first_charge=40000)
    buyer = django_user_model.objects.create_user("an@example.vn", "pw-an-123456")
    basket = make_basket((make_product(tea_seller), 1), owner=buyer)
    assert Repository().get_default_shipping_method(basket, user=buyer).calculate(basket).incl_tax == 40000
    from marketplace.address.forms import vietnam

    get_model("address", "UserAddress").objects.create(
        user=buyer, last_name="An", line1="Số 5", commune=communes["Phường Gia Sàng"], country=vietnam(),
        is_default_for_shipping=True,
    )
    assert Repository().get_default_shipping_method(basket, user=buyer).calculate(basket).incl_tax == 15000


def test_the_sellers_dashboard_menu_leads_to_the_rules(client, tea_seller, django_user_model):
    from django.contrib.auth.models import Permission

    user = seller_user(tea_seller, django_user_model)
    user.user_permissions.add(Permission.objects.get(codename="dashboard_access", content_type__app_label="partner"))
    client.force_login(user)
    assert f'href="{URL}"' in client.get("/dashboard/").content.decode()
