"""Refunds of cancelled parts of paid orders: by Stripe for cards (once, whatever retries), owed and
paid by staff for bank transfers; the order becomes "refunded" when nothing of it remains."""

import pytest
from django.core.exceptions import ValidationError
from oscar.core.loading import get_model

from marketplace.order.fulfilment import cancel_part
from marketplace.payouts import refunds
from marketplace.payouts.models import Refund

Order = get_model("order", "Order")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def _refund_requests(double):
    return [(form, headers) for method, path, form, headers in double.requests if path == "/v1/refunds"]


def test_a_cancelled_card_part_is_refunded_by_stripe_for_its_lines_and_shipping(
    django_capture_on_commit_callbacks, two_seller_order, pay_by_card, card_gateway, sellers
):
    pay_by_card(two_seller_order)
    part = two_seller_order.parts.get(seller=sellers["noodles"])
    with django_capture_on_commit_callbacks(execute=True):
        cancel_part(part, reason="Hết hàng")

    [(form, headers)] = _refund_requests(card_gateway)
    intent_id = two_seller_order.card_payments.get().payment_intent_id
    assert (form["payment_intent"], form["amount"]) == (intent_id, "161530")  # đồng, not ×100
    assert headers["Idempotency-Key"] == f"order-{two_seller_order.number}-part-{part.pk}-refund"
    refund = Refund.objects.get()
    assert (refund.method, refund.status, refund.amount, refund.attempts) == ("card", "succeeded", 161530, 1)
    assert refund.stripe_refund_id.startswith("re_double_")
    two_seller_order.refresh_from_db()
    assert two_seller_order.payment_state == Order.PaymentState.PAID  # the tea part is still on its way


def test_a_refund_sent_again_refunds_once(two_seller_order, pay_by_card, card_gateway, sellers):
    pay_by_card(two_seller_order)
    cancel_part(two_seller_order.parts.get(seller=sellers["tea"]), reason="Hết hàng")  # no commit: no task
    refund = Refund.objects.get()

    assert refunds.send_card_refund(refund.pk) == Refund.Status.SUCCEEDED
    assert refunds.send_card_refund(refund.pk) == Refund.Status.SUCCEEDED
    Refund.objects.filter(pk=refund.pk).update(status=Refund.Status.FAILED)  # as if our commit was lost
    assert refunds.send_card_refund(refund.pk) == Refund.Status.SUCCEEDED

    assert len(_refund_requests(card_gateway)) == 2  # the resend carried the same idempotency key
    assert len(card_gateway.refunds) == 1


def test_a_failed_refund_is_recorded_and_retried_by_the_sweep(two_seller_order, pay_by_card, card_gateway, sellers):
    pay_by_card(two_seller_order)
    cancel_part(two_seller_order.parts.get(seller=sellers["tea"]), reason="Hết hàng")
    refund = Refund.objects.get()
    card_gateway.refunds_to_fail = 3  # the first try and the library's two retries

    assert refunds.send_card_refund(refund.pk) == Refund.Status.FAILED
    refund.refresh_from_db()
    assert (refund.status, refund.attempts) == ("failed", 1)
    assert "unavailable" in refund.last_error

    assert refunds.retry_card_refunds() == 1
    refund.refresh_from_db()
    assert (refund.status, refund.attempts, refund.last_error) == ("succeeded", 2, "")
    assert refunds.retry_card_refunds() == 0


def test_every_part_cancelled_and_refunded_makes_the_order_refunded(
    django_capture_on_commit_callbacks, two_seller_order, pay_by_card, card_gateway, sellers
):
    pay_by_card(two_seller_order)
    with django_capture_on_commit_callbacks(execute=True):
        for part in two_seller_order.parts.all():
            cancel_part(part, reason="Hợp tác xã tạm nghỉ")

    assert sorted(refund["amount"] for refund in card_gateway.refunds.values()) == [161530, 330000]
    two_seller_order.refresh_from_db()
    assert two_seller_order.payment_state == Order.PaymentState.REFUNDED


def test_a_bank_transfer_refund_is_owed_until_staff_pay_it(two_seller_order, pay_by_transfer, sellers, admin_user):
    pay_by_transfer(two_seller_order)
    cancel_part(two_seller_order.parts.get(seller=sellers["tea"]), reason="Hết hàng")
    cancel_part(two_seller_order.parts.get(seller=sellers["noodles"]), reason="Hết hàng")
    tea_refund, noodle_refund = (Refund.objects.get(part__seller=sellers[key]) for key in ("tea", "noodles"))
    assert (tea_refund.method, tea_refund.status, tea_refund.amount) == ("bank", "owed", 330000)

    with pytest.raises(ValidationError) as missing:
        refunds.mark_bank_refund_paid(tea_refund.pk, admin_user, "  ")
    assert missing.value.message_dict == {
        "bank_reference": ["Hãy ghi mã giao dịch ngân hàng của lần chuyển hoàn tiền."]
    }
    refunds.mark_bank_refund_paid(tea_refund.pk, admin_user, "FT2611230001")
    two_seller_order.refresh_from_db()
    assert two_seller_order.payment_state == Order.PaymentState.PAID  # the noodles are still owed
    with pytest.raises(ValidationError, match="đã được đánh dấu đã chuyển"):
        refunds.mark_bank_refund_paid(tea_refund.pk, admin_user, "FT2611230001")

    refunds.mark_bank_refund_paid(noodle_refund.pk, admin_user, "FT2611230002")
    tea_refund.refresh_from_db()
    two_seller_order.refresh_from_db()
    assert (tea_refund.status, tea_refund.bank_reference, tea_refund.paid_by) == ("paid", "FT2611230001", admin_user)
    assert two_seller_order.payment_state == Order.PaymentState.REFUNDED


def test_a_card_refund_cannot_be_marked_paid_by_hand(two_seller_order, pay_by_card, sellers, admin_user):
    pay_by_card(two_seller_order)
    cancel_part(two_seller_order.parts.get(seller=sellers["tea"]), reason="Hết hàng")
    with pytest.raises(ValidationError, match="hoàn về thẻ tự động"):
        refunds.mark_bank_refund_paid(Refund.objects.get().pk, admin_user, "FT1")


def test_an_unpaid_cancelled_part_owes_nothing(two_seller_order, sellers):
    cancel_part(two_seller_order.parts.get(seller=sellers["tea"]), reason="Hết hàng")
    assert not Refund.objects.exists()


def test_a_part_cancelled_before_the_money_arrived_is_refunded_when_it_does(
    two_seller_order, pay_by_transfer, sellers
):
    cancel_part(two_seller_order.parts.get(seller=sellers["tea"]), reason="Hết hàng")
    pay_by_transfer(two_seller_order)
    refund = Refund.objects.get()
    assert (refund.part.seller, refund.amount, refund.status) == (sellers["tea"], 330000, "owed")


def test_a_refund_whose_task_was_lost_is_sent_by_the_sweep(two_seller_order, pay_by_card, card_gateway, sellers):
    from datetime import timedelta

    from django.utils import timezone

    pay_by_card(two_seller_order)
    cancel_part(two_seller_order.parts.get(seller=sellers["tea"]), reason="Hết hàng")  # its task never ran
    refund = Refund.objects.get()
    assert refunds.retry_card_refunds() == 0  # too recent: its task may still be on the way

    later = timezone.now() + refunds.STALE_PENDING + timedelta(seconds=1)
    assert refunds.retry_card_refunds(now=later) == 1
    refund.refresh_from_db()
    assert (refund.status, refund.amount) == ("succeeded", 330000)
    assert [r["amount"] for r in card_gateway.refunds.values()] == [330000]
