"""A buyer owed a bank-transfer refund gives the account on the order's signed page; staff see it with
a VietQR code of the exact amount to scan, and the account can be corrected until staff pay."""

import pytest
from django.test import Client
from oscar.core.loading import get_model

from marketplace.order import emails
from marketplace.order.fulfilment import cancel_part
from marketplace.payments.vietqr import decode
from marketplace.payouts import refunds
from marketplace.payouts.models import Refund
from marketplace.payouts.refund_accounts import refund_vietqr
from tests.order_fixtures import BUYER_EMAIL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
Order = get_model("order", "Order")


@pytest.fixture
def owed(two_seller_order, pay_by_transfer, sellers):
    """The guest paid by bank transfer; the tea cooperative cancelled its part (330.000 ₫ owed)."""
    pay_by_transfer(two_seller_order)
    cancel_part(two_seller_order.parts.get(seller=sellers["tea"]), reason="Hết hàng")
    return Refund.objects.get()


def account_page(order):
    return f"/don-hang/{order.number}/tai-khoan-hoan-tien/"


def test_the_cancellation_email_links_to_the_signed_account_page(owed):
    message = emails.part_cancelled(owed.part)
    link = f"{account_page(owed.order)}?h={owed.order.verification_hash()}"
    assert emails.refund_account_url(owed.order).endswith(link)
    assert link in message.body
    assert "330.000" in message.body


def test_a_guest_gives_the_account_from_another_phone(owed):
    phone = Client()
    link = f"{account_page(owed.order)}?h={owed.order.verification_hash()}"
    page = phone.get(link)
    assert page.status_code == 200
    assert "Sàn sẽ chuyển khoản hoàn lại 330.000" in page.content.decode()

    response = phone.post(account_page(owed.order), {  # the link is remembered for the session
        "bank_bin": "970436", "bank_account_number": "0123 456.789", "bank_account_name": "Trần Thị Mai",
    })

    assert response.status_code == 302
    assert response.url == emails.status_path(owed.order)
    owed.refresh_from_db()
    assert (owed.buyer_bank_bin, owed.buyer_account_number, owed.buyer_account_name) == (
        "970436", "0123456789", "TRAN THI MAI")
    assert owed.buyer_account_given_at is not None
    again = phone.get(account_page(owed.order)).content.decode()
    assert "••••••6789" in again and "TRAN THI MAI" in again


ACCOUNT = {"bank_bin": "970436", "bank_account_number": "0123456789", "bank_account_name": "Tran Thi Mai"}


@pytest.mark.parametrize("data, field, message", [
    ({**ACCOUNT, "bank_bin": ""}, "bank_bin", "Hãy chọn ngân hàng."),
    ({**ACCOUNT, "bank_bin": "999999"}, "bank_bin", "Ngân hàng đã chọn không có trong danh sách."),
    ({**ACCOUNT, "bank_account_number": "01234abc"}, "bank_account_number",
     "Số tài khoản 01234abc không hợp lệ: chỉ gồm chữ số, từ 6 đến 19 số."),
    ({**ACCOUNT, "bank_account_name": "<b>Mai</b>"}, "bank_account_name",
     "Tên chủ tài khoản <b>Mai</b> chỉ được có chữ cái và dấu cách, đúng như in trên thẻ ngân hàng."),
])
def test_a_wrong_account_is_refused_with_what_to_fix_and_nothing_is_saved(owed, data, field, message):
    buyer = Client()
    buyer.get(f"{account_page(owed.order)}?h={owed.order.verification_hash()}")
    response = buyer.post(account_page(owed.order), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert data["bank_account_number"] in response.content.decode()  # what was typed stays in the form
    owed.refresh_from_db()
    assert owed.buyer_account_number == "" and owed.buyer_account_given_at is None


def test_without_the_signed_link_the_page_is_not_found(owed):
    stranger = Client()
    forged = Order(number="999999").verification_hash()
    assert stranger.get(account_page(owed.order), {"h": forged}).status_code == 404
    assert stranger.post(account_page(owed.order), {
        "bank_bin": "970436", "bank_account_number": "0123456789", "bank_account_name": "Ke Gian"}).status_code == 404
    owed.refresh_from_db()
    assert owed.buyer_account_number == ""


def test_staff_see_the_account_with_a_vietqr_of_the_exact_amount(owed, admin_client):
    Refund.objects.filter(pk=owed.pk).update(buyer_bank_bin="970436", buyer_account_number="0123456789",
                                             buyer_account_name="TRAN THI MAI")
    page = admin_client.get("/cms-admin/seller-payouts/refunds/")
    html = page.content.decode()
    assert "0123456789" in html and "TRAN THI MAI" in html
    [qr] = [refund for refund in page.context["open_refunds"] if refund.pk == owed.pk]
    code = decode(refund_vietqr(qr).payload())
    assert (code.bank_bin, code.account_number, code.amount) == ("970436", "0123456789", 330000)
    assert code.purpose == f"HOAN TIEN {owed.order.number}"
    assert "<svg" in html


def test_once_staff_paid_the_account_can_no_longer_change(owed, admin_user):
    refunds.mark_bank_refund_paid(owed.pk, admin_user, "FT2611230001")
    buyer = Client()
    buyer.get(f"{account_page(owed.order)}?h={owed.order.verification_hash()}")
    response = buyer.post(account_page(owed.order), {
        "bank_bin": "970436", "bank_account_number": "0123456789", "bank_account_name": "Tran Thi Mai"}, follow=True)
    assert "Đơn này không còn khoản hoàn tiền nào chờ chuyển khoản." in response.content.decode()
    owed.refresh_from_db()
    assert owed.buyer_account_number == "" and owed.status == "paid"


def test_the_order_page_asks_for_the_account_until_it_is_given(owed):
    guest = Client()
    status = emails.status_path(owed.order)
    guest.post(guest.get(status).url, {"email": BUYER_EMAIL})
    assert 'data-refund-account="missing"' in guest.get(status).content.decode()
    Refund.objects.filter(pk=owed.pk).update(buyer_bank_bin="970436", buyer_account_number="0123456789",
                                             buyer_account_name="TRAN THI MAI")
    assert 'data-refund-account="given"' in guest.get(status).content.decode()
