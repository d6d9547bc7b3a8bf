"""A seller submits OCOP certificates and GI usage rights with their document; staff verify them."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from catalog.models import OcopCertificate
from geo_indications.models import GIRight
from tests import dashboard_sellers
from tests.dashboard_sellers import PASSWORD
from tests.seller_fixtures import pdf_upload, png_upload

pytestmark = pytest.mark.django_db

seller_account, seller_a, seller_b = (
    dashboard_sellers.seller_account, dashboard_sellers.seller_a, dashboard_sellers.seller_b
)

OCOP_URL = "dashboard:seller-ocop-certificate-create"
GI_URL = "dashboard:seller-gi-right-create"


@pytest.fixture
def as_a(client, seller_a):
    client.login(username=seller_a[1].email, password=PASSWORD)
    return client


def ocop_data(product, **changes):
    data = {
        "product": str(product.pk), "stars": "4", "group": "2", "decision_number": "1234/QĐ-UBND",
        "decision_date": (timezone.localdate() - timedelta(days=30)).isoformat(), "issuer": "province",
        "issuer_name": "UBND tỉnh Thái Nguyên", "document": pdf_upload("chung-nhan.pdf"),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def gi_data(gi, **changes):
    data = {"geographic_indication": str(gi.pk), "document_number": "56/QĐ-SKHCN",
            "valid_from": "2025-01-01", "valid_until": "", "document": png_upload("quyet-dinh.png")}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_submitted_certificate_waits_for_staff_and_is_no_badge(as_a, seller_a, make_product):
    product = make_product(seller_a[0])

    response = as_a.post(reverse(OCOP_URL), ocop_data(product))

    assert response.status_code == 302
    certificate = OcopCertificate.objects.get()
    assert (certificate.product, certificate.stars, certificate.status, certificate.verified_by) == (
        product, 4, OcopCertificate.Status.PENDING, None
    )
    assert certificate.document.name.startswith("ocop/") and certificate.document.name.endswith(".pdf")
    assert "chung-nhan" not in certificate.document.name
    assert product.ocop_badge is None
    listing = as_a.get(reverse("dashboard:seller-certificate-list"))
    assert [status for _c, status in listing.context["certificates"]] == ["Chờ xác minh"]


def test_the_seller_sees_each_status(as_a, seller_a, make_product, certify, admin_user):
    product = make_product(seller_a[0])
    certify(product, stars=3, status=OcopCertificate.Status.VERIFIED)
    certify(product, stars=5, status=OcopCertificate.Status.REJECTED)
    certify(product, stars=4, decision_date=timezone.localdate() - timedelta(days=40 * 31))

    listing = as_a.get(reverse("dashboard:seller-certificate-list"))

    assert sorted(status for _c, status in listing.context["certificates"]) == sorted(
        ["Đã xác minh", "Bị từ chối", "Hết hiệu lực"]
    )


def test_a_certificate_for_another_sellers_product_is_refused(as_a, seller_b, make_product):
    theirs = make_product(seller_b[0], "Miến của B", origin="Xã Đại Từ")

    response = as_a.post(reverse(OCOP_URL), ocop_data(theirs))

    assert response.status_code == 200
    assert response.context["form"].errors["product"] == ["Hãy chọn một sản phẩm của chính bạn."]
    assert not OcopCertificate.objects.exists()


@pytest.mark.parametrize("changes, field, message", [
    ({"document": None}, "document", "Hãy tải lên bản chụp hoặc bản PDF của văn bản để cán bộ xác minh."),
    ({"stars": "2"}, "stars", None),
    ({"decision_date": (date.today() + timedelta(days=5)).isoformat()}, "decision_date",
     "Ngày quyết định không thể sau hôm nay."),
    ({"decision_date": "2020-01-15"}, "decision_date",
     "Giấy chứng nhận này đã hết hiệu lực ngày 15/01/2023 (hiệu lực 36 tháng từ ngày quyết định)."),
])
def test_bad_certificate_input_is_answered_and_nothing_saved(as_a, seller_a, make_product, changes, field,
                                                            message):
    product = make_product(seller_a[0])

    response = as_a.post(reverse(OCOP_URL), ocop_data(product, **changes))

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    if message:
        assert errors == [message]
    else:
        assert len(errors) == 1
    assert not OcopCertificate.objects.exists()


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("giay.pdf", b"<html>not a pdf</html>"),
     "Tệp giay.pdf có đuôi .pdf nhưng nội dung không phải PDF. Hãy xuất lại tệp PDF hoặc chụp ảnh giấy tờ."),
    (SimpleUploadedFile("giay.docx", b"PK\x03\x04 word"),
     "Tệp giay.docx không phải PDF hay ảnh. Hãy tải tệp PDF hoặc ảnh chụp JPEG, PNG, WebP."),
])
def test_a_document_that_is_not_a_pdf_or_photo_is_refused(as_a, seller_a, make_product, upload, message):
    product = make_product(seller_a[0])

    response = as_a.post(reverse(OCOP_URL), ocop_data(product, document=upload))

    assert response.context["form"].errors["document"] == [message]
    assert not OcopCertificate.objects.exists()


def test_the_same_decision_is_not_submitted_twice(as_a, seller_a, make_product):
    product = make_product(seller_a[0])
    as_a.post(reverse(OCOP_URL), ocop_data(product))

    response = as_a.post(reverse(OCOP_URL), ocop_data(product))

    assert response.context["form"].non_field_errors() == ["Quyết định 1234/QĐ-UBND đã được gửi cho sản phẩm này."]
    assert OcopCertificate.objects.count() == 1


def test_a_submitted_gi_right_is_the_sellers_and_unverified(as_a, seller_a, seller_b, tan_cuong_gi, make_product):
    response = as_a.post(reverse(GI_URL), gi_data(tan_cuong_gi, seller=str(seller_b[0].pk),
                                                  verified_at="2025-01-01T00:00"))

    assert response.status_code == 302
    right = GIRight.objects.get()
    assert (right.seller, right.verified_at, right.verified_by, right.document_number) == (
        seller_a[0], None, None, "56/QĐ-SKHCN"
    )
    assert right.document.name.startswith("gi-rights/") and right.document.name.endswith(".png")
    assert not GIRight.objects.valid_on().exists()
    listing = as_a.get(reverse("dashboard:seller-certificate-list"))
    assert [status for _r, status in listing.context["rights"]] == ["Chờ xác minh"]


def test_a_gi_right_ending_before_it_starts_is_refused(as_a, tan_cuong_gi):
    response = as_a.post(reverse(GI_URL), gi_data(tan_cuong_gi, valid_from="2025-06-01",
                                                  valid_until="2025-05-01"))

    assert response.context["form"].errors["valid_until"][0] == "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."
    assert not GIRight.objects.exists()


def test_the_seller_sees_the_status_of_each_right(as_a, seller_a, seller_b, tan_cuong_gi, grant_gi_right):
    grant_gi_right(seller_a[0], tan_cuong_gi)
    grant_gi_right(seller_a[0], tan_cuong_gi, revoked=True)
    grant_gi_right(seller_b[0], tan_cuong_gi, verified=False)

    listing = as_a.get(reverse("dashboard:seller-certificate-list"))

    assert sorted(status for _r, status in listing.context["rights"]) == ["Đã thu hồi", "Đã xác minh"]
