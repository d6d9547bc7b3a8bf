"""Payouts due, exported and recorded by province staff in Wagtail's admin; refunds owed marked paid;
a seller's own revenue page. Figures as in tests/test_ledger.py: tea 315.000 ₫ due, noodles 154.703 ₫."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from wagtail.models import ModelLogEntry

from marketplace.order.fulfilment import cancel_part
from marketplace.payouts import ledger
from marketplace.payouts.models import Payout, Refund
from sellers.models import SellerBankAccount

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

INDEX = "/cms-admin/seller-payouts/"
CSV_URL = "/cms-admin/seller-payouts/payouts-due.csv"
REFUNDS = "/cms-admin/seller-payouts/refunds/"
REVENUE = "/dashboard/doanh-thu/"


@pytest.fixture
def paid(two_seller_order, pay_by_transfer, sellers):
    SellerBankAccount.objects.create(
        seller=sellers["tea"], bank_bin="970405", account_number="8800205012345",
        account_name="HOP TAC XA CHE TAN CUONG XANH",
    )
    return pay_by_transfer(two_seller_order)


@pytest.fixture
def staff_client(client, province_staff):
    client.force_login(province_staff)
    return client


@pytest.fixture
def admin_only_client(client, django_user_model):
    """Someone who may enter Wagtail's admin but was given nothing about money."""
    user = django_user_model.objects.create_user("bientap@example.vn", "mat-khau")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return client


def test_staff_see_what_each_seller_is_due(staff_client, paid):
    page = staff_client.get(INDEX)
    assert page.status_code == 200
    assert list(page.context["rows"]) == [(paid.parts.get(seller__name__startswith="HTX").seller, 315000),
                                          (paid.parts.get(seller__name__startswith="Hộ").seller, 154703)]
    html = page.content.decode()
    assert "Sàn đang nợ người bán: 469.703\xa0₫" in html
    assert "8800205012345" in html and "Chưa có tài khoản nhận tiền" in html


def test_the_csv_lists_payouts_due_for_the_bank(staff_client, paid, sellers):
    sellers["noodles"].name = "=HYPERLINK(\"http://evil.example\")"
    sellers["noodles"].save()
    response = staff_client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="chi-tra-nguoi-ban-')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows == [
        ["Mã người bán", "Người bán", "Mã số thuế", "Mã ngân hàng (BIN)", "Ngân hàng", "Số tài khoản",
         "Chủ tài khoản", "Số tiền (đồng)"],
        [str(sellers["tea"].pk), "HTX Chè Tân Cương Xanh", "", "970405",
         "Agribank (Ngân hàng Nông nghiệp và Phát triển Nông thôn)", "8800205012345",
         "HOP TAC XA CHE TAN CUONG XANH", "315000"],
        [str(sellers["noodles"].pk), "'=HYPERLINK(\"http://evil.example\")", "", "", "", "", "", "154703"],
    ]


def test_recording_a_payout_lowers_what_is_due(staff_client, paid, sellers, province_staff):
    url = f"{INDEX}record/{sellers['tea'].pk}/"
    form = staff_client.get(url)
    assert form.status_code == 200 and form.context["form"].initial == {"amount": "315000"}

    response = staff_client.post(url, {"amount": "300.000", "bank_reference": "FT26327000123", "note": "Kỳ 11/2026"})
    assert response.status_code == 302 and response.url == INDEX
    payout = Payout.objects.get()
    assert (payout.seller, payout.amount, payout.bank_reference, payout.recorded_by) == (
        sellers["tea"], 300000, "FT26327000123", province_staff)
    assert ledger.balance(sellers["tea"]) == 15000
    entry = ModelLogEntry.objects.for_instance(payout).get()
    assert (entry.action, entry.user, entry.data) == (
        "marketplace.payout.record", province_staff,
        {"reason": "FT26327000123", "amount": 300000, "seller_id": sellers["tea"].pk},
    )


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"amount": "315.001", "bank_reference": "FT1"}, "amount",
     "Số tiền chi trả (315.001\xa0₫) vượt quá số sàn đang nợ người bán (315.000\xa0₫)."),
    ({"amount": "ba trăm nghìn", "bank_reference": "FT1"}, "amount", "Nhập số tiền bằng đồng, ví dụ 30.000 hoặc 30k."),
    ({"amount": "0", "bank_reference": "FT1"}, "amount", "Số tiền chi trả phải lớn hơn 0 ₫."),
    ({"amount": "", "bank_reference": "FT1"}, "amount", "Hãy nhập số tiền đã chuyển."),
    ({"amount": "1000", "bank_reference": ""}, "bank_reference",
     "Hãy ghi mã giao dịch ngân hàng của lần chuyển tiền này."),
])
def test_a_bad_payout_is_refused_with_a_reason_and_saves_nothing(staff_client, paid, sellers, data, field, message):
    response = staff_client.post(f"{INDEX}record/{sellers['tea'].pk}/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Payout.objects.exists()
    assert ledger.balance(sellers["tea"]) == 315000


def test_a_payout_needs_the_csrf_token(province_staff, paid, sellers):
    client = Client(enforce_csrf_checks=True)
    client.force_login(province_staff)
    response = client.post(f"{INDEX}record/{sellers['tea'].pk}/", {"amount": "1000", "bank_reference": "FT1"})
    assert response.status_code == 403
    assert not Payout.objects.exists()


def test_an_unknown_seller_is_404(staff_client, paid):
    assert staff_client.get(f"{INDEX}record/999999/").status_code == 404


def test_staff_mark_a_bank_transfer_refund_paid(staff_client, paid, sellers, province_staff):
    cancel_part(paid.parts.get(seller=sellers["noodles"]), reason="Hết hàng")
    refund = Refund.objects.get()
    page = staff_client.get(REFUNDS)
    assert page.status_code == 200 and list(page.context["open_refunds"]) == [refund]

    refused = staff_client.post(f"{REFUNDS}{refund.pk}/paid/", {"bank_reference": " "})
    assert refused.context["form"].errors["bank_reference"] == [
        "Hãy ghi mã giao dịch ngân hàng của lần chuyển hoàn tiền."
    ]
    response = staff_client.post(f"{REFUNDS}{refund.pk}/paid/", {"bank_reference": "FT26327000999"})
    assert response.status_code == 302 and response.url == REFUNDS
    refund.refresh_from_db()
    assert (refund.status, refund.bank_reference, refund.paid_by) == ("paid", "FT26327000999", province_staff)
    again = staff_client.post(f"{REFUNDS}{refund.pk}/paid/", {"bank_reference": "FT26327000999"})
    assert again.context["form"].non_field_errors() == ["Khoản hoàn này đã được đánh dấu đã chuyển trước đó."]
    # Logged once, by the accepted request only: who, how much, which order, the bank's reference.
    entry = ModelLogEntry.objects.for_instance(refund).get()
    assert (entry.action, entry.user, entry.data) == (
        "marketplace.refund.mark_paid", province_staff,
        {"reason": "FT26327000999", "amount": refund.amount, "order": paid.number},
    )
    assert entry.message == "Đã chuyển hoàn tiền cho người mua, mã giao dịch: FT26327000999"
    history = staff_client.get("/cms-admin/reports/site-history/", {"action": "marketplace.refund.mark_paid"})
    assert [log.pk for log in history.context["object_list"]] == [entry.pk]


@pytest.mark.parametrize("url", [INDEX, CSV_URL, f"{INDEX}record/1/", REFUNDS, f"{REFUNDS}1/paid/"])
def test_admin_users_without_the_money_permissions_are_refused(admin_only_client, paid, url):
    # Wagtail answers a refusal by sending the user back to the admin's home with a message.
    posted = admin_only_client.post(url, {"amount": "1000", "bank_reference": "FT1"})
    for response in (admin_only_client.get(url), posted):
        assert (response.status_code, response.url) == (302, "/cms-admin/")
    assert not Payout.objects.exists()


@pytest.mark.parametrize("url", [INDEX, CSV_URL, REFUNDS])
def test_sellers_and_visitors_cannot_reach_the_staff_pages(client, paid, sellers, url):
    assert client.get(url).status_code == 302  # to the admin's login
    client.force_login(sellers["tea"].users.get())
    response = client.get(url)
    assert response.status_code in (302, 403) and "315" not in response.content.decode()


def test_a_seller_sees_its_own_revenue(client, paid, sellers, admin_user):
    ledger.record_payout(sellers["tea"], 100000, "FT26327000124", admin_user)
    client.force_login(sellers["tea"].users.get())
    page = client.get(REVENUE)
    assert page.status_code == 200
    total = page.context["statement"].total
    figures = (total.sales, total.commission, total.refunds, total.paid_out, total.due)
    assert figures == (330000, 15000, 0, 100000, 215000)
    html = page.content.decode()
    assert "215.000\xa0₫" in html and "Hoa hồng sàn (5% tiền hàng)" in html
    assert "161.530" not in html  # nothing of the other seller


def test_the_revenue_page_is_for_sellers_only(client, paid, django_user_model):
    assert client.get(REVENUE).status_code == 302
    client.force_login(django_user_model.objects.create_user("nguoimua2@example.vn", "mat-khau"))
    assert client.get(REVENUE).status_code == 403


def test_the_dashboard_menu_shows_revenue_to_sellers_only(paid, sellers, admin_user):
    from oscar.apps.dashboard.menu import get_nodes

    def labels(user):
        return [str(node.label) for top in get_nodes(user) for node in (top, *top.children)]

    assert "Doanh thu" in labels(sellers["tea"].users.get())
    assert "Doanh thu" not in labels(admin_user)
