"""Province staff suspend a seller that breaks the rules, and reinstate it, as plain functions.

active → suspended → active. Each decision locks the seller's row, needs a reason, is written to the
audit log in the same transaction and tells the seller's logins by e-mail once committed.

What suspension does is what `Partner.is_active` already means to the storefront: the seller's
products leave every list, page, block and the API (catalog.managers: `public()`/`browsable()`), its
producer page and the CMS blocks skip it, its search documents are rebuilt (saving a Partner
reindexes its products, catalog/search/signals.py) and baskets refuse its products (sellers.strategy).
Nothing happens by itself to its open parts of orders: buyers have paid for them, so the seller must
still ship or cancel each (the e-mail says so) and keeps its dashboard for that; the dashboard shows
that it is suspended and why.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace import audit_log
from marketplace.background import enqueue_on_commit
from marketplace.decisions import NotDecidable, required_reason
from sellers import tasks
from sellers.models import Partner


def open_parts(seller):
    """The seller's parts of orders still to ship: suspension leaves them to the seller."""
    OrderPart = get_model("order", "OrderPart")
    return OrderPart.objects.filter(seller=seller, status__in=[OrderPart.Status.NEW, OrderPart.Status.ACCEPTED])


def _locked(seller_id, active) -> Partner:
    seller = Partner.objects.select_for_update().get(pk=seller_id)
    if seller.is_active != active:
        state = _("đang hoạt động") if seller.is_active else _("đang bị đình chỉ")
        raise NotDecidable(
            _("Người bán %(seller)s %(state)s: không thể làm việc này.") % {"seller": seller.name, "state": state}
        )
    return seller


def _decide(seller, is_active, reviewer, action, reason) -> Partner:
    seller.is_active = is_active
    seller.status_reason = reason
    seller.status_decided_by = reviewer
    seller.status_decided_at = timezone.now()
    seller.decision_email_sent_at = None
    seller.save(update_fields=[
        "is_active", "status_reason", "status_decided_by", "status_decided_at", "decision_email_sent_at",
    ])
    audit_log.record(seller, action, reviewer, reason)
    enqueue_on_commit(tasks.send_suspension_decision, seller.pk)
    return seller


def suspend(seller_id, reviewer, reason) -> Partner:
    reason = required_reason(reason, _("Hãy ghi lý do đình chỉ: người bán cần biết mình vi phạm điều gì."))
    with transaction.atomic():
        seller = _locked(seller_id, active=True)
        return _decide(seller, False, reviewer, audit_log.SELLER_SUSPENDED, reason)


def reinstate(seller_id, reviewer, reason) -> Partner:
    # Required too: lifting a sanction is the decision the log most needs to justify (what was put
    # right), and the seller is told what it was reinstated on.
    reason = required_reason(reason, _("Hãy ghi lý do khôi phục: người bán đã khắc phục điều gì."))
    with transaction.atomic():
        seller = _locked(seller_id, active=False)
        return _decide(seller, True, reviewer, audit_log.SELLER_REINSTATED, reason)
