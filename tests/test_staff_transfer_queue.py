"""Province staff settle bank transfers that matched no order, with a note, in Wagtail's admin."""

import pytest
from wagtail.models import ModelLogEntry

from marketplace.decisions import NotDecidable
from marketplace.payments import transfer_settlement
from marketplace.payments.models import BankTransfer

INDEX = "/cms-admin/unmatched-transfers/"


def transfer(provider_id, outcome, amount=150000):
    return BankTransfer.objects.create(
        provider_id=provider_id, gateway="Vietcombank", amount=amount, content="CK tien che", outcome=outcome,
        direction="out" if outcome == BankTransfer.Outcome.OUTGOING else "in", raw={"id": provider_id},
    )


@pytest.fixture
def transfers(db):
    return {
        "no_reference": transfer("101", BankTransfer.Outcome.NO_REFERENCE),
        "overpaid": transfer("102", BankTransfer.Outcome.OVERPAID, amount=200000),
        "matched": transfer("103", BankTransfer.Outcome.MATCHED),
        "outgoing": transfer("104", BankTransfer.Outcome.OUTGOING),
    }


def test_the_queue_lists_only_transfers_that_matched_no_order(client, province_staff, transfers):
    client.force_login(province_staff)
    listing = client.get(INDEX)
    assert listing.status_code == 200
    assert {t.provider_id for t in listing.context["object_list"]} == {"101", "102"}
    inspect = client.get(f"{INDEX}inspect/{transfers['overpaid'].pk}/").content.decode()
    assert f"{INDEX}settle/{transfers['overpaid'].pk}/" in inspect


def test_settling_needs_a_note_and_is_logged(staff_post, province_staff, transfers):
    unmatched = transfers["no_reference"]

    refused = staff_post(f"{INDEX}settle/{unmatched.pk}/", {"reason": "   "})
    assert refused.status_code == 200
    assert refused.context["form"].errors["reason"] == [
        "Hãy ghi đã xử lý thế nào (ví dụ: đã hoàn tiền cho người chuyển ngày …)."]
    unmatched.refresh_from_db()
    assert unmatched.needs_staff

    done = staff_post(f"{INDEX}settle/{unmatched.pk}/", {"reason": "Đã hoàn tiền cho người chuyển ngày 20/11."})

    assert done["Location"] == f"{INDEX}inspect/{unmatched.pk}/"
    unmatched.refresh_from_db()
    assert (unmatched.resolved, unmatched.settled_by, unmatched.settlement_note) == (
        True, province_staff, "Đã hoàn tiền cho người chuyển ngày 20/11.")
    assert not unmatched.needs_staff
    entry = ModelLogEntry.objects.for_instance(unmatched).get()
    assert (entry.action, entry.user, entry.data) == (
        "marketplace.bank_transfer.settle", province_staff,
        {"reason": "Đã hoàn tiền cho người chuyển ngày 20/11.", "amount": 150000, "outcome": "no_reference"},
    )


def test_matched_outgoing_and_settled_transfers_cannot_be_settled(staff_post, transfers, province_staff):
    transfer_settlement.settle(transfers["overpaid"].pk, province_staff, "Đã hoàn 50.000 ₫")
    for key in ("matched", "outgoing", "overpaid"):
        response = staff_post(f"{INDEX}settle/{transfers[key].pk}/", {"reason": "Thử lại"})
        assert response["Location"] == f"{INDEX}inspect/{transfers[key].pk}/", key
        with pytest.raises(NotDecidable):
            transfer_settlement.settle(transfers[key].pk, province_staff, "Thử lại")
    assert ModelLogEntry.objects.filter(action="marketplace.bank_transfer.settle").count() == 1


def test_sellers_cannot_reach_the_transfer_queue(client, seller_user, transfers):
    client.force_login(seller_user)
    for url in (INDEX, f"{INDEX}inspect/{transfers['overpaid'].pk}/", f"{INDEX}settle/{transfers['overpaid'].pk}/"):
        assert client.get(url)["Location"].startswith("/cms-admin/login/"), url
    client.post(f"{INDEX}settle/{transfers['overpaid'].pk}/", {"reason": "x"})
    transfers["overpaid"].refresh_from_db()
    assert transfers["overpaid"].needs_staff
