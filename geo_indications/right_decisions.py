"""Province staff verify, reject or revoke a seller's right to use a GI, as plain functions.

awaiting verification → verified or rejected; verified → revoked. Each decision locks the row, is
written to the audit log in the same transaction and tells the seller by e-mail once committed. The
badge follows at once: only verified, unrevoked rights in force count (GIRight.objects.valid_on), and
the save reindexes the seller's products carrying that GI.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from geo_indications.models import GIRight
from geo_indications.tasks import send_gi_right_decision
from marketplace import audit_log
from marketplace.background import enqueue_on_commit
from marketplace.decisions import NotDecidable, required_reason


def _locked(right_id, *, verified: bool) -> GIRight:
    right = GIRight.objects.select_for_update(of=("self",)).select_related("geographic_indication").get(pk=right_id)
    allowed = right.is_verified if verified else right.is_awaiting_verification
    if not allowed:
        raise NotDecidable(
            _("Quyền sử dụng %(right)s đang ở trạng thái “%(status)s”: không thể làm việc này.")
            % {"right": right, "status": right.review_status}
        )
    return right


def _decide(right, reviewer, action, reason="", **fields):
    right.decision_email_sent_at = None
    for name, value in fields.items():
        setattr(right, name, value)
    right.save(update_fields=["decision_email_sent_at", *fields])
    audit_log.record(right, action, reviewer, reason, seller_id=right.seller_id)
    enqueue_on_commit(send_gi_right_decision, right.pk)
    return right


def verify(right_id, reviewer) -> GIRight:
    with transaction.atomic():
        right = _locked(right_id, verified=False)
        return _decide(right, reviewer, audit_log.GI_RIGHT_VERIFIED, verified_by=reviewer, verified_at=timezone.now())


def reject(right_id, reviewer, reason) -> GIRight:
    reason = required_reason(reason, _("Hãy ghi lý do từ chối để người bán biết cần bổ sung gì."))
    with transaction.atomic():
        right = _locked(right_id, verified=False)
        return _decide(right, reviewer, audit_log.GI_RIGHT_REJECTED, reason,
                       rejected_at=timezone.now(), rejection_reason=reason)


def revoke(right_id, reviewer, reason) -> GIRight:
    reason = required_reason(reason, _("Hãy ghi lý do thu hồi: người bán và người mua cần biết vì sao."))
    with transaction.atomic():
        right = _locked(right_id, verified=True)
        return _decide(right, reviewer, audit_log.GI_RIGHT_REVOKED, reason,
                       revoked_at=timezone.now(), revoked_reason=reason)
