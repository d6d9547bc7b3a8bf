"""Seller applications: submitting, approving and rejecting, as plain functions.

Each decision runs in one transaction with the application row locked (select_for_update), so a
double click or two staff deciding at once cannot decide the same application twice.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import audit_log
from marketplace.background import enqueue_on_commit
from sellers import tasks
from sellers.models import Partner, SellerApplication, SellerApplicationDocument, SellerBankAccount

# Granted the review permissions by migration partner 0011 (named as in marketplace.demo_data).
PROVINCE_STAFF_GROUP = "Cán bộ tỉnh"


class AlreadyDecided(Exception):
    """The application was approved or rejected before this decision."""

    def __init__(self, application):
        self.application = application
        super().__init__(
            _("Hồ sơ %(name)s đã được xử lý trước đó (%(status)s).")
            % {"name": application.name, "status": application.get_status_display()}
        )


def submit(fields: dict, documents: list[tuple[str, object, str]]) -> SellerApplication:
    """Store a validated application and its documents (kind, file, original name) in one
    transaction, and acknowledge it by e-mail once committed."""
    attempted = []
    try:
        with transaction.atomic():
            application = SellerApplication.objects.create(**fields, consented_at=timezone.now())
            for kind, upload, original_name in documents:
                document = SellerApplicationDocument(
                    application=application, kind=kind, file=upload,
                    original_name=original_name[:200], size=upload.size,
                )
                attempted.append(document)
                document.save()
            enqueue_on_commit(tasks.send_application_received, application.pk)
    except Exception:
        # A rollback does not remove files already written to storage: remove them here.
        for document in attempted:
            if document.file and document.file._committed:
                document.file.storage.delete(document.file.name)
        raise
    return application


def _locked_undecided(application_id) -> SellerApplication:
    application = SellerApplication.objects.select_for_update().get(pk=application_id)
    if application.is_decided:
        raise AlreadyDecided(application)
    return application


def approve(application_id, reviewer) -> SellerApplication:
    """Create the seller, its login and its payout account from the application."""
    with transaction.atomic():
        application = _locked_undecided(application_id)
        user = _user_for(application)
        seller = Partner.objects.create(
            name=application.name, kind=application.kind, commune=application.commune,
            street_address=application.street_address, tax_code=application.tax_code,
            representative=application.representative, phone=application.phone,
        )
        SellerBankAccount.objects.create(
            seller=seller, bank_bin=application.bank_bin,
            account_number=application.bank_account_number, account_name=application.bank_account_name,
        )
        seller.users.add(user)
        # Oscar's dashboard lets partner users in with this permission, limited to their own stock.
        user.user_permissions.add(
            Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
        )
        application.status = SellerApplication.Status.APPROVED
        application.seller = seller
        application.reviewed_by = reviewer
        application.reviewed_at = timezone.now()
        application.save(update_fields=["status", "seller", "reviewed_by", "reviewed_at"])
        audit_log.record(application, audit_log.SELLER_APPROVED, reviewer, seller_id=seller.pk)
        enqueue_on_commit(tasks.send_application_decision, application.pk)
    return application


def reject(application_id, reviewer, reason: str) -> SellerApplication:
    """Refuse the application; the applicant is told the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy ghi lý do từ chối để người đăng ký biết cần sửa gì."), code="no_reason")
    with transaction.atomic():
        application = _locked_undecided(application_id)
        application.status = SellerApplication.Status.REJECTED
        application.rejection_reason = reason
        application.reviewed_by = reviewer
        application.reviewed_at = timezone.now()
        application.save(update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at"])
        audit_log.record(application, audit_log.SELLER_REJECTED, reviewer, reason)
        enqueue_on_commit(tasks.send_application_decision, application.pk)
    return application


def staff_login_uses(email) -> bool:
    """Whether a login of someone who works in an admin has this e-mail: a superuser, a Django or
    Oscar staff member, province staff or anyone else let into Wagtail's admin, active or not.

    Such a login never becomes a seller's: sellers stay out of Wagtail's admin, and a staff member's
    powers must not reach a shop's dashboard through it.
    """
    admin_access = Permission.objects.filter(codename="access_admin", content_type__app_label="wagtailadmin")
    return get_user_model().objects.filter(email__iexact=email).filter(
        Q(is_superuser=True) | Q(is_staff=True) | Q(groups__name=PROVINCE_STAFF_GROUP)
        | Q(groups__permissions__in=admin_access) | Q(user_permissions__in=admin_access)
    ).exists()


def _user_for(application):
    if staff_login_uses(application.email):
        raise ValidationError(
            _("Email %(email)s là của một tài khoản cán bộ hoặc quản trị viên: tài khoản này không thể trở "
              "thành tài khoản người bán. Hãy từ chối hồ sơ và đề nghị người đăng ký dùng một email khác.")
            % {"email": application.email},
            code="staff_login",
        )
    User = get_user_model()
    user = User.objects.filter(email__iexact=application.email).order_by("pk").first()
    if user is None:
        # No password yet: the approval e-mail carries a link to set one.
        first_name, _space, last_name = application.representative.rpartition(" ")
        user = User.objects.create_user(
            application.email, password=None, first_name=first_name[:150], last_name=last_name[:150],
        )
    return user
