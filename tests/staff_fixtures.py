"""Builders for the staff review queues and reviews (pytest plugin, see conftest.py)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.models import OcopCertificate
from geo_indications.models import GIRight
from marketplace.order.fulfilment import accept_part, mark_delivered, ship_part
from tests.seller_fixtures import PDF_BYTES


@pytest.fixture
def seller_with_login(make_seller, django_user_model):
    """A seller whose login receives its e-mails."""
    seller = make_seller()
    seller.users.add(django_user_model.objects.create_user("htx.tancuong@example.vn", "mat-khau-nguoi-ban"))
    return seller


@pytest.fixture
def staff_post(client, province_staff, django_capture_on_commit_callbacks):
    """POST as province staff, running what the request enqueued on commit (e-mails)."""
    client.force_login(province_staff)

    def post(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return post


@pytest.fixture
def pending_certificate(seller_with_login, make_product):
    product = make_product(seller_with_login)
    return OcopCertificate.objects.create(
        product=product, stars=4, group=2, decision_number="123/QĐ-UBND",
        decision_date=timezone.localdate() - timedelta(days=30), issuer=OcopCertificate.Issuer.PROVINCE,
        issuer_name="UBND tỉnh Thái Nguyên",
        document=SimpleUploadedFile("quyet-dinh.pdf", PDF_BYTES, content_type="application/pdf"),
    )


@pytest.fixture
def pending_gi_right(seller_with_login, tan_cuong_gi):
    return GIRight.objects.create(
        seller=seller_with_login, geographic_indication=tan_cuong_gi, document_number="45/QĐ-SKHCN",
        valid_from=timezone.localdate() - timedelta(days=10),
        document=SimpleUploadedFile("quyen-su-dung.pdf", PDF_BYTES, content_type="application/pdf"),
    )


@pytest.fixture
def deliver_to(place_order):
    """Place an order of `product` for `buyer` and take its seller's part to `status` (default delivered)."""
    Order = get_model("order", "Order")

    def deliver(buyer, product, status="delivered"):
        order = place_order((product, 1))
        Order.objects.filter(pk=order.pk).update(user=buyer, payment_state=Order.PaymentState.PAID)
        part = order.parts.get()
        steps = {"accepted": 1, "shipped": 2, "delivered": 3}.get(status, 0)
        if steps >= 1:
            accept_part(part)
        if steps >= 2:
            ship_part(part, carrier="Viettel Post", tracking_number=f"VTP{order.pk}")
        if steps >= 3:
            mark_delivered(part)
        return order

    return deliver
