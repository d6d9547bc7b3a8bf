"""Paid parts a seller does not accept: one reminder, then cancellation (and refund) at the deadline,
decided by the clock however late or often the task runs."""

from datetime import timedelta

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.order import deadlines
from marketplace.order.fulfilment import accept_part
from marketplace.order.tasks import enforce_accept_deadlines
from marketplace.payouts.models import Refund

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


@pytest.fixture
def paid_at(two_seller_order, pay_by_transfer, settings):
    settings.ORDER_ACCEPT_REMINDER_HOURS = 24
    settings.ORDER_ACCEPT_DEADLINE_HOURS = 72
    pay_by_transfer(two_seller_order)
    moment = timezone.now() - timedelta(days=10)
    Order.objects.filter(pk=two_seller_order.pk).update(paid_at=moment)
    return moment


def _parts(order, sellers):
    return {key: order.parts.get(seller=seller) for key, seller in sellers.items()}


def test_nothing_happens_before_the_reminder_time(two_seller_order, paid_at, mailoutbox):
    assert deadlines.enforce(now=paid_at + timedelta(hours=23, minutes=59)) == {"cancelled": 0, "reminded": 0}
    assert mailoutbox == []


def test_an_unaccepted_part_is_reminded_once_however_often_the_task_runs(
    two_seller_order, paid_at, sellers, mailoutbox
):
    accept_part(two_seller_order.parts.get(seller=sellers["tea"]))
    now = paid_at + timedelta(hours=24)

    assert deadlines.enforce(now=now) == {"cancelled": 0, "reminded": 1}
    assert deadlines.enforce(now=now + timedelta(hours=1)) == {"cancelled": 0, "reminded": 0}

    [reminder] = mailoutbox
    assert reminder.to == ["mien.nari@example.vn"]
    assert reminder.subject == f"Nhắc: đơn hàng {two_seller_order.number} chưa được xác nhận — Sàn OCOP Thái Nguyên"
    assert "- Miến dong Na Rì × 3: 136.530\xa0₫" in reminder.body
    parts = _parts(two_seller_order, sellers)
    assert parts["noodles"].reminded_at == now
    assert parts["tea"].reminded_at is None


def test_past_the_deadline_the_part_is_cancelled_with_a_reason_and_refunded(
    django_capture_on_commit_callbacks, two_seller_order, paid_at, sellers, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        assert deadlines.enforce(now=paid_at + timedelta(hours=72)) == {"cancelled": 2, "reminded": 0}

    parts = _parts(two_seller_order, sellers)
    assert {part.status for part in parts.values()} == {OrderPart.Status.CANCELLED}
    assert parts["tea"].cancel_reason == (
        "Người bán không xác nhận đơn trong 72 giờ sau khi bạn thanh toán nên phần đơn này đã được hủy tự động."
    )
    assert parts["tea"].reminded_at is None  # a task running this late sends no pointless reminder
    assert sorted(Refund.objects.values_list("amount", "status")) == [(161530, "owed"), (330000, "owed")]
    assert sorted(message.subject for message in mailoutbox) == sorted(
        f"Đơn hàng {two_seller_order.number}: phần hàng của {seller.name} đã bị hủy" for seller in sellers.values()
    )
    assert deadlines.enforce(now=paid_at + timedelta(hours=100)) == {"cancelled": 0, "reminded": 0}


def test_an_accepted_part_is_never_cancelled_by_the_deadline(two_seller_order, paid_at, sellers):
    accept_part(two_seller_order.parts.get(seller=sellers["tea"]))
    assert deadlines.enforce(now=paid_at + timedelta(days=9)) == {"cancelled": 1, "reminded": 0}
    assert _parts(two_seller_order, sellers)["tea"].status == OrderPart.Status.ACCEPTED


def test_a_reminder_arriving_after_the_deadline_is_not_sent(two_seller_order, paid_at, sellers, mailoutbox):
    part = two_seller_order.parts.get(seller=sellers["tea"])
    assert deadlines.send_reminder(part.pk, now=paid_at + timedelta(hours=72)) is False
    assert deadlines.send_reminder(part.pk, now=paid_at + timedelta(hours=23)) is False
    assert mailoutbox == []


def test_unpaid_orders_are_left_to_the_payment_deadline(two_seller_order, mailoutbox):
    Order.objects.filter(pk=two_seller_order.pk).update(date_placed=timezone.now() - timedelta(days=10))
    assert deadlines.enforce() == {"cancelled": 0, "reminded": 0}


def test_the_settings_come_from_the_environment_with_defaults(monkeypatch):
    import importlib

    import marketplace.settings.base as base

    monkeypatch.setenv("ORDER_ACCEPT_REMINDER_HOURS", "12")
    monkeypatch.delenv("ORDER_ACCEPT_DEADLINE_HOURS", raising=False)
    try:
        reloaded = importlib.reload(base)
        assert (reloaded.ORDER_ACCEPT_REMINDER_HOURS, reloaded.ORDER_ACCEPT_DEADLINE_HOURS) == (12, 72)
    finally:
        monkeypatch.delenv("ORDER_ACCEPT_REMINDER_HOURS")
        importlib.reload(base)


def test_the_beat_task_runs_on_the_clock(two_seller_order, paid_at, mailoutbox):
    assert enforce_accept_deadlines() == {"cancelled": 2, "reminded": 0}
