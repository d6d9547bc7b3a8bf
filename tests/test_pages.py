"""Provenance, producer and GI pages show only what is verified and in force."""

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product
from tests.qr_decoding import decode_svg_qr

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified_tea(make_seller, make_product, tan_cuong_gi, grant_gi_right, certify):
    seller = make_seller()
    right = grant_gi_right(seller, tan_cuong_gi)
    product = make_product(seller, gi=tan_cuong_gi)
    certificate = certify(product, stars=5)
    return product, right, certificate


def test_the_qr_code_decodes_to_the_products_provenance_url(client, verified_tea):
    product, _, _ = verified_tea
    response = client.get(reverse("catalogue:provenance-qr", kwargs={"pk": product.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert decode_svg_qr(response.content.decode()) == f"http://testserver/catalogue/truy-xuat/{product.pk}/"


def test_provenance_shows_producer_origin_gi_right_and_certificate(client, verified_tea):
    product, right, certificate = verified_tea
    page = client.get(f"/catalogue/truy-xuat/{product.pk}/").content.decode()
    assert "HTX Chè Tân Cương Xanh" in page
    assert "Xã Tân Cương, Tỉnh Thái Nguyên" in page
    assert "văn bằng số 00013" in page
    assert right.document_number in page
    assert certificate.decision_number in page
    assert "5★" in page


def test_provenance_drops_a_revoked_right_and_an_expired_certificate_on_the_next_view(client, verified_tea):
    product, right, certificate = verified_tea
    right.revoked_at = timezone.now()
    right.save()
    certificate.valid_until = timezone.localdate() - timezone.timedelta(days=1)
    certificate.decision_date = certificate.valid_until - timezone.timedelta(days=30)
    certificate.save()
    page = client.get(f"/catalogue/truy-xuat/{product.pk}/").content.decode()
    assert "Không mang chỉ dẫn địa lý đã được xác minh." in page
    assert "Không có giấy chứng nhận OCOP còn hiệu lực đã được xác minh." in page
    assert right.document_number not in page


def test_unknown_or_hidden_products_have_no_provenance(client, verified_tea):
    product, _, _ = verified_tea
    Product.objects.filter(pk=product.pk).update(is_public=False)
    assert client.get(f"/catalogue/truy-xuat/{product.pk}/").status_code == 404
    assert client.get(f"/catalogue/truy-xuat/{product.pk}/qr.svg").status_code == 404
    assert client.get("/catalogue/truy-xuat/999999/").status_code == 404


def test_producer_page_shows_story_place_rights_certificates_and_products(client, verified_tea):
    product, right, certificate = verified_tea
    seller = product.seller
    seller.story = "Ba thế hệ làm chè <b>trên đồi</b>."
    seller.save()
    response = client.get(f"/sellers/{seller.slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ba thế hệ làm chè &lt;b&gt;trên đồi&lt;/b&gt;." in page
    assert "Hợp tác xã" in page
    assert right.document_number in page
    assert certificate.decision_number in page
    assert product.get_absolute_url() in page


def test_gi_page_lists_area_authorised_producers_and_their_products(client, verified_tea, make_seller,
                                                                    make_product, tan_cuong_gi):
    product, _, _ = verified_tea
    outsider = make_seller(name="Hộ Chè Không Quyền", commune="Phường Gia Sàng")
    make_product(outsider, title="Chè không có quyền dùng CDĐL")
    response = client.get("/gi/che-tan-cuong/")
    assert response.status_code == 200
    assert [s.name for s in response.context["authorised_sellers"]] == ["HTX Chè Tân Cương Xanh"]
    assert response.context["products"] == [product]
    page = response.content.decode()
    assert "Xã Tân Cương" in page and "Phường Gia Sàng" in page
    assert "Hộ Chè Không Quyền" not in page


def test_unknown_producer_and_gi_are_404(client, db):
    assert client.get("/sellers/khong-co/").status_code == 404
    assert client.get("/gi/khong-co/").status_code == 404
