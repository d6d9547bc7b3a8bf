"""E-mails built from a pair of plain-text templates, `<folder>/<name>_subject.txt` and
`<folder>/<name>_body.txt`, in Vietnamese: one way for every e-mail the marketplace sends."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def templated_email(template: str, recipients: list[str], context: dict) -> EmailMessage | None:
    """The e-mail of `template` ("order/emails/order_paid") to `recipients`; None when there is
    nobody to write to."""
    if not recipients:
        return None
    # A worker has no request, so no active language: buyers, sellers and applicants read Vietnamese.
    with translation.override("vi"):
        context = {"shop_name": settings.OSCAR_SHOP_NAME, "site_url": settings.SITE_URL, **context}
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    return EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients)


def seller_emails(seller) -> list[str]:
    """Where a seller is written to: the e-mail of each active login of the seller."""
    if seller is None:
        return []
    return sorted({user.email for user in seller.users.filter(is_active=True) if user.email})
