"""E-mails about an order, sent by Celery once the change is committed, each exactly once."""

import time

import pytest
from django.conf import settings
from django.db import connection
from oscar.core.loading import get_model

from marketplace.order import emails
from marketplace.order.fulfilment import accept_part, cancel_part, mark_delivered, ship_part
from marketplace.order.tasks import send_order_email
from marketplace.payouts.models import OrderEmail
from tests.order_fixtures import BUYER_EMAIL

Order = get_model("order", "Order")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def _status_url(order):
    return f"{settings.SITE_URL}/accounts/order-status/{order.number}/{order.verification_hash()}/"


def test_the_status_link_is_oscars_signed_page_for_guests(client, two_seller_order):
    url = emails.status_url(two_seller_order)
    assert url == _status_url(two_seller_order)
    path = url.removeprefix(settings.SITE_URL)
    # Oscar asks a guest for the order's e-mail address once, then shows the order.
    asked = client.get(path)
    assert asked.status_code == 302 and "/order-status-form/" in asked.url
    client.post(asked.url, {"email": BUYER_EMAIL})
    shown = client.get(path)
    assert shown.status_code == 200 and shown.context["order"] == two_seller_order


def test_a_signed_in_buyer_is_sent_to_the_order_in_their_account(client, two_seller_order, django_user_model):
    buyer = django_user_model.objects.create_user("khach@example.vn", "mat-khau-khach")
    Order.objects.filter(pk=two_seller_order.pk).update(user=buyer, guest_email="")
    two_seller_order.refresh_from_db()
    url = emails.status_url(two_seller_order)
    assert url == f"{settings.SITE_URL}/accounts/orders/{two_seller_order.number}/"
    client.force_login(buyer)
    assert client.get(url.removeprefix(settings.SITE_URL)).status_code == 200
    assert emails.order_paid(two_seller_order).to == ["khach@example.vn"]


def test_placing_an_order_writes_the_buyer_a_summary_by_seller_with_transfer_details(
    django_capture_on_commit_callbacks, mailoutbox, sellers, make_product, place_order
):
    tea = make_product(sellers["tea"], "Chè búp Tân Cương", price="150000")
    noodles = make_product(sellers["noodles"], "Miến dong Na Rì", price="45510", origin="Xã Đại Từ")
    with django_capture_on_commit_callbacks(execute=True):
        order = place_order((tea, 2), (noodles, 3))
        Order.objects.filter(pk=order.pk).update(guest_email=BUYER_EMAIL)

    [message] = mailoutbox
    assert message.to == [BUYER_EMAIL]
    assert message.subject == f"Đã nhận đơn hàng {order.number} — Sàn OCOP Thái Nguyên"
    body = message.body
    assert "Người bán: HTX Chè Tân Cương Xanh\n- Chè búp Tân Cương × 2: 300.000\xa0₫" in body
    assert "Người bán: Hộ kinh doanh Miến Dong Na Rì\n- Miến dong Na Rì × 3: 136.530\xa0₫" in body
    assert "Tổng cộng: 436.530\xa0₫" in body
    assert "Số tiền: 436.530\xa0₫" in body
    assert f"Số tài khoản: {settings.VIETQR_ACCOUNT_NUMBER}" in body
    assert f"Chủ tài khoản: {settings.VIETQR_ACCOUNT_NAME}" in body
    assert f"Nội dung chuyển khoản: OCOP{order.number}" in body
    assert _status_url(order) in body


def test_a_card_order_gets_no_transfer_instructions(two_seller_order):
    from oscar.apps.payment.models import Source, SourceType

    assert "Nội dung chuyển khoản" in emails.order_placed(two_seller_order).body
    card, _created = SourceType.objects.get_or_create(code="card", defaults={"name": "Thẻ (Stripe)"})
    Source.objects.create(order=two_seller_order, source_type=card, amount_allocated=two_seller_order.total_incl_tax)
    message = emails.order_placed(two_seller_order)
    assert "Nội dung chuyển khoản" not in message.body
    assert "Tổng cộng: 491.530\xa0₫" in message.body


def test_an_order_with_a_card_intent_gets_no_transfer_instructions(two_seller_order, card_gateway):
    from marketplace.payments.card_payments import start_card_payment

    start_card_payment(two_seller_order)
    assert "Nội dung chuyển khoản" not in emails.order_placed(two_seller_order).body


def test_paying_writes_to_the_buyer_and_to_each_seller_with_only_its_own_lines(
    django_capture_on_commit_callbacks, mailoutbox, two_seller_order, pay_by_transfer
):
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_transfer(two_seller_order)

    by_recipient = {tuple(message.to): message for message in mailoutbox}
    assert set(by_recipient) == {(BUYER_EMAIL,), ("htx.chexanh@example.vn",), ("mien.nari@example.vn",)}
    buyer = by_recipient[(BUYER_EMAIL,)]
    assert buyer.subject == f"Đơn hàng {two_seller_order.number} đã được thanh toán — Sàn OCOP Thái Nguyên"
    assert "Số tiền: 491.530\xa0₫" in buyer.body and _status_url(two_seller_order) in buyer.body
    tea = by_recipient[("htx.chexanh@example.vn",)]
    assert tea.subject == f"Đơn hàng mới {two_seller_order.number} cần xác nhận — Sàn OCOP Thái Nguyên"
    assert "- Chè búp Tân Cương × 2: 300.000\xa0₫\nPhí vận chuyển: 30.000\xa0₫" in tea.body
    assert "Miến dong" not in tea.body
    assert "Số 5 ngõ 12 Hoàng Văn Thụ" in tea.body and "Điện thoại: +84912345678" in tea.body
    noodles = by_recipient[("mien.nari@example.vn",)]
    assert "- Miến dong Na Rì × 3: 136.530\xa0₫" in noodles.body and "Chè búp" not in noodles.body


def test_each_step_of_a_part_reaches_the_buyer_with_the_status_link(
    django_capture_on_commit_callbacks, mailoutbox, two_seller_order, pay_by_transfer, sellers
):
    pay_by_transfer(two_seller_order)  # outside the capture: those e-mails are another test's
    tea_part = two_seller_order.parts.get(seller=sellers["tea"])
    with django_capture_on_commit_callbacks(execute=True):
        accept_part(tea_part)
        ship_part(tea_part, carrier="Viettel Post", tracking_number="VTP123456789")
        mark_delivered(tea_part)

    shipped, delivered = mailoutbox  # accepting is the seller's business, not a message
    assert shipped.to == delivered.to == [BUYER_EMAIL]
    assert shipped.subject == f"Đơn hàng {two_seller_order.number}: HTX Chè Tân Cương Xanh đã gửi hàng"
    assert "Đơn vị vận chuyển: Viettel Post\nMã vận đơn: VTP123456789" in shipped.body
    assert delivered.subject == f"Đơn hàng {two_seller_order.number}: đã giao hàng của HTX Chè Tân Cương Xanh"
    assert all(_status_url(two_seller_order) in message.body for message in (shipped, delivered))


def test_a_cancelled_part_tells_the_buyer_why_and_what_happens_to_the_money(
    django_capture_on_commit_callbacks, mailoutbox, two_seller_order, pay_by_transfer, sellers
):
    pay_by_transfer(two_seller_order)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_part(two_seller_order.parts.get(seller=sellers["noodles"]), reason="Hết hàng vụ này")

    [message] = mailoutbox
    assert message.subject == (
        f"Đơn hàng {two_seller_order.number}: phần hàng của Hộ kinh doanh Miến Dong Na Rì đã bị hủy"
    )
    assert "Lý do: Hết hàng vụ này" in message.body
    assert "Số tiền 161.530\xa0₫ (hàng và phí vận chuyển của phần này) sẽ được sàn chuyển khoản hoàn lại" in (
        message.body
    )


def test_a_cancelled_part_of_a_card_order_is_refunded_to_the_card(
    django_capture_on_commit_callbacks, mailoutbox, two_seller_order, pay_by_card, sellers
):
    pay_by_card(two_seller_order)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_part(two_seller_order.parts.get(seller=sellers["tea"]), reason="Sai giá niêm yết")

    [message] = mailoutbox
    assert "Số tiền 330.000\xa0₫ (hàng và phí vận chuyển của phần này) sẽ được hoàn về thẻ" in message.body


def test_a_part_cancelled_before_payment_costs_the_buyer_nothing(
    django_capture_on_commit_callbacks, mailoutbox, two_seller_order, sellers
):
    with django_capture_on_commit_callbacks(execute=True):
        cancel_part(two_seller_order.parts.get(seller=sellers["tea"]), reason="Hết hàng")
    [message] = mailoutbox
    assert "Đơn chưa được thanh toán nên bạn không bị trừ tiền cho phần này." in message.body


def test_a_retried_task_sends_once(mailoutbox, two_seller_order):
    assert send_order_email("order_placed", two_seller_order.pk) is True
    assert send_order_email("order_placed", two_seller_order.pk) is False
    assert len(mailoutbox) == 1
    record = OrderEmail.objects.get()
    assert (record.key, record.recipients) == (f"order_placed:{two_seller_order.pk}", BUYER_EMAIL)
    assert record.sent_at is not None


def test_a_failed_send_is_not_recorded_so_the_retry_sends(monkeypatch, mailoutbox, two_seller_order):
    from django.core.mail import EmailMessage

    def fail(self, *args, **kwargs):
        raise OSError("SMTP server unreachable")

    with monkeypatch.context() as patched:
        patched.setattr(EmailMessage, "send", fail)
        with pytest.raises(OSError):
            send_order_email.run("order_paid", two_seller_order.pk)
    assert not OrderEmail.objects.filter(sent_at__isnull=False).exists()
    assert send_order_email("order_paid", two_seller_order.pk) is True
    assert len(mailoutbox) == 1


@pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="no broker: tasks are eager")
# Committed for real so that the worker (reading the same test database) sees the rows; the order
# touches most apps, so the database is flushed and restored afterwards as in the browser tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_a_broker_the_worker_sends_the_buyer_email(two_seller_order):
    from marketplace import celery_app

    was_eager = celery_app.conf.task_always_eager

    celery_app.conf.task_always_eager = False
    try:
        send_order_email.delay("order_placed", two_seller_order.pk)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if OrderEmail.objects.filter(key=f"order_placed:{two_seller_order.pk}", sent_at__isnull=False).exists():
                break
            time.sleep(0.25)
        assert OrderEmail.objects.filter(
            key=f"order_placed:{two_seller_order.pk}", recipients=BUYER_EMAIL, sent_at__isnull=False
        ).exists(), f"the worker did not send the e-mail within 30 s (database {connection.settings_dict['NAME']})"
    finally:
        celery_app.conf.task_always_eager = was_eager


def test_a_worker_quicker_than_the_split_into_parts_waits_for_them(monkeypatch, mailoutbox, two_seller_order):
    from celery.exceptions import Retry

    two_seller_order.parts.all().delete()  # as when Oscar's signal arrives before split_into_parts
    asked = []
    monkeypatch.setattr(send_order_email, "retry", lambda **options: asked.append(options) or Retry())
    send_order_email.push_request(is_eager=False, retries=0)
    try:
        with pytest.raises(Retry):
            send_order_email.run("order_placed", two_seller_order.pk)
    finally:
        send_order_email.pop_request()
    assert asked == [{"countdown": 3}] and mailoutbox == []

    send_order_email.push_request(is_eager=False, retries=3)
    try:
        assert send_order_email.run("order_placed", two_seller_order.pk) is True  # then sends without them
    finally:
        send_order_email.pop_request()
    assert "Tổng cộng: 491.530\xa0₫" in mailoutbox[0].body
