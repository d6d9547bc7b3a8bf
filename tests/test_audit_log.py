"""Every verification decision is in Wagtail's audit log: who, when, what and why, readable back and
shown in Reports → Site history and in the object's history."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from catalog import certificate_decisions
from catalog.reviews import moderation
from catalog.reviews.models import ProductReview
from geo_indications import right_decisions
from marketplace import audit_log
from marketplace.payments import transfer_settlement
from marketplace.payments.models import BankTransfer
from sellers import applications

pytestmark = pytest.mark.usefixtures("eager_celery")


def test_every_decision_action_is_registered_with_wagtail():
    registered = dict(registry.get_choices())
    assert {action: str(registered[action]) for action in audit_log.ACTIONS} == {
        "marketplace.seller_application.approve": "Duyệt hồ sơ người bán",
        "marketplace.seller_application.reject": "Từ chối hồ sơ người bán",
        "marketplace.seller.suspend": "Đình chỉ người bán",
        "marketplace.seller.reinstate": "Khôi phục người bán",
        "marketplace.ocop_certificate.verify": "Xác minh chứng nhận OCOP",
        "marketplace.ocop_certificate.reject": "Từ chối chứng nhận OCOP",
        "marketplace.ocop_certificate.revoke": "Thu hồi chứng nhận OCOP",
        "marketplace.gi_right.verify": "Xác minh quyền dùng CDĐL",
        "marketplace.gi_right.reject": "Từ chối quyền dùng CDĐL",
        "marketplace.gi_right.revoke": "Thu hồi quyền dùng CDĐL",
        "marketplace.review.approve": "Duyệt đánh giá",
        "marketplace.review.reject": "Ẩn đánh giá",
        "marketplace.bank_transfer.settle": "Xử lý chuyển khoản",
        "marketplace.refund.mark_paid": "Chuyển hoàn tiền cho người mua",
        "marketplace.payout.record": "Chi trả cho người bán",
    }


def test_seller_application_decisions_are_logged_with_who_when_and_why(submitted_application, province_staff):
    before = timezone.now()
    approved = applications.approve(submitted_application().pk, province_staff)
    rejected = applications.reject(
        submitted_application(email="khac@example.vn", name="HKD Miến").pk, province_staff, "Thiếu giấy tờ")

    approval = ModelLogEntry.objects.for_instance(approved).get()
    rejection = ModelLogEntry.objects.for_instance(rejected).get()
    assert (approval.action, approval.user, approval.label, approval.data) == (
        "marketplace.seller_application.approve", province_staff, "Hợp tác xã Chè Tân Cương Xanh",
        {"reason": "", "seller_id": approved.seller_id},
    )
    assert (rejection.action, rejection.user, rejection.data) == (
        "marketplace.seller_application.reject", province_staff, {"reason": "Thiếu giấy tờ"})
    assert before <= approval.timestamp <= timezone.now()
    assert rejection.message == "Đã từ chối hồ sơ đăng ký bán hàng: Thiếu giấy tờ"
    assert approval.message == "Đã duyệt hồ sơ đăng ký bán hàng"


def test_all_decisions_are_logged(
    province_staff, pending_certificate, pending_gi_right, seller_with_login, make_product, django_user_model
):
    certificate_decisions.verify(pending_certificate.pk, province_staff)
    certificate_decisions.revoke(pending_certificate.pk, province_staff, "Hết hiệu lực")
    right_decisions.reject(pending_gi_right.pk, province_staff, "Sai người bán")
    review = ProductReview.objects.create(
        product=pending_certificate.product, user=django_user_model.objects.create_user("m@example.vn", "x"),
        score=5, title="Ngon", body="…")
    moderation.reject(review.pk, province_staff, "Spam")
    transfer = BankTransfer.objects.create(provider_id="9", amount=10000, direction="in", raw={},
                                           outcome=BankTransfer.Outcome.UNKNOWN_ORDER)
    transfer_settlement.settle(transfer.pk, province_staff, "Đã hoàn tiền")

    logged = list(
        ModelLogEntry.objects.filter(action__startswith="marketplace.").order_by("pk")
        .values_list("action", "object_id", "user__email", "data__reason")
    )
    assert logged == [
        ("marketplace.ocop_certificate.verify", str(pending_certificate.pk), "canbo@example.vn", ""),
        ("marketplace.ocop_certificate.revoke", str(pending_certificate.pk), "canbo@example.vn", "Hết hiệu lực"),
        ("marketplace.gi_right.reject", str(pending_gi_right.pk), "canbo@example.vn", "Sai người bán"),
        ("marketplace.review.reject", str(review.pk), "canbo@example.vn", "Spam"),
        ("marketplace.bank_transfer.settle", str(transfer.pk), "canbo@example.vn", "Đã hoàn tiền"),
    ]


def test_a_refused_or_rolled_back_decision_leaves_no_entry(province_staff, pending_certificate):
    with pytest.raises(Exception, match="lý do"):
        certificate_decisions.reject(pending_certificate.pk, province_staff, "")
    with pytest.raises(RuntimeError), transaction.atomic():
        certificate_decisions.verify(pending_certificate.pk, province_staff)
        raise RuntimeError("the request failed after the decision")
    pending_certificate.refresh_from_db()
    assert pending_certificate.status == "pending"
    assert not ModelLogEntry.objects.filter(action__startswith="marketplace.").exists()


def test_staff_read_decisions_in_site_history_and_in_the_objects_history(
    client, province_staff, pending_certificate, submitted_application, home_page
):
    certificate_decisions.reject(pending_certificate.pk, province_staff, "Bản chụp mờ")
    applications.reject(submitted_application().pk, province_staff, "Thiếu giấy tờ")
    client.force_login(province_staff)

    history = client.get("/cms-admin/reports/site-history/")
    assert history.status_code == 200
    page = history.content.decode()
    assert "Đã từ chối giấy chứng nhận OCOP: Bản chụp mờ" in page
    assert "Đã từ chối hồ sơ đăng ký bán hàng: Thiếu giấy tờ" in page
    filtered = client.get("/cms-admin/reports/site-history/", {"action": "marketplace.ocop_certificate.reject"})
    assert [entry.action for entry in filtered.context["object_list"]] == ["marketplace.ocop_certificate.reject"]

    own_history = client.get(f"/cms-admin/ocop-certificates/history/{pending_certificate.pk}/")
    assert own_history.status_code == 200
    assert "Đã từ chối giấy chứng nhận OCOP: Bản chụp mờ" in own_history.content.decode()


def test_the_csv_export_of_site_history_holds_the_decisions(admin_client, province_staff, pending_certificate):
    certificate_decisions.verify(pending_certificate.pk, province_staff)
    export = admin_client.get("/cms-admin/reports/site-history/", {"export": "csv"})
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "Xác minh chứng nhận OCOP" in body
    assert "OCOP 4★ — 123/QĐ-UBND" in body


def test_entries_outlive_the_decided_certificate(province_staff, pending_certificate):
    certificate_decisions.verify(pending_certificate.pk, province_staff)
    pk = pending_certificate.pk
    pending_certificate.product.delete()
    entry = ModelLogEntry.objects.get(action="marketplace.ocop_certificate.verify", object_id=str(pk))
    assert entry.user == province_staff and entry.timestamp > timezone.now() - timedelta(minutes=1)


def _admin_form_data(admin_client, url):
    """What Django's admin change form would post back unchanged (files left as they are)."""
    form = admin_client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or hasattr(value, "read"):
            continue
        data[name] = [str(item) for item in value] if isinstance(value, list | tuple) else str(value)
    return data


def test_a_superuser_cannot_decide_in_djangos_admin(
    admin_client, pending_certificate, pending_gi_right, django_user_model
):
    # Decisions change only in the Wagtail review queues, which write the audit log and e-mail the seller.
    seller = pending_gi_right.seller
    review = ProductReview.objects.create(
        product=pending_certificate.product, user=django_user_model.objects.create_user("m@example.vn", "x"),
        score=5, title="Ngon", body="…", status=ProductReview.FOR_MODERATION)
    transfer = BankTransfer.objects.create(
        provider_id="sepay-1", amount=150000, direction="in", content="CK khong ma don",
        outcome=BankTransfer.Outcome.NO_REFERENCE, raw={})
    attempts = [
        (f"/django-admin/catalogue/ocopcertificate/{pending_certificate.pk}/change/", "/cms-admin/ocop-certificates/",
         {"status": "verified", "decision_reason": "Tự duyệt"}),
        (f"/django-admin/geo_indications/giright/{pending_gi_right.pk}/change/", "/cms-admin/gi-rights/",
         {"verified_at_0": "2026-01-01", "verified_at_1": "08:00:00", "revoked_at_0": "2026-01-02",
          "revoked_at_1": "08:00:00", "rejected_at_0": "2026-01-03", "rejected_at_1": "08:00:00",
          "rejection_reason": "Tự từ chối"}),
        (f"/django-admin/partner/partner/{seller.pk}/change/", "/cms-admin/seller-applications/",
         {"is_active": ""}),
        (f"/django-admin/reviews/productreview/{review.pk}/change/", "/cms-admin/product-reviews/",
         {"status": str(ProductReview.APPROVED), "rejection_reason": ""}),
        (f"/django-admin/payments/banktransfer/{transfer.pk}/change/", "/cms-admin/unmatched-transfers/",
         {"resolved": "on", "settlement_note": "Tự đối soát"}),
    ]

    for url, queue, decision in attempts:
        page = admin_client.get(url).content.decode()
        assert f"({queue})" in page, url
        response = admin_client.post(url, {**_admin_form_data(admin_client, url), **decision})
        assert (response.status_code, response["Location"]) == (302, url.rsplit("/", 3)[0] + "/"), url

    pending_certificate.refresh_from_db()
    pending_gi_right.refresh_from_db()
    seller.refresh_from_db()
    review.refresh_from_db()
    assert (pending_certificate.status, pending_certificate.decision_reason) == ("pending", "")
    assert (pending_gi_right.verified_at, pending_gi_right.revoked_at, pending_gi_right.rejected_at,
            pending_gi_right.rejection_reason) == (None, None, None, "")
    assert seller.is_active is True
    assert review.status == ProductReview.FOR_MODERATION
    transfer.refresh_from_db()
    assert (transfer.resolved, transfer.settlement_note, transfer.settled_by) == (False, "", None)
    assert not ModelLogEntry.objects.filter(action__startswith="marketplace.").exists()
