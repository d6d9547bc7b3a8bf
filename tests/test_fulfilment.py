"""A seller's part of an order: which moves are allowed, what they change, and the signal they send."""

import pytest
from oscar.core.loading import get_model

from marketplace.order.fulfilment import (
    FulfilmentError,
    accept_part,
    cancel_part,
    mark_delivered,
    part_status_changed,
    ship_part,
)

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")

pytestmark = pytest.mark.django_db


@pytest.fixture
def part_and_stock(make_seller, make_product, place_order):
    seller = make_seller()
    product = make_product(seller, stock=10)
    order = place_order((product, 3))
    stock = product.stockrecords.get()
    return order.parts.get(seller=seller), stock


def _pay(part):
    Order.objects.filter(pk=part.order_id).update(payment_state=Order.PaymentState.PAID)


def test_an_unpaid_part_cannot_be_accepted(part_and_stock):
    part, _stock = part_and_stock
    with pytest.raises(FulfilmentError, match="chưa được thanh toán"):
        accept_part(part)
    part.refresh_from_db()
    assert part.status == OrderPart.Status.NEW


def test_a_paid_part_goes_through_to_delivered_and_consumes_its_stock(part_and_stock):
    part, stock = part_and_stock
    _pay(part)
    seen = []

    def receiver(part, old_status, by, **kwargs):
        seen.append((old_status, part.status))

    part_status_changed.connect(receiver)
    try:
        accept_part(part)
        with pytest.raises(FulfilmentError) as refused:
            ship_part(part, carrier=" ", tracking_number="")
        assert set(refused.value.message_dict) == {"carrier", "tracking_number"}
        ship_part(part, carrier="Viettel Post", tracking_number="VTP123")
        mark_delivered(part)
    finally:
        part_status_changed.disconnect(receiver)

    part.refresh_from_db()
    stock.refresh_from_db()
    assert seen == [("new", "accepted"), ("accepted", "shipped"), ("shipped", "delivered")]
    assert (part.carrier, part.tracking_number) == ("Viettel Post", "VTP123")
    assert part.accepted_at <= part.shipped_at <= part.delivered_at
    assert (stock.num_in_stock, stock.num_allocated) == (7, 0)


def test_cancelling_needs_a_reason_and_puts_the_stock_back(part_and_stock):
    part, stock = part_and_stock
    stock.refresh_from_db()
    assert stock.num_allocated == 3
    with pytest.raises(FulfilmentError, match="lý do"):
        cancel_part(part, reason="  ")
    cancel_part(part, reason="Hết hàng vụ này")
    part.refresh_from_db()
    stock.refresh_from_db()
    assert (part.status, part.cancel_reason) == (OrderPart.Status.CANCELLED, "Hết hàng vụ này")
    assert (stock.num_in_stock, stock.num_allocated) == (10, 0)
    with pytest.raises(FulfilmentError, match="Không thể hủy"):
        cancel_part(part, reason="lần nữa")
    stock.refresh_from_db()
    assert stock.num_allocated == 0


def test_a_shipped_part_cannot_be_accepted_again(part_and_stock):
    part, _stock = part_and_stock
    _pay(part)
    accept_part(part)
    with pytest.raises(FulfilmentError, match="Chỉ nhận được đơn mới"):
        accept_part(part)
