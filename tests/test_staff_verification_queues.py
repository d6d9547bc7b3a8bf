"""Province staff verify OCOP certificates and GI rights in Wagtail's admin: who may, what each decision
changes (badges at once), that refusals need a reason, that the seller is told once, and the audit log."""

import time
from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from wagtail.models import ModelLogEntry

from catalog import certificate_decisions
from catalog.models import OcopCertificate, Product
from catalog.search.models import ProductSearchDocument
from catalog.tasks import send_certificate_decision
from geo_indications import right_decisions
from geo_indications.tasks import send_gi_right_decision
from marketplace.decisions import NotDecidable
from sellers.models import Partner

pytestmark = pytest.mark.usefixtures("eager_celery")

CERTIFICATES = "/cms-admin/ocop-certificates/"
RIGHTS = "/cms-admin/gi-rights/"


def queue_urls(index, pk):
    return [index, f"{index}inspect/{pk}/", f"{index}history/{pk}/", f"{index}verify/{pk}/",
            f"{index}reject/{pk}/", f"{index}document/{pk}/"]


def entries(obj):
    return list(ModelLogEntry.objects.for_instance(obj).order_by("pk").values_list("action", "user__email",
                                                                                  "data"))


# --- who may --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("queue", ["certificate", "right"])
def test_staff_and_administrators_open_the_queue_the_inspect_page_and_the_document(
    client, admin_client, province_staff, queue, pending_certificate, pending_gi_right
):
    index, obj = (CERTIFICATES, pending_certificate) if queue == "certificate" else (RIGHTS, pending_gi_right)
    client.force_login(province_staff)
    for browser in (client, admin_client):
        listing = browser.get(index)
        assert listing.status_code == 200
        assert [item.pk for item in listing.context["object_list"]] == [obj.pk]
        inspect = browser.get(f"{index}inspect/{obj.pk}/").content.decode()
        assert f"{index}document/{obj.pk}/" in inspect
        assert f"{index}verify/{obj.pk}/" in inspect
        assert f"{index}reject/{obj.pk}/" in inspect
        assert f"{index}revoke/{obj.pk}/" not in inspect  # only a verified one can be revoked
        document = browser.get(f"{index}document/{obj.pk}/")
        assert (document.status_code, document["Content-Type"], document["Content-Security-Policy"]) == (
            200, "application/pdf", "sandbox")
        assert b"".join(document.streaming_content).startswith(b"%PDF-")
        for url in (f"{index}verify/{obj.pk}/", f"{index}reject/{obj.pk}/", f"{index}history/{obj.pk}/"):
            assert browser.get(url).status_code == 200, url
        # No add, edit or delete: these change only by a decision.
        assert f"{index}new/" not in listing.content.decode()
        assert f"{index}edit/" not in listing.content.decode()


@pytest.mark.parametrize("queue", ["certificate", "right"])
def test_anonymous_sellers_and_admin_users_without_the_permission_cannot_decide(
    client, queue, pending_certificate, pending_gi_right, seller_with_login, django_user_model
):
    index, obj = (CERTIFICATES, pending_certificate) if queue == "certificate" else (RIGHTS, pending_gi_right)
    editor = django_user_model.objects.create_user("bientap@example.vn", "x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for user, location in [(None, "/cms-admin/login/"), (seller_with_login.users.get(), "/cms-admin/login/"),
                           (editor, "/cms-admin/")]:
        client.logout()
        if user:
            client.force_login(user)
        for url in queue_urls(index, obj.pk):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].split("?")[0] == location, url
        assert client.post(f"{index}verify/{obj.pk}/").status_code == 302
    obj.refresh_from_db()
    assert entries(obj) == []
    if queue == "certificate":
        assert obj.status == OcopCertificate.Status.PENDING
    else:
        assert obj.is_awaiting_verification


# --- OCOP certificates ------------------------------------------------------------------------------------


def test_verifying_a_certificate_shows_the_badge_tells_the_seller_and_is_logged(
    staff_post, province_staff, pending_certificate, mailoutbox
):
    product = pending_certificate.product
    assert product.ocop_badge is None

    response = staff_post(f"{CERTIFICATES}verify/{pending_certificate.pk}/")

    assert response["Location"] == f"{CERTIFICATES}inspect/{pending_certificate.pk}/"
    pending_certificate.refresh_from_db()
    assert (pending_certificate.status, pending_certificate.verified_by) == ("verified", province_staff)
    assert product.ocop_badge == pending_certificate
    assert ProductSearchDocument.objects.get(product=product).stars == 4
    assert [(m.to, m.subject) for m in mailoutbox] == [(
        ["htx.tancuong@example.vn"],
        "Sàn OCOP Thái Nguyên: chứng nhận OCOP của Chè búp Tân Cương đã được xác minh",
    )]
    assert f"/catalogue/{product.slug}_{product.pk}/" in mailoutbox[0].body
    assert entries(pending_certificate) == [
        ("marketplace.ocop_certificate.verify", "canbo@example.vn", {"reason": "", "product_id": product.pk}),
    ]


def test_rejecting_a_certificate_needs_a_reason_which_the_seller_receives(
    staff_post, pending_certificate, mailoutbox
):
    refused = staff_post(f"{CERTIFICATES}reject/{pending_certificate.pk}/", {"reason": "  \n "})

    assert refused.status_code == 200
    assert refused.context["form"].errors["reason"] == ["Hãy ghi lý do từ chối để người bán biết cần bổ sung gì."]
    pending_certificate.refresh_from_db()
    assert pending_certificate.status == OcopCertificate.Status.PENDING
    assert (mailoutbox, entries(pending_certificate)) == ([], [])

    staff_post(f"{CERTIFICATES}reject/{pending_certificate.pk}/",
               {"reason": "Bản chụp mờ, không đọc được số quyết định."})

    pending_certificate.refresh_from_db()
    assert (pending_certificate.status, pending_certificate.decision_reason) == (
        "rejected", "Bản chụp mờ, không đọc được số quyết định.")
    assert pending_certificate.product.ocop_badge is None
    assert mailoutbox[0].subject == "Sàn OCOP Thái Nguyên: chứng nhận OCOP của Chè búp Tân Cương chưa được xác minh"
    assert "Bản chụp mờ, không đọc được số quyết định." in mailoutbox[0].body
    assert [action for action, _user, _data in entries(pending_certificate)] == ["marketplace.ocop_certificate.reject"]


def test_revoking_a_certificate_removes_the_badge_at_once(staff_post, client, pending_certificate, mailoutbox):
    certificate_decisions.verify(pending_certificate.pk, None)
    product = pending_certificate.product
    assert "badge-ocop__stars" in client.get(product.get_absolute_url()).content.decode()
    mailoutbox.clear()

    refused = staff_post(f"{CERTIFICATES}revoke/{pending_certificate.pk}/", {"reason": ""})
    assert refused.context["form"].errors["reason"] == [
        "Hãy ghi lý do thu hồi: người bán và người mua cần biết vì sao."]
    staff_post(f"{CERTIFICATES}revoke/{pending_certificate.pk}/", {"reason": "Quyết định đã bị hủy."})

    pending_certificate.refresh_from_db()
    assert (pending_certificate.status, pending_certificate.decision_reason) == ("revoked", "Quyết định đã bị hủy.")
    assert product.ocop_badge is None
    assert ProductSearchDocument.objects.get(product=product).stars is None
    assert "badge-ocop__stars" not in client.get(product.get_absolute_url()).content.decode()
    assert mailoutbox[0].subject == "Sàn OCOP Thái Nguyên: chứng nhận OCOP của Chè búp Tân Cương đã bị thu hồi"
    assert "Quyết định đã bị hủy." in mailoutbox[0].body
    assert entries(pending_certificate)[-1] == (
        "marketplace.ocop_certificate.revoke", "canbo@example.vn",
        {"reason": "Quyết định đã bị hủy.", "product_id": product.pk},
    )


def test_a_decision_that_no_longer_applies_is_refused_with_a_message(
    staff_post, client, pending_certificate, mailoutbox
):
    staff_post(f"{CERTIFICATES}verify/{pending_certificate.pk}/")
    mailoutbox.clear()

    again = staff_post(f"{CERTIFICATES}verify/{pending_certificate.pk}/")
    late = staff_post(f"{CERTIFICATES}reject/{pending_certificate.pk}/", {"reason": "Trùng"})
    assert again["Location"] == late["Location"] == f"{CERTIFICATES}inspect/{pending_certificate.pk}/"
    page = client.get(late["Location"]).content.decode()
    assert "Giấy chứng nhận OCOP 4★ — 123/QĐ-UBND đang ở trạng thái “Đã xác minh”: không thể làm việc này." in page
    assert client.get(f"{CERTIFICATES}reject/{pending_certificate.pk}/").status_code == 302
    assert mailoutbox == []
    assert len(entries(pending_certificate)) == 1
    with pytest.raises(NotDecidable):
        certificate_decisions.reject(pending_certificate.pk, None, "x")


def test_the_certificate_e_mail_is_sent_once_even_when_the_task_runs_twice(pending_certificate, mailoutbox):
    certificate_decisions.reject(pending_certificate.pk, None, "Thiếu bản chụp")
    assert send_certificate_decision(pending_certificate.pk) is True
    assert send_certificate_decision(pending_certificate.pk) is False
    assert len(mailoutbox) == 1


def test_a_seller_without_a_login_is_not_written_to(pending_certificate, mailoutbox):
    pending_certificate.product.seller.users.clear()
    certificate_decisions.verify(pending_certificate.pk, None)
    assert send_certificate_decision(pending_certificate.pk) is False
    assert mailoutbox == []


def test_the_queue_opens_on_pending_certificates_and_filters_by_status(
    client, province_staff, pending_certificate, certify, make_product, seller_with_login
):
    verified = certify(make_product(seller_with_login, "Chè móc câu"), stars=3)
    client.force_login(province_staff)
    assert [c.pk for c in client.get(CERTIFICATES).context["object_list"]] == [pending_certificate.pk, verified.pk]
    filtered = client.get(CERTIFICATES, {"status": "verified"}).context["object_list"]
    assert [c.pk for c in filtered] == [verified.pk]


# --- GI rights --------------------------------------------------------------------------------------------


def test_verifying_a_gi_right_lets_the_sellers_products_show_the_gi(
    staff_post, province_staff, pending_gi_right, tan_cuong_gi, make_product, mailoutbox
):
    product = make_product(pending_gi_right.seller, gi=tan_cuong_gi)
    assert product.gi_badge is None

    staff_post(f"{RIGHTS}verify/{pending_gi_right.pk}/")

    pending_gi_right.refresh_from_db()
    assert (pending_gi_right.verified_by, pending_gi_right.is_verified) == (province_staff, True)
    assert product.gi_badge == tan_cuong_gi
    assert ProductSearchDocument.objects.get(product=product).gi_id == tan_cuong_gi.pk
    assert mailoutbox[0].subject == "Sàn OCOP Thái Nguyên: quyền sử dụng chỉ dẫn địa lý Tân Cương đã được xác minh"
    assert "/gi/che-tan-cuong/" in mailoutbox[0].body
    assert entries(pending_gi_right) == [
        ("marketplace.gi_right.verify", "canbo@example.vn",
         {"reason": "", "seller_id": pending_gi_right.seller_id}),
    ]


def test_rejecting_a_gi_right_needs_a_reason(staff_post, pending_gi_right, mailoutbox):
    refused = staff_post(f"{RIGHTS}reject/{pending_gi_right.pk}/", {"reason": " "})
    assert refused.context["form"].errors["reason"] == ["Hãy ghi lý do từ chối để người bán biết cần bổ sung gì."]
    pending_gi_right.refresh_from_db()
    assert pending_gi_right.is_awaiting_verification and mailoutbox == []

    staff_post(f"{RIGHTS}reject/{pending_gi_right.pk}/", {"reason": "Văn bản đã hết hiệu lực."})

    pending_gi_right.refresh_from_db()
    assert pending_gi_right.rejection_reason == "Văn bản đã hết hiệu lực."
    assert pending_gi_right.rejected_at is not None and pending_gi_right.verified_at is None
    assert pending_gi_right.review_status == "Bị từ chối"
    assert "Văn bản đã hết hiệu lực." in mailoutbox[0].body
    assert entries(pending_gi_right)[0][0] == "marketplace.gi_right.reject"
    # A rejected right cannot then be verified.
    assert staff_post(f"{RIGHTS}verify/{pending_gi_right.pk}/").status_code == 302
    pending_gi_right.refresh_from_db()
    assert pending_gi_right.verified_at is None


def test_revoking_a_gi_right_removes_the_gi_from_the_sellers_products_at_once(
    staff_post, client, pending_gi_right, tan_cuong_gi, make_product, mailoutbox
):
    product = make_product(pending_gi_right.seller, gi=tan_cuong_gi)
    right_decisions.verify(pending_gi_right.pk, None)
    assert product.gi_badge == tan_cuong_gi
    mailoutbox.clear()

    refused = staff_post(f"{RIGHTS}revoke/{pending_gi_right.pk}/", {})
    assert refused.context["form"].errors["reason"] == [
        "Hãy ghi lý do thu hồi: người bán và người mua cần biết vì sao."]
    staff_post(f"{RIGHTS}revoke/{pending_gi_right.pk}/", {"reason": "Tổ chức quản lý đã rút quyền."})

    pending_gi_right.refresh_from_db()
    assert pending_gi_right.revoked_reason == "Tổ chức quản lý đã rút quyền."
    assert product.gi_badge is None
    assert ProductSearchDocument.objects.get(product=product).gi_id is None
    assert mailoutbox[0].subject == "Sàn OCOP Thái Nguyên: quyền sử dụng chỉ dẫn địa lý Tân Cương đã bị thu hồi"
    assert [action for action, _u, _d in entries(pending_gi_right)] == [
        "marketplace.gi_right.verify", "marketplace.gi_right.revoke"]


def test_the_gi_right_e_mail_is_sent_once(pending_gi_right, mailoutbox):
    right_decisions.verify(pending_gi_right.pk, None)
    assert send_gi_right_decision(pending_gi_right.pk) is True
    assert send_gi_right_decision(pending_gi_right.pk) is False
    assert len(mailoutbox) == 1


def test_the_gi_right_queue_filters_by_state(
    client, province_staff, pending_gi_right, grant_gi_right, make_seller, tan_cuong_gi
):
    verified = grant_gi_right(make_seller("HTX Khác", commune="Phường Gia Sàng"), tan_cuong_gi)
    client.force_login(province_staff)
    assert [r.pk for r in client.get(RIGHTS, {"state": "awaiting"}).context["object_list"]] == [pending_gi_right.pk]
    assert [r.pk for r in client.get(RIGHTS, {"state": "verified"}).context["object_list"]] == [verified.pk]
    assert "Chờ xác minh" in client.get(RIGHTS).content.decode()


@pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="no broker: tasks are eager")
# Committed for real so the worker sees the rows; the serialized rollback puts back what migrations made.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_a_broker_the_worker_tells_the_seller_of_the_decision(thai_nguyen, django_user_model):
    from marketplace import celery_app

    was_eager = celery_app.conf.task_always_eager

    celery_app.conf.task_always_eager = False
    try:
        _, communes = thai_nguyen
        seller = Partner.objects.create(name="HTX Chè Worker", kind="htx", commune=communes["Xã Tân Cương"])
        seller.users.add(django_user_model.objects.create_user("worker@example.vn", "x"))
        certificate = OcopCertificate.objects.create(
            product=Product.objects.create(title="Chè worker", seller=seller), stars=3, group=2,
            decision_number="9/QĐ", decision_date=date(2025, 1, 2), issuer=OcopCertificate.Issuer.PROVINCE,
            issuer_name="UBND tỉnh Thái Nguyên", status=OcopCertificate.Status.REJECTED, decision_reason="Mờ",
        )
        send_certificate_decision.delay(certificate.pk)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            certificate.refresh_from_db()
            if certificate.decision_email_sent_at is not None:
                break
            time.sleep(0.25)
        assert certificate.decision_email_sent_at is not None, "the worker did not send the e-mail within 30 s"
    finally:
        celery_app.conf.task_always_eager = was_eager
        django_user_model.objects.filter(email="worker@example.vn").delete()
