"""An order from two sellers, shipped to a buyer, and the ways it gets paid (pytest plugin).

Figures used across the order and money tests, computed by hand:
- tea seller: 2 × 150.000 ₫ = 300.000 ₫ of goods + 30.000 ₫ shipping = 330.000 ₫
- noodle seller: 3 × 45.510 ₫ = 136.530 ₫ of goods + 25.000 ₫ shipping = 161.530 ₫
- the order: 436.530 ₫ of goods + 55.000 ₫ shipping = 491.530 ₫
"""

from decimal import Decimal

import pytest
from django.db import transaction
from oscar.core.loading import get_model

from marketplace.order.payment_state import mark_paid
from marketplace.payments import stripe_gateway
from marketplace.payments.models import CardPayment
from sellers.models import Partner
from tests.stripe_double import StripeDouble

Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")

BUYER_EMAIL = "nguoimua@example.vn"
SHIPPING = {"tea": 30000, "noodles": 25000}


@pytest.fixture
def sellers(make_seller, django_user_model):
    tea = make_seller("HTX Chè Tân Cương Xanh")
    noodles = make_seller("Hộ kinh doanh Miến Dong Na Rì", kind=Partner.Kind.HOUSEHOLD, commune="Xã Đại Từ")
    for seller, email in ((tea, "htx.chexanh@example.vn"), (noodles, "mien.nari@example.vn")):
        seller.users.add(django_user_model.objects.create_user(email, "mat-khau-nguoi-ban"))
    return {"tea": tea, "noodles": noodles}


@pytest.fixture
def two_seller_order(sellers, make_product, place_order):
    """A guest's order of tea and noodles, with each seller's shipping and a Vietnamese address."""
    tea = make_product(sellers["tea"], "Chè búp Tân Cương", price="150000")
    noodles = make_product(sellers["noodles"], "Miến dong Na Rì", price="45510", origin="Xã Đại Từ")
    order = place_order((tea, 2), (noodles, 3))
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="VN", defaults={"name": "Việt Nam", "printable_name": "Việt Nam", "is_shipping_country": True}
    )
    order.shipping_address = ShippingAddress.objects.create(
        first_name="Trần", last_name="Thị Mai", line1="Số 5 ngõ 12 Hoàng Văn Thụ", line4="Phường Gia Sàng",
        state="Tỉnh Thái Nguyên", country=country, phone_number="+84912345678", notes="Gọi trước khi giao",
    )
    order.guest_email = BUYER_EMAIL
    shipping = Decimal(sum(SHIPPING.values()))
    order.shipping_incl_tax = order.shipping_excl_tax = shipping
    order.total_incl_tax += shipping
    order.total_excl_tax += shipping
    order.save()
    for key, charge in SHIPPING.items():
        order.parts.filter(seller=sellers[key]).update(shipping_charge=charge)
    return order


@pytest.fixture
def pay_by_transfer():
    def pay(order):
        with transaction.atomic():
            locked = Order.objects.select_for_update().get(pk=order.pk)
            mark_paid(locked, method="vietqr")
        order.refresh_from_db()
        return order

    return pay


@pytest.fixture
def card_gateway(settings):
    with StripeDouble() as double:
        settings.STRIPE_API_BASE = double.url
        settings.STRIPE_SECRET_KEY = "sk_test_double"
        settings.STRIPE_WEBHOOK_SECRET = "whsec_test_double_secret"
        yield double


@pytest.fixture
def pay_by_card(card_gateway):
    """Pay through the Stripe double as the webhook would: the intent succeeded for the total."""

    def pay(order):
        intent = stripe_gateway.create_payment_intent(order)
        card_gateway.pay(intent.id)
        CardPayment.objects.create(order=order, payment_intent_id=intent.id, amount=intent.amount, status="succeeded")
        with transaction.atomic():
            locked = Order.objects.select_for_update().get(pk=order.pk)
            mark_paid(locked, method="card")
        order.refresh_from_db()
        return order

    return pay
