"""Province staff verify, reject or revoke a seller's OCOP certificate, as plain functions.

pending → verified or rejected; verified → revoked. Each decision locks the row, is written to the
audit log in the same transaction and tells the seller by e-mail once committed. The badge follows
at once: only verified certificates in force are badges (OcopCertificate.objects.valid_on), and the
save reindexes the product for search.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import OcopCertificate
from catalog.tasks import send_certificate_decision
from marketplace import audit_log
from marketplace.background import enqueue_on_commit
from marketplace.decisions import NotDecidable, required_reason

Status = OcopCertificate.Status


def _locked(certificate_id, allowed_from) -> OcopCertificate:
    certificate = (
        OcopCertificate.objects.select_for_update(of=("self",)).select_related("product")
        .get(pk=certificate_id)
    )
    if certificate.status != allowed_from:
        raise NotDecidable(
            _("Giấy chứng nhận %(certificate)s đang ở trạng thái “%(status)s”: không thể làm việc này.")
            % {"certificate": certificate, "status": certificate.get_status_display()}
        )
    return certificate


def _decide(certificate, status, reviewer, action, reason="", **fields):
    certificate.status = status
    certificate.decision_reason = reason
    certificate.decision_email_sent_at = None
    for name, value in fields.items():
        setattr(certificate, name, value)
    certificate.save(update_fields=["status", "decision_reason", "decision_email_sent_at", *fields])
    audit_log.record(certificate, action, reviewer, reason, product_id=certificate.product_id)
    enqueue_on_commit(send_certificate_decision, certificate.pk)
    return certificate


def verify(certificate_id, reviewer) -> OcopCertificate:
    with transaction.atomic():
        certificate = _locked(certificate_id, Status.PENDING)
        return _decide(certificate, Status.VERIFIED, reviewer, audit_log.CERTIFICATE_VERIFIED,
                       verified_by=reviewer, verified_at=timezone.now())


def reject(certificate_id, reviewer, reason) -> OcopCertificate:
    reason = required_reason(reason, _("Hãy ghi lý do từ chối để người bán biết cần bổ sung gì."))
    with transaction.atomic():
        certificate = _locked(certificate_id, Status.PENDING)
        return _decide(certificate, Status.REJECTED, reviewer, audit_log.CERTIFICATE_REJECTED, reason)


def revoke(certificate_id, reviewer, reason) -> OcopCertificate:
    reason = required_reason(reason, _("Hãy ghi lý do thu hồi: người bán và người mua cần biết vì sao."))
    with transaction.atomic():
        certificate = _locked(certificate_id, Status.VERIFIED)
        return _decide(certificate, Status.REVOKED, reviewer, audit_log.CERTIFICATE_REVOKED, reason)
