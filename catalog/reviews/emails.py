"""The e-mails review moderation sends: the reviewer learns why a review was hidden, the seller that
a new review of its product is shown. Built from templates/reviews/emails/*.txt."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from marketplace.decisions import seller_emails


def _message(template: str, recipients: list[str], context: dict) -> EmailMessage | None:
    if not recipients:
        return None
    # A worker has no request, so no active language: buyers and sellers read Vietnamese.
    with translation.override("vi"):
        context = {"shop_name": settings.OSCAR_SHOP_NAME, "site_url": settings.SITE_URL, **context}
        subject = render_to_string(f"reviews/emails/{template}_subject.txt", context)
        body = render_to_string(f"reviews/emails/{template}_body.txt", context)
    return EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients)


def review_hidden(review) -> EmailMessage | None:
    """To the reviewer: the review is hidden, and why."""
    user = review.user
    address = user.email if user else review.email
    return _message("review_hidden", [address] if address else [], {
        "review": review, "product": review.product, "name": user.get_full_name() if user else review.name,
    })


def review_shown(review) -> EmailMessage | None:
    """To the product's seller: a new review of it is shown."""
    product = review.product
    return _message("review_shown", seller_emails(product.seller), {
        "review": review, "product": product, "seller": product.seller, "review_url": review.get_absolute_url(),
    })
