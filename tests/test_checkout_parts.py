"""The buyer's view of an order: each seller's part with its lines, status, carrier and tracking
number, and the payment state (with the VietQR while pending), on the account page and on the
status page a guest reaches from the e-mail link."""

import pytest
from django.urls import reverse

from marketplace.order.fulfilment import accept_part, ship_part
from marketplace.order.payment_state import mark_paid

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(make_seller, make_product, place_order):
    tea, noodles = make_seller(), make_seller("Hộ kinh doanh Miến dong Côn Minh", commune="Xã Đại Từ")
    order = place_order((make_product(tea, "Chè búp Tân Cương", price="150000"), 1),
                        (make_product(noodles, "Miến dong", price="45000"), 2))
    order.guest_email = "khach@example.vn"
    order.save(update_fields=["guest_email"])
    return order


def status_page(client, order, email="khach@example.vn"):
    """The guest follows the e-mail's link and confirms the order's e-mail address, as Oscar asks."""
    kwargs = {"order_number": order.number, "hash": order.verification_hash()}
    response = client.post(reverse("customer:anon-order-form", kwargs=kwargs), {"email": email})
    assert response.status_code == 302
    return client.get(reverse("customer:anon-order", kwargs=kwargs)).content.decode()


def test_a_pending_order_shows_its_parts_and_the_vietqr(client, order):
    page = status_page(client, order)
    assert '<section class="order-payment mb-4" data-payment-state="pending">' in page
    assert 'class="vietqr"' in page and f"OCOP{order.number}" in page
    assert page.count('<article class="order-part card mb-3" data-part-status="new">') == 2
    assert "Chè búp Tân Cương × 1" in page and "Miến dong × 2" in page
    assert page.index("HTX Chè Tân Cương Xanh") < page.index("Chè búp Tân Cương × 1")


def test_a_shipped_part_shows_its_carrier_and_tracking_number(client, order):
    mark_paid(order, method="vietqr")
    tea_part = order.parts.get(seller__name="HTX Chè Tân Cương Xanh")
    accept_part(tea_part)
    ship_part(tea_part, "Viettel Post", "VTP123456789")
    page = status_page(client, order)
    assert 'data-payment-state="paid"' in page and 'class="vietqr"' not in page
    assert 'data-part-status="shipped"' in page and 'data-part-status="new"' in page
    assert "Viettel Post — mã vận đơn <code>VTP123456789</code>" in page


def test_a_wrong_link_or_email_shows_nothing(client, order):
    url = reverse("customer:anon-order", kwargs={"order_number": order.number, "hash": "forged-hash"})
    assert client.get(url).status_code == 302  # back to the e-mail form
    kwargs = {"order_number": order.number, "hash": order.verification_hash()}
    client.post(reverse("customer:anon-order-form", kwargs=kwargs), {"email": "ke-la@example.vn"})
    assert client.get(reverse("customer:anon-order", kwargs=kwargs)).status_code == 302


def test_the_buyers_account_shows_the_parts(client, order, django_user_model):
    buyer = django_user_model.objects.create_user("an@example.vn", "pw-an-123456")
    order.user = buyer
    order.save()
    client.force_login(buyer)
    page = client.get(reverse("customer:order", kwargs={"order_number": order.number})).content.decode()
    assert page.count('class="order-part card mb-3"') == 2
    assert 'class="vietqr"' in page
    other = django_user_model.objects.create_user("binh@example.vn", "pw-binh-123456")
    client.force_login(other)
    assert client.get(reverse("customer:order", kwargs={"order_number": order.number})).status_code == 404
