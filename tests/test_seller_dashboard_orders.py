"""A seller's own parts of orders in the dashboard: list, detail with only its lines, fulfilment."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from tests import dashboard_sellers
from tests.dashboard_sellers import PASSWORD

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db

seller_account, seller_a, seller_b = (
    dashboard_sellers.seller_account, dashboard_sellers.seller_a, dashboard_sellers.seller_b
)


@pytest.fixture
def shared_order(seller_a, seller_b, make_product, place_order):
    """One buyer's order with a part for A (tea) and a part for B (noodles), shipped to Thái Nguyên."""
    tea = make_product(seller_a[0], "Chè búp Tân Cương", price="150000")
    noodles = make_product(seller_b[0], "Miến dong Na Rì", price="45000", origin="Xã Đại Từ")
    order = place_order((tea, 2), (noodles, 3))
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="VN", defaults={"name": "Việt Nam", "printable_name": "Việt Nam"}
    )
    order.shipping_address = ShippingAddress.objects.create(
        first_name="Trần", last_name="Thị Mai", line1="Số 5 ngõ 12 Hoàng Văn Thụ", line4="Phường Gia Sàng",
        state="Tỉnh Thái Nguyên", country=country, phone_number="+84912345678", notes="Gọi trước khi giao",
    )
    order.guest_email = "nguoimua@example.vn"
    order.save()
    order.parts.filter(seller=seller_a[0]).update(shipping_charge=30000)
    return order


def pay(order):
    Order.objects.filter(pk=order.pk).update(payment_state=Order.PaymentState.PAID, paid_at=timezone.now())


@pytest.fixture
def as_a(client, seller_a):
    client.login(username=seller_a[1].email, password=PASSWORD)
    return client


def part_of(order, seller):
    return order.parts.get(seller=seller)


def detail_url(part):
    return reverse("dashboard:seller-order-detail", kwargs={"pk": part.pk})


def test_the_detail_shows_only_the_sellers_own_lines_and_where_to_ship(as_a, seller_a, shared_order):
    part = part_of(shared_order, seller_a[0])

    response = as_a.get(detail_url(part))

    page = response.content.decode()
    assert response.status_code == 200
    assert [line.title for line in response.context["lines"]] == ["Chè búp Tân Cương"]
    assert "Miến dong Na Rì" not in page
    assert "Trần Thị Mai" in page and "Số 5 ngõ 12 Hoàng Văn Thụ" in page and "Gọi trước khi giao" in page
    assert "+84912345678" in page
    assert response.context["part_total"] == 330000
    # The order's grand total includes the other seller's goods: not shown.
    assert str(shared_order.total_incl_tax.quantize(1)) not in page.replace(".", "")


def test_another_sellers_part_is_not_found_for_reading_or_writing(as_a, seller_b, shared_order):
    pay(shared_order)
    theirs = part_of(shared_order, seller_b[0])

    assert as_a.get(detail_url(theirs)).status_code == 404
    for data in ({"action": "accept"}, {"action": "cancel", "cancel_reason": "Hết hàng"},
                 {"action": "ship", "carrier": "VNPost", "tracking_number": "X1"}):
        assert as_a.post(detail_url(theirs), data).status_code == 404
    theirs.refresh_from_db()
    assert (theirs.status, theirs.cancel_reason, theirs.carrier) == (OrderPart.Status.NEW, "", "")


def test_an_unpaid_part_cannot_be_accepted_and_the_form_says_why(as_a, seller_a, shared_order):
    part = part_of(shared_order, seller_a[0])

    response = as_a.post(detail_url(part), {"action": "accept"})

    assert response.status_code == 200
    assert response.context["accept_form"].non_field_errors() == [
        "Đơn chưa được thanh toán: chờ người mua thanh toán rồi mới nhận đơn."
    ]
    part.refresh_from_db()
    assert part.status == OrderPart.Status.NEW


def test_a_paid_part_is_accepted_then_shipped_with_carrier_and_tracking(as_a, seller_a, shared_order):
    pay(shared_order)
    part = part_of(shared_order, seller_a[0])

    accepted = as_a.post(detail_url(part), {"action": "accept"})
    missing = as_a.post(detail_url(part), {"action": "ship", "carrier": " ", "tracking_number": ""})
    shipped = as_a.post(detail_url(part), {"action": "ship", "carrier": "Viettel Post",
                                           "tracking_number": "VTP123456"})

    assert accepted.status_code == 302
    assert missing.status_code == 200
    assert missing.context["ship_form"].errors == {
        "carrier": ["Hãy ghi đơn vị vận chuyển (ví dụ: Viettel Post, VNPost, GHN)."],
        "tracking_number": ["Hãy ghi mã vận đơn để người mua theo dõi được."],
    }
    assert shipped.status_code == 302
    part.refresh_from_db()
    assert (part.status, part.carrier, part.tracking_number) == (OrderPart.Status.SHIPPED, "Viettel Post",
                                                                 "VTP123456")
    assert part.accepted_at is not None and part.shipped_at is not None


def test_cancelling_needs_a_reason_and_a_shipped_part_cannot_be_cancelled(as_a, seller_a, shared_order):
    part = part_of(shared_order, seller_a[0])

    no_reason = as_a.post(detail_url(part), {"action": "cancel", "cancel_reason": "  "})
    cancelled = as_a.post(detail_url(part), {"action": "cancel", "cancel_reason": "Hết hàng vụ này"})
    again = as_a.post(detail_url(part), {"action": "cancel", "cancel_reason": "Lần nữa"})

    assert no_reason.context["cancel_form"].errors == {"cancel_reason": ["Hãy cho người mua biết lý do hủy đơn."]}
    assert cancelled.status_code == 302
    assert again.context["cancel_form"].non_field_errors() == ["Không thể hủy đơn ở trạng thái “Đã hủy”."]
    part.refresh_from_db()
    assert (part.status, part.cancel_reason) == (OrderPart.Status.CANCELLED, "Hết hàng vụ này")


def test_an_unknown_action_changes_nothing(as_a, seller_a, shared_order):
    part = part_of(shared_order, seller_a[0])

    response = as_a.post(detail_url(part), {"action": "deliver"})

    assert response.status_code == 302
    part.refresh_from_db()
    assert part.status == OrderPart.Status.NEW


def test_the_list_has_only_own_parts_paid_ones_needing_action_first(as_a, seller_a, seller_b, make_product,
                                                                   place_order):
    tea = make_product(seller_a[0], "Chè búp", price="100000", stock=50)
    noodles = make_product(seller_b[0], "Miến", price="40000", stock=50, origin="Xã Đại Từ")
    older_paid = place_order((tea, 1))
    newest_unpaid = place_order((tea, 1))
    theirs = place_order((noodles, 1))
    pay(older_paid)
    pay(theirs)
    OrderPart.objects.filter(order=older_paid).update(created_at=timezone.now() - timedelta(days=2))

    response = as_a.get(reverse("dashboard:seller-order-list"))

    assert [part.order for part in response.context["parts"]] == [older_paid, newest_unpaid]


def test_the_list_filters_by_status_and_explains_an_unknown_status(as_a, seller_a, make_product, place_order):
    tea = make_product(seller_a[0], "Chè búp", price="100000", stock=50)
    first, second = place_order((tea, 1)), place_order((tea, 1))
    OrderPart.objects.filter(order=first).update(status=OrderPart.Status.CANCELLED)

    cancelled = as_a.get(reverse("dashboard:seller-order-list"), {"status": "cancelled"})
    unknown = as_a.get(reverse("dashboard:seller-order-list"), {"status": "lost"})

    assert [part.order for part in cancelled.context["parts"]] == [first]
    assert unknown.context["form"].errors == {"status": ["Không có trạng thái «lost»; hãy chọn trong danh sách."]}
    assert {part.order for part in unknown.context["parts"]} == {first, second}


@pytest.mark.parametrize("url_name", ["order-list", "order-stats"])
def test_oscars_whole_order_pages_are_for_staff(as_a, client, admin_user, url_name):
    assert as_a.get(reverse(f"dashboard:{url_name}")).status_code == 403
    client.force_login(admin_user)
    assert client.get(reverse(f"dashboard:{url_name}")).status_code == 200


def test_oscars_order_detail_is_for_staff_only(as_a, client, admin_user, shared_order):
    url = reverse("dashboard:order-detail", kwargs={"number": shared_order.number})

    assert as_a.get(url).status_code == 403
    client.force_login(admin_user)
    assert client.get(url).status_code == 200


def test_a_buyer_or_staff_member_without_a_shop_gets_403_on_seller_order_pages(client, django_user_model,
                                                                               admin_user):
    buyer = django_user_model.objects.create_user("nguoimua@example.vn", "mat-khau-nguoi-mua")
    url = reverse("dashboard:seller-order-list")
    client.force_login(buyer)
    assert client.get(url).status_code == 403
    client.force_login(admin_user)
    assert client.get(url).status_code == 403


def test_the_front_page_shows_a_seller_its_own_figures(as_a, seller_a, seller_b, make_product, place_order,
                                                       certify):
    tea = make_product(seller_a[0], "Chè búp", price="100000", stock=5)
    make_product(seller_a[0], "Chè móc câu", price="200000", stock=0)
    noodles = make_product(seller_b[0], "Miến", price="40000", stock=0, origin="Xã Đại Từ")
    to_accept, unpaid, to_ship = place_order((tea, 1)), place_order((tea, 1)), place_order((tea, 1))
    pay(to_accept)
    pay(to_ship)
    OrderPart.objects.filter(order=to_ship).update(status=OrderPart.Status.ACCEPTED)
    certify(tea, status="pending")
    certify(noodles, status="pending")
    assert unpaid.parts.get().status == OrderPart.Status.NEW

    response = as_a.get(reverse("dashboard:index"))

    assert response.status_code == 200
    assert response.context["figures"] == {
        "parts_to_accept": 1, "parts_to_ship": 1, "products_out_of_stock": 1, "certificates_pending": 1,
    }
    assert 'data-figure="parts_to_accept">1<' in response.content.decode()
