"""StockRecord.only_count_moved, as the receivers of a stock record's post_save see it: what lets an
order change only its product's page (marketplace/caching.py) and no search document
(catalog/search/signals.py)."""

import pytest
from django.db.models.signals import post_save

from sellers.models import StockRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(make_seller, make_product):
    product = make_product(make_seller(), stock=10)
    return StockRecord.objects.get(product=product)


def seen(change, record, question="only_count_moved"):
    """What only_count_moved() (or `question`) answered to a post_save receiver during `change`."""
    answers = []

    def receiver(sender, instance, **kwargs):
        answers.append(getattr(instance, question)())

    post_save.connect(receiver, sender=StockRecord)
    try:
        change(record)
    finally:
        post_save.disconnect(receiver, sender=StockRecord)
    assert len(answers) == 1
    return answers[0]


def saved_with(**values):
    def change(record):
        for name, value in values.items():
            setattr(record, name, value)
        record.save()
    return change


def test_a_count_that_leaves_stock_is_only_a_count(record):
    assert seen(saved_with(num_in_stock=4), record)
    assert seen(lambda r: r.allocate(3), record)
    assert seen(lambda r: r.cancel_allocation(1), record)


@pytest.mark.parametrize("change", [
    lambda r: r.allocate(10),
    saved_with(num_in_stock=0),
    saved_with(price=175000),
    saved_with(partner_sku="TC-2"),
], ids=["sold-out-by-an-order", "sold-out-by-the-seller", "new-price", "new-sku"])
def test_what_cards_facets_or_documents_show_is_more_than_a_count(record, change):
    assert not seen(change, record)


def test_each_write_is_compared_with_the_one_before(record):
    assert seen(lambda r: r.allocate(5), record)
    assert not seen(lambda r: r.allocate(5), record)  # from 5 left to none
    assert not seen(lambda r: r.cancel_allocation(2), record)  # back in stock
    assert seen(saved_with(num_in_stock=12), record)


def test_a_new_record_or_one_not_fully_read_is_more_than_a_count(record):
    new = StockRecord(product=record.product, partner=record.partner, partner_sku="TC-3", num_in_stock=3)
    assert not seen(lambda r: r.save(), new)
    partial = StockRecord.objects.only("pk", "num_in_stock").get(pk=record.pk)
    assert not seen(lambda r: (setattr(r, "num_in_stock", 4), r.save(update_fields=["num_in_stock"])), partial)


def test_the_count_shown_moves_only_when_few_are_left(record):
    def shown(change):
        return seen(change, record, "shown_count_moved")

    assert not shown(lambda r: r.allocate(4))  # 10 to 6 left: "Còn hàng" both
    assert shown(lambda r: r.allocate(1))  # 5 left: "Chỉ còn 5"
    assert shown(lambda r: r.allocate(2))  # "Chỉ còn 3"
    assert shown(lambda r: r.cancel_allocation(7))  # back to plenty
    assert not shown(saved_with(num_in_stock=40))
