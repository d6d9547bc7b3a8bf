"""In a real browser: a province staff member (the "Cán bộ tỉnh" group, not a superuser) approves a
seller, verifies its OCOP certificate, features the producer on the home page and sees its sale in
the province's figures."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.models import OcopCertificate
from sellers.models import SellerApplication
from tests.seller_fixtures import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
Order = get_model("order", "Order")

STAFF_EMAIL, STAFF_PASSWORD = "canbo@example.vn", "mat-khau-can-bo"
SELLER_NAME = "Hợp tác xã Chè Tân Cương Xanh"


def submit(page, selector="form [type=submit]"):
    page.locator(selector).first.click()
    page.wait_for_load_state()


def success_message(page):
    return page.locator(".messages .success").first.inner_text()


def lists_and_sells(seller, make_product, place_order):
    """What the new seller does between the staff's steps (its own browser test walks it): a
    product with a pending 4★ certificate, then a buyer's order of it, paid."""
    product = make_product(seller, "Chè búp Tân Cương Xanh", price="150000")
    certificate = OcopCertificate.objects.create(
        product=product, stars=4, group=2, decision_number="123/QĐ-UBND",
        decision_date=timezone.localdate() - timedelta(days=30), issuer=OcopCertificate.Issuer.PROVINCE,
        issuer_name="UBND tỉnh Thái Nguyên",
        document=SimpleUploadedFile("quyet-dinh.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    order = place_order((product, 2))
    now = timezone.now()
    Order.objects.filter(pk=order.pk).update(payment_state=Order.PaymentState.PAID, date_placed=now, paid_at=now)
    return product, certificate


def test_province_staff_approve_verify_feature_and_see_the_sale(
    browser_page, province_staff, submitted_application, home_page, make_product, place_order, settings
):
    # Wagtail's editor autosaves a draft half a second after each change. The test clicks "publish"
    # at once, unlike a person, so an autosave still on its way could land after the publication and
    # leave a draft behind (seen once in CI, under load).
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    province_staff.set_password(STAFF_PASSWORD)
    province_staff.save()
    assert not (province_staff.is_staff or province_staff.is_superuser)
    application = submitted_application(name=SELLER_NAME)
    page = browser_page

    page.goto("/cms-admin/login/")
    page.fill("input[name=username]", STAFF_EMAIL)
    page.fill("input[name=password]", STAFF_PASSWORD)
    submit(page)
    page.wait_for_url(re.compile(r"/cms-admin/$"))

    # The application: from the queue to its page, then the approval.
    page.goto("/cms-admin/seller-applications/")
    page.get_by_role("link", name=SELLER_NAME).first.click()
    page.wait_for_url(re.compile(rf"/cms-admin/seller-applications/inspect/{application.pk}/$"))
    page.locator("main a.button", has_text="Duyệt").first.click()
    page.wait_for_url(re.compile(rf"/approve/{application.pk}/$"))
    page.get_by_role("button", name="Duyệt và tạo gian hàng").click()
    page.wait_for_url(re.compile(rf"/cms-admin/seller-applications/inspect/{application.pk}/$"))
    assert "Đã duyệt hồ sơ" in success_message(page)
    application.refresh_from_db()
    assert application.status == SellerApplication.Status.APPROVED
    seller = application.seller

    product, certificate = lists_and_sells(seller, make_product, place_order)

    # Its certificate: from the queue to its page, then the verification.
    page.goto("/cms-admin/ocop-certificates/")
    page.locator(f"a[href$='/inspect/{certificate.pk}/']").first.click()
    page.wait_for_url(re.compile(rf"/cms-admin/ocop-certificates/inspect/{certificate.pk}/$"))
    page.locator(f"main a[href$='/verify/{certificate.pk}/']").first.click()
    page.wait_for_url(re.compile(rf"/verify/{certificate.pk}/$"))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(rf"/cms-admin/ocop-certificates/inspect/{certificate.pk}/$"))
    certificate.refresh_from_db()
    assert certificate.status == OcopCertificate.Status.VERIFIED
    assert certificate.verified_by == province_staff

    # The home page: a "featured producers" block with the new seller, published.
    # Wagtail's editor is drawn for a desktop: its footer holds the publish action in a dropdown.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/cms-admin/pages/{home_page.pk}/edit/")
    page.locator("[data-streamfield-stream-container] button[title]").first.click()
    page.get_by_role("option", name=re.compile("Nhà sản xuất nổi bật")).click()
    page.get_by_role("button", name="Chọn người bán").click()
    page.locator(".modal").get_by_role("link", name=SELLER_NAME).click()
    page.wait_for_selector(".modal", state="hidden")
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    page.locator("button[name=action-publish]").click()
    # After publishing Wagtail shows the parent's page listing, with its message.
    page.wait_for_url(re.compile(rf"/cms-admin/pages/{home_page.get_parent().pk}/$"))
    assert "Sàn OCOP Thái Nguyên" in success_message(page)
    home_page.refresh_from_db()
    assert (home_page.live, home_page.has_unpublished_changes) == (True, False)

    page.goto("/")
    producer = page.locator(f".featured-producers [data-seller='{seller.slug}']")
    assert producer.locator(".producer-card__name").inner_text() == SELLER_NAME
    assert producer.locator(".producer-card__count").inner_text() == "1 sản phẩm"

    # The sale in this month's figures: 2 × 150.000 ₫ of goods, paid.
    page.goto("/cms-admin/figures/")
    top = page.locator("#table-san-pham-tang-truong-nhanh")
    assert top.locator("tbody tr").first.locator("th").inner_text() == product.title
    by_commune = page.locator("#table-doanh-so-theo-xa tbody tr").first.locator("th, td").all_inner_texts()
    assert by_commune == ["Xã Tân Cương", "1", "2", "300.000\xa0₫"]
