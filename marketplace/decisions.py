"""What every staff verification decision shares: refusing one that no longer applies, requiring a
reason for a refusal, and telling the seller once by e-mail (from a Celery task).

The decisions themselves live beside their models: catalog.certificate_decisions,
geo_indications.right_decisions, catalog.reviews.moderation, marketplace.payments.transfer_settlement.
"""

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from marketplace.mail import seller_emails, templated_email


class NotDecidable(Exception):
    """The object is no longer in a state this decision applies to (decided by someone else, or twice)."""


def required_reason(reason, message: str) -> str:
    """The reason without surrounding blanks; a ValidationError with `message` when there is none."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(message, code="no_reason")
    return reason


def seller_message(template: str, seller, context: dict) -> EmailMessage | None:
    """An e-mail to the seller from templates/verification/emails/<template>_{subject,body}.txt; None
    when the seller has no login to write to."""
    return templated_email(f"verification/emails/{template}", seller_emails(seller), {"seller": seller, **context})


def send_decision_once(model, pk, build) -> bool:
    """Send the e-mail `build(obj)` returns for the latest decision on `obj`, unless already sent.

    Each decision clears `decision_email_sent_at`; the row stays locked while the message is sent, so
    a second run waits and then sees it was sent. If sending fails nothing is recorded and Celery retries.
    """
    with transaction.atomic():
        obj = model.objects.select_for_update(of=("self",)).filter(pk=pk).first()
        if obj is None or obj.decision_email_sent_at is not None:
            return False
        message = build(obj)
        if message is None:
            return False
        message.send()
        # An update, not save(): recording the e-mail is not a change search or the audit log cares about.
        model.objects.filter(pk=pk).update(decision_email_sent_at=timezone.now())
    return True
