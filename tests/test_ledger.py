"""Each seller's ledger against figures computed by hand (see tests/order_fixtures.py for the order).

Default commission 5 % of goods, shipping not commissioned:
- tea: sale 330.000; commission 5 % × 300.000 = 15.000; due 315.000
- noodles: sale 161.530; commission 5 % × 136.530 = 6.826,5 → 6.827 (half rounds up); due 154.703
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from marketplace.order.fulfilment import cancel_part
from marketplace.payouts import ledger
from marketplace.payouts.models import CommissionRate, LedgerEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def _entries(seller):
    return [(entry.kind, entry.amount) for entry in LedgerEntry.objects.filter(seller=seller).order_by("pk")]


@pytest.mark.parametrize(("goods", "percent", "expected"), [
    (300000, "5", 15000),
    (136530, "5", 6827),     # 6.826,5: a half rounds up
    (136530, "4.2", 5734),   # 5.734,26 rounds down
    (136530, "2.25", 3072),  # 3.071,925 rounds up
    (9, "5", 0),             # 0,45
    (10, "5", 1),            # 0,5
    (150000, "0", 0),
])
def test_commission_is_whole_dong_rounded_half_up(goods, percent, expected):
    assert ledger.commission(goods, Decimal(percent)) == expected


def test_paying_books_each_sellers_sale_and_commission(two_seller_order, pay_by_transfer, sellers):
    pay_by_transfer(two_seller_order)
    assert _entries(sellers["tea"]) == [("sale", 330000), ("commission", -15000)]
    assert _entries(sellers["noodles"]) == [("sale", 161530), ("commission", -6827)]
    assert (ledger.balance(sellers["tea"]), ledger.balance(sellers["noodles"])) == (315000, 154703)
    tea_part = two_seller_order.parts.get(seller=sellers["tea"])
    assert set(LedgerEntry.objects.filter(seller=sellers["tea"]).values_list("part", flat=True)) == {tea_part.pk}
    assert LedgerEntry.objects.get(kind="commission", seller=sellers["tea"]).commission_percent == Decimal("5.00")


def test_the_commission_setting_and_a_sellers_own_rate(two_seller_order, pay_by_transfer, sellers, settings):
    settings.MARKETPLACE_COMMISSION_PERCENT = "4.2"
    CommissionRate.objects.create(seller=sellers["tea"], percent=Decimal("3.5"))
    pay_by_transfer(two_seller_order)
    assert _entries(sellers["tea"]) == [("sale", 330000), ("commission", -10500)]  # 3,5 % × 300.000
    assert _entries(sellers["noodles"]) == [("sale", 161530), ("commission", -5734)]  # 4,2 % × 136.530


def test_booking_twice_counts_once(two_seller_order, pay_by_transfer, sellers):
    pay_by_transfer(two_seller_order)
    part = two_seller_order.parts.get(seller=sellers["tea"])
    assert ledger.record_sale(part) is False
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(seller=sellers["tea"], part=part, kind="sale", amount=1)
    assert ledger.balance(sellers["tea"]) == 315000


def test_a_refund_reverses_the_sale_and_gives_the_commission_back(two_seller_order, pay_by_transfer, sellers):
    pay_by_transfer(two_seller_order)
    cancel_part(two_seller_order.parts.get(seller=sellers["noodles"]), reason="Hết hàng")
    assert _entries(sellers["noodles"]) == [
        ("sale", 161530), ("commission", -6827), ("refund", -161530), ("commission_reversal", 6827),
    ]
    assert ledger.balance(sellers["noodles"]) == 0
    assert ledger.balance(sellers["tea"]) == 315000


def test_an_unpaid_order_books_nothing(two_seller_order, sellers):
    cancel_part(two_seller_order.parts.get(seller=sellers["tea"]), reason="Hết hàng")
    assert not LedgerEntry.objects.exists()


def test_a_payout_lowers_what_is_due_and_never_exceeds_it(two_seller_order, pay_by_transfer, sellers, admin_user):
    pay_by_transfer(two_seller_order)
    tea = sellers["tea"]

    with pytest.raises(ValidationError) as too_much:
        ledger.record_payout(tea, 315001, "FT001", admin_user)
    assert too_much.value.message_dict == {
        "amount": ["Số tiền chi trả (315.001\xa0₫) vượt quá số sàn đang nợ người bán (315.000\xa0₫)."]
    }
    with pytest.raises(ValidationError) as nothing:
        ledger.record_payout(tea, 0, " ", admin_user)
    assert nothing.value.message_dict == {
        "amount": ["Số tiền chi trả phải lớn hơn 0 ₫."],
        "bank_reference": ["Hãy ghi mã giao dịch ngân hàng của lần chuyển tiền này."],
    }
    with pytest.raises(ValidationError) as not_money:
        ledger.record_payout(tea, "mười nghìn", "FT001", admin_user)
    assert not_money.value.message_dict == {"amount": ["Số tiền phải là số nguyên đồng."]}

    payout = ledger.record_payout(tea, 200000, " FT001 ", admin_user)
    assert (payout.amount, payout.bank_reference, payout.recorded_by) == (200000, "FT001", admin_user)
    assert ledger.balance(tea) == 115000
    ledger.record_payout(tea, 115000, "FT002", admin_user)
    assert ledger.balance(tea) == 0
    payout_entries = LedgerEntry.objects.filter(kind="payout")
    assert sorted(payout_entries.values_list("amount", flat=True)) == [-200000, -115000]
    assert not payout_entries.filter(part__isnull=False).exists()


def test_the_statement_sums_by_month(two_seller_order, pay_by_transfer, sellers, admin_user):
    pay_by_transfer(two_seller_order)
    noodles = sellers["noodles"]
    cancel_part(two_seller_order.parts.get(seller=noodles), reason="Hết hàng")
    statement = ledger.statement(noodles)
    assert len(statement.months) == 1
    totals = statement.months[0][1]
    assert (totals.sales, totals.commission, totals.refunds, totals.paid_out, totals.due) == (161530, 0, 161530, 0, 0)

    ledger.record_payout(sellers["tea"], 100000, "FT003", admin_user)
    tea_statement = ledger.statement(sellers["tea"]).total
    assert (tea_statement.sales, tea_statement.commission, tea_statement.refunds, tea_statement.paid_out,
            tea_statement.due) == (330000, 15000, 0, 100000, 215000)


def test_payouts_due_lists_sellers_owed_money_most_first(two_seller_order, pay_by_transfer, sellers, admin_user):
    pay_by_transfer(two_seller_order)
    assert ledger.payouts_due() == [(sellers["tea"], 315000), (sellers["noodles"], 154703)]
    ledger.record_payout(sellers["tea"], 315000, "FT004", admin_user)
    assert ledger.payouts_due() == [(sellers["noodles"], 154703)]
