"""Province staff review applications in Wagtail's admin; approval creates the seller and its login."""

import re
import time

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import connection

from sellers import applications, tasks
from sellers.models import Partner, SellerApplication, SellerBankAccount

pytestmark = pytest.mark.usefixtures("eager_celery")

INDEX_URL = "/cms-admin/seller-applications/"


def review_urls(application):
    return [
        INDEX_URL,
        f"{INDEX_URL}inspect/{application.pk}/",
        f"{INDEX_URL}approve/{application.pk}/",
        f"{INDEX_URL}reject/{application.pk}/",
        f"{INDEX_URL}document/{application.documents.get().pk}/",
    ]


@pytest.fixture
def decide(client, province_staff, django_capture_on_commit_callbacks):
    client.force_login(province_staff)

    def decide(action, application, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"{INDEX_URL}{action}/{application.pk}/", data or {})

    return decide


def test_the_staff_group_may_review_applications_from_the_data_migration(db):
    group = Group.objects.get(name="Cán bộ tỉnh")
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert {
        ("partner", "change_sellerapplication"),
        ("partner", "view_sellerapplication"),
        ("wagtailadmin", "access_admin"),
    } <= granted
    assert ("partner", "delete_sellerapplication") not in granted


def test_staff_see_the_listing_filtered_by_status_and_the_documents(
    client, province_staff, submitted_application
):
    pending = submitted_application()
    decided = submitted_application(email="khac@example.vn", name="Hộ kinh doanh Miến Dong")
    applications.reject(decided.pk, province_staff, "Thiếu giấy đăng ký")
    client.force_login(province_staff)

    listing = client.get(INDEX_URL, {"status": "submitted"})
    assert listing.status_code == 200
    assert [item.pk for item in listing.context["object_list"]] == [pending.pk]

    inspect = client.get(f"{INDEX_URL}inspect/{pending.pk}/")
    assert inspect.status_code == 200
    page = inspect.content.decode()
    assert "giay-dang-ky.pdf" in page
    assert f"{INDEX_URL}approve/{pending.pk}/" in page
    assert "Agribank" in page

    document = client.get(f"{INDEX_URL}document/{pending.documents.get().pk}/")
    assert document.status_code == 200
    assert document["Content-Type"] == "application/pdf"
    assert b"".join(document.streaming_content).startswith(b"%PDF-")


def test_superusers_review_too_and_the_decision_pages_render(admin_client, submitted_application):
    application = submitted_application()
    for url in review_urls(application)[:4]:
        assert admin_client.get(url).status_code == 200, url
    listing = admin_client.get(INDEX_URL).content.decode()
    # No add, edit or delete: an application changes only by a decision.
    assert f"{INDEX_URL}new/" not in listing
    assert f"{INDEX_URL}edit/" not in listing
    assert f"{INDEX_URL}inspect/{application.pk}/" in listing


def test_approval_creates_the_seller_its_payout_account_and_a_login_that_reaches_the_dashboard(
    client, decide, province_staff, submitted_application, thai_nguyen, mailoutbox, django_user_model
):
    _, communes = thai_nguyen
    application = submitted_application()
    mailoutbox.clear()

    response = decide("approve", application)
    assert response.status_code == 302
    assert response["Location"] == f"{INDEX_URL}inspect/{application.pk}/"

    application.refresh_from_db()
    assert application.status == SellerApplication.Status.APPROVED
    assert application.reviewed_by == province_staff
    seller = application.seller
    assert (seller.name, seller.kind, seller.commune, seller.street_address, seller.tax_code,
            seller.representative, seller.phone) == (
        "Hợp tác xã Chè Tân Cương Xanh", "htx", communes["Xã Tân Cương"], "Xóm Hồng Thái 2", "0100109106",
        "Nguyễn Thị Hoà", "+84912345678",
    )
    assert seller.slug == "hop-tac-xa-che-tan-cuong-xanh"
    account = SellerBankAccount.objects.get(seller=seller)
    assert (account.bank_bin, account.account_number, account.account_name) == (
        "970405", "8800205012345", "HOP TAC XA CHE TAN CUONG XANH",
    )
    user = django_user_model.objects.get(email="htx.tancuongxanh@example.vn")
    assert list(seller.users.all()) == [user]
    assert user.has_perm("partner.dashboard_access")
    assert not user.has_usable_password()

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["htx.tancuongxanh@example.vn"]
    assert message.subject == "Sàn OCOP Thái Nguyên: hồ sơ của Hợp tác xã Chè Tân Cương Xanh đã được duyệt"
    assert f"{settings.SITE_URL}/sellers/hop-tac-xa-che-tan-cuong-xanh/" in message.body
    application.refresh_from_db()
    assert application.decision_email_sent_at is not None

    # The applicant follows the link, sets a password, signs in and reaches the dashboard.
    client.logout()
    link = re.search(r"http://\S+/password-reset/confirm/\S+/", message.body).group(0)
    form_page = client.get(link.removeprefix(settings.SITE_URL), follow=True)
    assert form_page.status_code == 200
    set_password = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Che-Tan-Cuong-2026", "new_password2": "Che-Tan-Cuong-2026"},
    )
    assert set_password.status_code == 302
    assert client.login(username="htx.tancuongxanh@example.vn", password="Che-Tan-Cuong-2026")
    assert client.get("/dashboard/").status_code == 200
    assert client.get(f"/sellers/{seller.slug}/").status_code == 200


def test_approval_reuses_an_existing_account_for_the_same_email(submitted_application, province_staff,
                                                                 django_user_model):
    buyer = django_user_model.objects.create_user("HTX.TanCuongXanh@example.vn", "mat-khau-cu")
    application = applications.approve(submitted_application().pk, province_staff)
    assert list(application.seller.users.all()) == [buyer]
    buyer.refresh_from_db()
    assert buyer.check_password("mat-khau-cu")


STAFF_KINDS = ["superuser", "province staff", "is_staff", "wagtail admin access"]


def _staff_login(kind, django_user_model, email="HTX.TanCuongXanh@example.vn"):
    if kind == "superuser":
        return django_user_model.objects.create_superuser(email, "mat-khau-quan-tri")
    user = django_user_model.objects.create_user(email, "mat-khau-can-bo")
    user.is_staff = kind == "is_staff"
    user.save()
    if kind == "province staff":
        user.groups.add(Group.objects.get(name=applications.PROVINCE_STAFF_GROUP))
    if kind == "wagtail admin access":
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.mark.parametrize("kind", STAFF_KINDS)
def test_approval_refuses_to_make_a_staff_login_a_sellers(
    kind, decide, submitted_application, django_user_model, mailoutbox
):
    application = submitted_application()
    staff = _staff_login(kind, django_user_model)
    mailoutbox.clear()

    response = decide("approve", application)

    assert response.status_code == 200
    assert list(response.context["form"].non_field_errors()) == [
        "Email htx.tancuongxanh@example.vn là của một tài khoản cán bộ hoặc quản trị viên: tài khoản này không "
        "thể trở thành tài khoản người bán. Hãy từ chối hồ sơ và đề nghị người đăng ký dùng một email khác."
    ]
    application.refresh_from_db()
    assert (application.status, application.seller) == (SellerApplication.Status.SUBMITTED, None)
    assert not staff.partners.exists()
    assert not staff.user_permissions.filter(codename="dashboard_access").exists()
    assert (Partner.objects.count(), SellerBankAccount.objects.count()) == (0, 0)
    assert mailoutbox == []


def test_the_approve_function_refuses_a_staff_login_too(submitted_application, province_staff, django_user_model):
    application = submitted_application(email="CANBO@example.vn")
    with pytest.raises(ValidationError) as error:
        applications.approve(application.pk, province_staff)
    assert error.value.code == "staff_login"
    assert not province_staff.partners.exists()


def test_rejection_needs_a_reason_and_sends_it(decide, submitted_application, mailoutbox):
    application = submitted_application()
    mailoutbox.clear()

    refused = decide("reject", application, {"reason": "   "})
    assert refused.status_code == 200
    assert list(refused.context["form"].errors["reason"]) == [
        "Hãy ghi lý do từ chối để người đăng ký biết cần sửa gì."
    ]
    application.refresh_from_db()
    assert application.status == SellerApplication.Status.SUBMITTED
    assert mailoutbox == []

    done = decide("reject", application, {"reason": "Giấy đăng ký HTX bị mờ, hãy chụp lại rõ hơn."})
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.status == SellerApplication.Status.REJECTED
    assert application.rejection_reason == "Giấy đăng ký HTX bị mờ, hãy chụp lại rõ hơn."
    assert application.seller is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == (
        "Sàn OCOP Thái Nguyên: hồ sơ của Hợp tác xã Chè Tân Cương Xanh chưa được duyệt"
    )
    assert "Giấy đăng ký HTX bị mờ, hãy chụp lại rõ hơn." in mailoutbox[0].body
    assert f"{settings.SITE_URL}/sellers/apply/" in mailoutbox[0].body


def test_the_reject_function_refuses_a_blank_reason(submitted_application, province_staff):
    application = submitted_application()
    with pytest.raises(ValidationError):
        applications.reject(application.pk, province_staff, "\n ")
    application.refresh_from_db()
    assert application.status == SellerApplication.Status.SUBMITTED


def test_an_application_cannot_be_decided_twice(
    client, decide, submitted_application, province_staff, mailoutbox
):
    application = submitted_application()
    assert decide("approve", application).status_code == 302
    mailoutbox.clear()

    # A double click on "Duyệt", then a late "Từ chối" from a colleague.
    again = decide("approve", application)
    assert again.status_code == 302
    late = decide("reject", application, {"reason": "Trùng hồ sơ"})
    assert late.status_code == 302
    page = client.get(late["Location"]).content.decode()
    assert "Hồ sơ Hợp tác xã Chè Tân Cương Xanh đã được xử lý trước đó (Đã duyệt)." in page

    application.refresh_from_db()
    assert application.status == SellerApplication.Status.APPROVED
    assert application.seller.__class__.objects.count() == 1
    assert mailoutbox == []
    with pytest.raises(applications.AlreadyDecided):
        applications.approve(application.pk, province_staff)


def test_decision_emails_are_sent_once_even_when_the_task_runs_twice(submitted_application, province_staff,
                                                                       mailoutbox):
    application = submitted_application()
    applications.reject(application.pk, province_staff, "Thiếu giấy tờ")
    mailoutbox.clear()
    assert tasks.send_application_decision(application.pk) is True
    assert tasks.send_application_decision(application.pk) is False
    assert tasks.send_application_received(application.pk) is True
    assert tasks.send_application_received(application.pk) is False
    assert len(mailoutbox) == 2


def test_anonymous_visitors_are_sent_to_the_login_page(client, submitted_application):
    application = submitted_application()
    for url in review_urls(application):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/cms-admin/login/"), url
    assert client.post(f"{INDEX_URL}approve/{application.pk}/").status_code == 302
    application.refresh_from_db()
    assert application.status == SellerApplication.Status.SUBMITTED


def test_sellers_cannot_reach_the_review_views(client, seller_user, submitted_application):
    application = submitted_application()
    client.force_login(seller_user)
    for url in review_urls(application):
        response = client.get(url)
        # Wagtail sends people without admin access back to its login page.
        assert response.status_code == 302, url
        assert response["Location"].startswith("/cms-admin/login/"), url
    assert client.post(f"{INDEX_URL}approve/{application.pk}/").status_code == 302
    assert client.post(f"{INDEX_URL}reject/{application.pk}/", {"reason": "x"}).status_code == 302
    application.refresh_from_db()
    assert application.status == SellerApplication.Status.SUBMITTED


def test_admin_users_without_the_review_permission_are_turned_away(
    client, submitted_application, django_user_model
):
    application = submitted_application()
    # A content editor: may use Wagtail's admin, may not decide applications.
    editor = django_user_model.objects.create_user("bientap@example.vn", "mat-khau")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for url in review_urls(application):
        response = client.get(url)
        # Wagtail turns the views' PermissionDenied into a redirect to its home with a message.
        assert (response.status_code, response["Location"]) == (302, "/cms-admin/"), url
    assert client.post(f"{INDEX_URL}approve/{application.pk}/")["Location"] == "/cms-admin/"
    application.refresh_from_db()
    assert application.status == SellerApplication.Status.SUBMITTED


@pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="no broker: tasks are eager")
# Committed for real, so that the worker (reading the same test database) sees the rows. The flush
# after the test is limited to these apps: a full flush would also erase what migrations put in the
# kept test database (Wagtail's root page, the staff group) and break the next --reuse-db run.
@pytest.mark.django_db(transaction=True, available_apps=["sellers", "geo_indications"])
def test_with_a_broker_the_worker_sends_the_acknowledgement(thai_nguyen):
    from marketplace import celery_app

    was_eager = celery_app.conf.task_always_eager

    celery_app.conf.task_always_eager = False
    try:
        _, communes = thai_nguyen
        commune = communes["Xã Tân Cương"]
        application = applications.submit(
            {"kind": "hkd", "name": "Hộ kinh doanh Trà Xanh", "registration_number": "17A8001234",
             "tax_code": "0100109106", "representative": "Lê Văn Bình", "phone": "+84912345678",
             "email": "traxanh@example.vn", "province": commune.province, "commune": commune,
             "street_address": "Xóm 1", "bank_bin": "970436", "bank_account_number": "0011001234567",
             "bank_account_name": "LE VAN BINH"},
            [],
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            application.refresh_from_db()
            if application.received_email_sent_at is not None:
                break
            time.sleep(0.25)
        assert application.received_email_sent_at is not None, (
            f"the worker did not send the e-mail within 30 s (database {connection.settings_dict['NAME']})"
        )
    finally:
        celery_app.conf.task_always_eager = was_eager
