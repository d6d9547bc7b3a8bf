"""Builders for the catalogue's domain objects, used as pytest fixtures (see conftest.py)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog.models import OcopCertificate, Product, ProductClass
from geo_indications.models import Commune, GeographicIndication, GIRight, Province
from sellers.models import Partner, StockRecord


@pytest.fixture
def thai_nguyen(db):
    province = Province.objects.create(
        code=19, name="Tỉnh Thái Nguyên", division_type="tỉnh", codename="thai_nguyen"
    )
    communes = {
        name: Commune.objects.create(
            code=code, province=province, name=name, division_type=kind, codename=codename
        )
        for code, name, kind, codename in [
            (5500, "Xã Tân Cương", "xã", "xa_tan_cuong"),
            (5501, "Phường Gia Sàng", "phường", "phuong_gia_sang"),
            (5502, "Xã Đại Từ", "xã", "xa_dai_tu"),
        ]
    }
    return province, communes


@pytest.fixture
def tan_cuong_gi(thai_nguyen):
    _, communes = thai_nguyen
    gi = GeographicIndication.objects.create(
        slug="che-tan-cuong", name_vi="Tân Cương", name_en="Tan Cuong", certificate_number="00013",
        granted_on=date(2007, 1, 1), product_type="chè", managing_organisation="UBND tỉnh Thái Nguyên",
    )
    gi.protected_communes.set([communes["Xã Tân Cương"], communes["Phường Gia Sàng"]])
    return gi


@pytest.fixture
def make_seller(thai_nguyen):
    _, communes = thai_nguyen

    def make(name="HTX Chè Tân Cương Xanh", kind=Partner.Kind.COOPERATIVE, commune="Xã Tân Cương"):
        return Partner.objects.create(
            name=name, kind=kind, commune=communes[commune]
        )

    return make


@pytest.fixture
def grant_gi_right(admin_user):
    def grant(seller, gi, *, valid_from=None, valid_until=None, verified=True, revoked=False):
        return GIRight.objects.create(
            seller=seller, geographic_indication=gi, document_number=f"QĐ-{seller.pk}-{gi.pk}",
            valid_from=valid_from or date(2024, 1, 1), valid_until=valid_until,
            verified_at=timezone.now() if verified else None, verified_by=admin_user if verified else None,
            revoked_at=timezone.now() if revoked else None,
        )

    return grant


@pytest.fixture
def make_product(thai_nguyen):
    _, communes = thai_nguyen
    tea_class, _created = ProductClass.objects.get_or_create(name="Đồ uống", defaults={"ocop_group": 2})

    def make(seller, title="Chè búp Tân Cương", *, origin="Xã Tân Cương", gi=None, price="150000", stock=10):
        product = Product.objects.create(
            title=title, product_class=tea_class, seller=seller,
            origin_commune=communes[origin] if origin else None, geographic_indication=gi,
        )
        StockRecord.objects.create(
            product=product, partner=seller, partner_sku=f"SKU-{product.pk}",
            price=Decimal(price), price_currency="VND", num_in_stock=stock,
        )
        return product

    return make


@pytest.fixture
def certify(admin_user):
    def certify(product, *, stars=4, decision_date=None, status=OcopCertificate.Status.VERIFIED, **extra):
        return OcopCertificate.objects.create(
            product=product, stars=stars, group=2, decision_number=f"{product.pk}{stars}/QĐ-UBND",
            decision_date=decision_date or timezone.localdate() - timedelta(days=100),
            issuer=OcopCertificate.Issuer.PROVINCE, issuer_name="UBND tỉnh Thái Nguyên",
            status=status, verified_by=admin_user, verified_at=timezone.now(), **extra,
        )

    return certify


@pytest.fixture
def place_order(db):
    """Place an order for (product, quantity) pairs through Oscar's own order creator."""
    from oscar.core.loading import get_class, get_model
    from oscar.test.factories import create_order

    Basket = get_model("basket", "Basket")
    strategy = get_class("partner.strategy", "Selector")().strategy()

    def place(*items):
        basket = Basket.objects.create()
        basket.strategy = strategy
        for product, quantity in items:
            basket.add_product(product, quantity)
        return create_order(basket=basket)

    return place
