"""Bank-transfer notifications (SePay format) settle orders to the đồng, and lose nothing."""

import json

import pytest
from django.db.models import Sum

from marketplace.payments.bank_transfers import find_order_number, order_reference
from marketplace.payments.models import BankTransfer

pytestmark = pytest.mark.django_db
URL = "/payments/bank-transfer/webhook/"
KEY = "test-sepay-key-1234567890"


@pytest.fixture(autouse=True)
def api_key(settings):
    settings.BANK_TRANSFER_WEBHOOK_API_KEY = KEY


@pytest.fixture
def order(make_seller, make_product, place_order):
    first, second = make_seller(), make_seller(name="Hộ Miến Dong", kind="hkd", commune="Xã Đại Từ")
    return place_order(
        (make_product(first, price="150000"), 2),
        (make_product(second, title="Miến dong", origin="Xã Đại Từ", price="85000"), 1),
    )


def notify(client, *, id=92704, amount, content, transfer_type="in", key=KEY, **extra):
    body = {
        "id": id, "gateway": "Vietcombank", "transactionDate": "2026-11-23 14:02:37",
        "accountNumber": "0011001234567", "code": None, "content": content, "transferType": transfer_type,
        "transferAmount": amount, "accumulated": 19077000, "subAccount": None,
        "referenceCode": "MBVCB.3278907687", "description": "", **extra,
    }
    return client.post(URL, json.dumps(body), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Apikey {key}")


def test_an_order_is_split_into_one_part_per_seller(order):
    assert order.total_incl_tax == 385000
    assert sorted(part.seller.name for part in order.parts.all()) == ["HTX Chè Tân Cương Xanh", "Hộ Miến Dong"]
    assert all(part.status == "new" for part in order.parts.all())
    assert order.payment_state == "pending"


def test_a_matching_transfer_marks_the_order_paid(client, order):
    response = notify(client, amount=385000, content=f"NGUYEN VAN A chuyen tien {order_reference(order)}")
    assert response.status_code == 200
    assert response.json() == {"success": True}
    order.refresh_from_db()
    assert order.payment_state == "paid" and order.paid_at is not None
    transfer = BankTransfer.objects.get()
    assert (transfer.outcome, transfer.order, transfer.amount) == ("matched", order, 385000)


@pytest.mark.parametrize("content", ["ocop{n} thanh toan", "OCOP-{n}", "MBVCB.123.OCOP {n}.CT tu 0123"])
def test_the_reference_is_found_however_the_bank_mangles_it(content):
    assert find_order_number(content.format(n="100023")) == "100023"


def test_a_repeated_notification_changes_nothing(client, order):
    content = order_reference(order)
    assert notify(client, amount=385000, content=content).json() == {"success": True}
    assert notify(client, amount=385000, content=content).json() == {"success": True}
    assert BankTransfer.objects.count() == 1
    assert BankTransfer.objects.aggregate(total=Sum("amount"))["total"] == 385000


@pytest.mark.parametrize(("amount", "outcome"), [(385000 - 1, "underpaid"), (385000 + 1000, "overpaid")])
def test_a_wrong_amount_is_recorded_for_staff_and_does_not_pay(client, order, amount, outcome):
    assert notify(client, amount=amount, content=order_reference(order)).status_code == 200
    order.refresh_from_db()
    assert order.payment_state == "pending"
    transfer = BankTransfer.objects.get()
    assert (transfer.outcome, transfer.order, transfer.needs_staff) == (outcome, order, True)


def test_transfers_for_unknown_or_settled_orders_are_kept(client, order):
    notify(client, id=1, amount=385000, content="chuyen tien khong ghi ma")
    notify(client, id=2, amount=385000, content="OCOP999999")
    notify(client, id=3, amount=385000, content=order_reference(order))
    notify(client, id=4, amount=385000, content=order_reference(order))  # paid twice
    notify(client, id=5, amount=50000, content="rut tien", transfer_type="out")
    outcomes = dict(BankTransfer.objects.values_list("provider_id", "outcome"))
    assert outcomes == {"1": "no_reference", "2": "unknown_order", "3": "matched", "4": "not_payable",
                        "5": "outgoing"}


@pytest.mark.parametrize("key", ["wrong-key", ""])
def test_a_wrong_api_key_is_refused_and_nothing_changes(client, order, key):
    response = notify(client, amount=385000, content=order_reference(order), key=key)
    assert response.status_code == 401
    assert response.json() == {"success": False, "message": "Khóa API không đúng."}
    assert not BankTransfer.objects.exists()
    order.refresh_from_db()
    assert order.payment_state == "pending"


def test_without_a_configured_key_every_notification_is_refused(client, settings, order):
    settings.BANK_TRANSFER_WEBHOOK_API_KEY = ""
    assert notify(client, amount=385000, content=order_reference(order), key="").status_code == 401


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "Dữ liệu không phải JSON hợp lệ."),
        ("[1, 2]", "Dữ liệu phải là một đối tượng JSON."),
        ('{"id": 1, "transferType": "in"}', "Thiếu trường: transferAmount."),
        ('{"id": 1, "transferType": "sideways", "transferAmount": 10}', "transferType phải là 'in' hoặc 'out'."),
        ('{"id": 1, "transferType": "in", "transferAmount": 10.5}', "transferAmount phải là số nguyên đồng."),
        ('{"id": 1, "transferType": "in", "transferAmount": -10}', "transferAmount phải là số nguyên đồng dương."),
        ('{"id": 1, "transferType": "in", "transferAmount": 10, "transactionDate": "hôm qua"}',
         "transactionDate phải có dạng YYYY-MM-DD HH:MM:SS."),
    ],
)
def test_malformed_notifications_get_a_clear_400(client, body, message):
    response = client.post(URL, body, content_type="application/json", HTTP_AUTHORIZATION=f"Apikey {KEY}")
    assert response.status_code == 400
    assert response.json() == {"success": False, "message": message}
    assert not BankTransfer.objects.exists()


def test_only_post_is_accepted(client):
    assert client.get(URL).status_code == 405
