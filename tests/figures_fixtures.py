"""A small marketplace with hand-computed figures (see the numbers in tests/test_figures.py).

Sellers A (HTX, Tân Cương), B (HKD, Đại Từ), D (HKD, Gia Sàng) are active; C (DN, Gia Sàng) is not.
Products online: P1 4★ (and a 3★), P2 none (5★ expired, 3★ pending), P3 3★, P4 4★ (a parent sold
through its variant), P5 none (5★ revoked); P6 is 5★ but not public. Orders in August to November
2026, October being the period most tests look at.
"""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.models import OcopCertificate, Product, ProductClass
from sellers.models import Partner, StockRecord

Order = get_model("order", "Order")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))


def local(*args):
    return timezone.make_aware(datetime(*args), timezone.get_current_timezone())


@pytest.fixture
def figures_market(make_seller, make_product, certify, place_order):
    seller_a = make_seller("HTX Chè Tân Cương Xanh", Partner.Kind.COOPERATIVE, "Xã Tân Cương")
    seller_b = make_seller("Hộ Mật ong Đại Từ", Partner.Kind.HOUSEHOLD, "Xã Đại Từ")
    seller_c = make_seller("Công ty Gia Sàng", Partner.Kind.SME, "Phường Gia Sàng")
    seller_c.is_active = False
    seller_c.save()
    seller_d = make_seller("Hộ Trà Gia Sàng", Partner.Kind.HOUSEHOLD, "Phường Gia Sàng")
    food = ProductClass.objects.create(name="Thực phẩm", ocop_group=1)

    today = timezone.localdate()
    p1 = make_product(seller_a, "Chè búp Tân Cương", price="150000", stock=100)
    certify(p1, stars=4)
    certify(p1, stars=3)
    p2 = make_product(seller_a, "Chè xanh", origin=None, price="120000", stock=100)
    certify(p2, stars=5, decision_date=date(today.year - 4, 1, 1))
    certify(p2, stars=3, status=OcopCertificate.Status.PENDING)
    p3 = make_product(seller_b, "Mật ong rừng", origin="Xã Đại Từ", price="200000", stock=100)
    p3.product_class = food
    p3.save()
    certify(p3, stars=3)
    p4 = make_product(seller_d, "Trà túi lọc", price="1", stock=0)
    p4.stockrecords.all().delete()
    p4.structure = Product.PARENT
    p4.save()
    certify(p4, stars=4)
    p4_box = Product.objects.create(parent=p4, structure=Product.CHILD, title="Hộp 50 gói")
    StockRecord.objects.create(product=p4_box, partner=seller_d, partner_sku="P4-50", price=Decimal(50000),
                               price_currency="VND", num_in_stock=100)
    p5 = make_product(seller_d, "Trà sen", origin=None, price="80000", stock=100)
    certify(p5, stars=5, status=OcopCertificate.Status.REVOKED)
    p6 = make_product(seller_a, "Chè thử nghiệm", price="90000")
    p6.is_public = False
    p6.save()
    certify(p6, stars=5)

    vietqr = SourceType.objects.create(name="VietQR", code="vietqr")
    card = SourceType.objects.create(name="Thẻ", code="card")

    def order(when, items, *, paid=True, method=None):
        placed = place_order(*items)
        # Test data: the order is dated and paid directly, not through checkout and mark_paid, so that
        # what follows a payment (e-mails, ledger) plays no part in these figures.
        Order.objects.filter(pk=placed.pk).update(
            date_placed=when,
            payment_state=Order.PaymentState.PAID if paid else Order.PaymentState.PENDING,
            paid_at=when if paid else None,
        )
        if method:
            Source.objects.create(order=placed, source_type=method, amount_allocated=placed.total_incl_tax,
                                  amount_debited=placed.total_incl_tax)
        return placed

    orders = {
        "O1": order(local(2026, 10, 5, 9), [(p1, 2), (p3, 1)], method=vietqr),
        "O2": order(local(2026, 10, 20, 15), [(p4_box, 3)], method=card),
        "O3": order(local(2026, 10, 25, 8), [(p2, 1), (p5, 1)]),
        "O4": order(local(2026, 10, 28, 8), [(p3, 5)], paid=False),
        "O5": order(local(2026, 9, 15, 12), [(p1, 1), (p3, 2)], method=vietqr),
        "O6": order(local(2026, 10, 31, 23, 30), [(p1, 1)], method=vietqr),
        "O7": order(local(2026, 11, 1, 0, 10), [(p3, 1)], method=card),
        "O8": order(local(2026, 8, 31, 0, 5), [(p2, 1)], method=card),
        "O9": order(local(2026, 8, 30, 23, 50), [(p4_box, 10)]),
    }
    return {
        "sellers": (seller_a, seller_b, seller_c, seller_d),
        "products": {"P1": p1, "P2": p2, "P3": p3, "P4": p4, "P4 box": p4_box, "P5": p5, "P6": p6},
        "orders": orders, "vietqr": vietqr, "card": card, "order": order,
    }
