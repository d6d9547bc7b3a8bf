"""Badges show only what has been verified and is in force, decided when read."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog.models import Category, OcopCertificate, Product
from catalog.ocop import add_months, certificate_expiry, stars_for_score

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("score", "stars"), [(0, None), (49, None), (50, 3), (69, 3), (70, 4), (89, 4),
                                              (90, 5), (100, 5)])
def test_stars_follow_the_score_bands(score, stars):
    assert stars_for_score(score) == stars


def test_a_score_outside_0_to_100_is_refused():
    with pytest.raises(ValueError):
        stars_for_score(101)


def test_certificate_is_valid_36_months_clamped_to_month_end():
    assert certificate_expiry(date(2024, 3, 15)) == date(2027, 3, 15)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)


def test_certificate_expiry_is_set_from_the_decision(make_seller, make_product, certify):
    certificate = certify(make_product(make_seller()), decision_date=date(2025, 8, 1))
    assert certificate.valid_until == date(2028, 8, 1)


def test_only_verified_unexpired_certificates_are_badges(make_seller, make_product, certify):
    product = make_product(make_seller())
    today = timezone.localdate()
    certify(product, stars=5, status=OcopCertificate.Status.PENDING)
    certify(product, stars=5, decision_date=today - timedelta(days=365 * 4))  # expired
    certify(product, stars=5, status=OcopCertificate.Status.REVOKED)
    shown = certify(product, stars=3)
    assert Product.objects.get(pk=product.pk).ocop_badge == shown
    assert Product.objects.with_provenance().get(pk=product.pk).ocop_badge == shown


def test_a_certificate_expiring_today_is_gone_tomorrow(make_seller, make_product, certify):
    product = make_product(make_seller())
    today = timezone.localdate()
    certificate = certify(product, decision_date=today - timedelta(days=1000), valid_until=today)
    assert Product.objects.with_provenance(today).get(pk=product.pk).ocop_badge == certificate
    tomorrow = today + timedelta(days=1)
    assert Product.objects.with_provenance(tomorrow).get(pk=product.pk).ocop_badge is None


def test_stars_outside_3_to_5_are_refused_by_validation_and_by_the_database(make_seller, make_product,
                                                                           certify):
    product = make_product(make_seller())
    certificate = OcopCertificate(
        product=product, stars=2, group=2, decision_number="1/QĐ", decision_date=date(2025, 1, 1),
        issuer="province", issuer_name="UBND tỉnh Thái Nguyên",
    )
    with pytest.raises(ValidationError) as error:
        certificate.full_clean()
    assert "stars" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        certificate.save()
    assert not OcopCertificate.objects.filter(product=product).exists()


def test_an_expiry_before_the_decision_is_refused_in_vietnamese(make_seller, make_product):
    certificate = OcopCertificate(
        product=make_product(make_seller()), stars=4, group=2, decision_number="2/QĐ",
        decision_date=date(2025, 1, 1), valid_until=date(2024, 12, 31),
        issuer="district", issuer_name="UBND huyện Đại Từ (cũ)",
    )
    with pytest.raises(ValidationError) as error:
        certificate.full_clean()
    assert error.value.message_dict["valid_until"] == [
        "Ngày hết hiệu lực phải sau ngày quyết định công nhận."
    ]


def test_gi_badge_needs_a_verified_right_in_force_and_an_origin_in_the_area(
    make_seller, make_product, tan_cuong_gi, grant_gi_right
):
    seller = make_seller()
    product = make_product(seller, gi=tan_cuong_gi)
    assert product.gi_badge is None  # no right yet
    right = grant_gi_right(seller, tan_cuong_gi)
    assert Product.objects.get(pk=product.pk).gi_badge == tan_cuong_gi
    assert Product.objects.with_provenance().get(pk=product.pk).gi_badge == tan_cuong_gi

    right.revoked_at = timezone.now()
    right.save()
    assert Product.objects.with_provenance().get(pk=product.pk).gi_badge is None
    assert Product.objects.get(pk=product.pk).gi_badge is None


def test_gi_badge_follows_the_product_types_the_gi_was_registered_for(
    make_seller, make_product, tan_cuong_gi, grant_gi_right
):
    tea, noodles = Category.add_root(name="Chè", slug="che"), Category.add_root(name="Miến", slug="mien")
    seller = make_seller()
    grant_gi_right(seller, tan_cuong_gi)
    product = make_product(seller, gi=tan_cuong_gi)
    product.categories.add(noodles)

    def badges():
        return (Product.objects.with_provenance().get(pk=product.pk).gi_badge,
                Product.objects.get(pk=product.pk).gi_badge)

    assert badges() == (tan_cuong_gi, tan_cuong_gi)  # a GI for no product type in particular
    tan_cuong_gi.categories.add(tea)  # staff narrow the GI to tea after the product was listed
    assert badges() == (None, None)
    product.categories.add(tea)
    assert badges() == (tan_cuong_gi, tan_cuong_gi)


def test_gi_badge_disappears_when_the_right_expires(make_seller, make_product, tan_cuong_gi, grant_gi_right):
    seller = make_seller()
    product = make_product(seller, gi=tan_cuong_gi)
    today = timezone.localdate()
    grant_gi_right(seller, tan_cuong_gi, valid_until=today)
    assert Product.objects.with_provenance(today).get(pk=product.pk).gi_badge == tan_cuong_gi
    tomorrow = today + timedelta(days=1)
    assert Product.objects.with_provenance(tomorrow).get(pk=product.pk).gi_badge is None


def test_an_unverified_right_gives_no_badge(make_seller, make_product, tan_cuong_gi, grant_gi_right):
    seller = make_seller()
    product = make_product(seller, gi=tan_cuong_gi)
    grant_gi_right(seller, tan_cuong_gi, verified=False)
    assert Product.objects.with_provenance().get(pk=product.pk).gi_badge is None


def test_claiming_a_gi_without_a_right_is_refused_in_vietnamese(make_seller, make_product, tan_cuong_gi):
    product = make_product(make_seller())
    product.geographic_indication = tan_cuong_gi
    with pytest.raises(ValidationError) as error:
        product.full_clean()
    assert error.value.message_dict["geographic_indication"] == [
        "Người bán chưa có quyền sử dụng chỉ dẫn địa lý «Tân Cương» đã được xác minh và còn hiệu lực."
    ]


def test_claiming_a_gi_for_an_origin_outside_its_area_is_refused(
    make_seller, make_product, tan_cuong_gi, grant_gi_right
):
    seller = make_seller()
    grant_gi_right(seller, tan_cuong_gi)
    product = make_product(seller, origin="Xã Đại Từ")
    product.geographic_indication = tan_cuong_gi
    with pytest.raises(ValidationError) as error:
        product.full_clean()
    assert error.value.message_dict["geographic_indication"] == [
        "Xã Đại Từ, Tỉnh Thái Nguyên không thuộc khu vực bảo hộ của chỉ dẫn địa lý «Tân Cương»."
    ]
    assert Product.objects.get(pk=product.pk).geographic_indication is None


def test_a_variant_shows_its_parents_badges(make_seller, make_product, tan_cuong_gi, grant_gi_right, certify):
    seller = make_seller()
    grant_gi_right(seller, tan_cuong_gi)
    parent = make_product(seller, gi=tan_cuong_gi)
    parent.structure = Product.PARENT
    parent.save()
    child = Product.objects.create(parent=parent, structure=Product.CHILD, title="Gói 100 g")
    certificate = certify(parent, stars=5)
    assert child.ocop_badge == certificate
    assert child.gi_badge == tan_cuong_gi
