"""Stock is reserved when an order is placed, never oversold, and released when payment expires."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from marketplace import celery_app
from marketplace.order.expiry import expire_unpaid_orders
from marketplace.payments.bank_transfers import order_reference
from marketplace.payments.models import BankTransfer
from sellers.models import OutOfStock, StockRecord


def stock(product):
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock, record.num_allocated or 0


@pytest.mark.django_db
def test_placing_an_order_reserves_its_units(make_seller, make_product, place_order):
    tea = make_product(make_seller(), stock=5)
    place_order((tea, 2))
    assert stock(tea) == (5, 2)


@pytest.mark.django_db
def test_an_order_for_more_than_is_left_is_not_placed_at_all(make_seller, make_product, place_order):
    from marketplace.order.models import Order

    seller = make_seller()
    tea, noodles = make_product(seller, stock=5), make_product(seller, title="Miến dong", stock=1)
    with pytest.raises(OutOfStock, match="«Miến dong» chỉ còn 1, không đủ 2 như bạn đặt."):
        place_order((tea, 2), (noodles, 2))
    assert Order.objects.count() == 0
    assert stock(tea) == (5, 0) and stock(noodles) == (1, 0)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks under real concurrency: PostgreSQL")
# serialized_rollback puts back what migrations created (Wagtail's root page, groups) after the
# flush a transactional test ends with, so a kept test database stays usable.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_buyers_of_the_last_units_get_exactly_as_many_orders_as_units(
    make_seller, make_product, place_order
):
    tea = make_product(make_seller(), stock=3)
    outcomes, start = [], threading.Barrier(6)

    def buy():
        try:
            start.wait()
            place_order((tea, 1))
            outcomes.append("placed")
        except OutOfStock:
            outcomes.append("out of stock")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=buy) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["out of stock"] * 3 + ["placed"] * 3
    assert stock(tea) == (3, 3)


@pytest.mark.django_db
def test_unpaid_orders_expire_after_the_deadline_and_give_their_stock_back(
    settings, make_seller, make_product, place_order
):
    settings.PAYMENT_DEADLINE_MINUTES = 60
    tea = make_product(make_seller(), stock=5)
    late, fresh = place_order((tea, 2)), place_order((tea, 1))
    type(late).objects.filter(pk=late.pk).update(date_placed=timezone.now() - timedelta(minutes=61))
    assert expire_unpaid_orders() == 1
    assert expire_unpaid_orders() == 0
    late.refresh_from_db()
    fresh.refresh_from_db()
    assert (late.payment_state, fresh.payment_state) == ("expired", "pending")
    assert stock(tea) == (5, 1)


@pytest.mark.django_db
def test_a_transfer_after_the_deadline_does_not_pay_even_if_the_task_is_late(
    client, settings, make_seller, make_product, place_order
):
    settings.PAYMENT_DEADLINE_MINUTES = 60
    settings.BANK_TRANSFER_WEBHOOK_API_KEY = "k"
    tea = make_product(make_seller(), price="150000", stock=5)
    order = place_order((tea, 1))
    type(order).objects.filter(pk=order.pk).update(date_placed=timezone.now() - timedelta(hours=3))
    body = {"id": 7, "transferType": "in", "transferAmount": 150000, "content": order_reference(order)}
    response = client.post("/payments/bank-transfer/webhook/", body, content_type="application/json",
                           HTTP_AUTHORIZATION="Apikey k")
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.payment_state == "expired"
    assert BankTransfer.objects.get().outcome == "not_payable"
    assert stock(tea) == (5, 0)


def test_the_expiry_runs_on_a_schedule():
    celery_app.loader.import_default_modules()  # what a worker or beat does when it starts
    schedule = celery_app.conf.beat_schedule["expire-unpaid-orders"]
    assert schedule["task"] in celery_app.tasks
    assert schedule["schedule"] == 300
    nightly = celery_app.conf.beat_schedule["rebuild-search-index"]
    assert nightly["task"] in celery_app.tasks
    assert (nightly["schedule"].hour, nightly["schedule"].minute) == ({2}, {30})
