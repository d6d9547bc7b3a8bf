"""The e-mails review moderation sends: the reviewer learns why a review was hidden, the seller that
a new review of its product is shown. Built from templates/reviews/emails/*.txt."""

from django.core.mail import EmailMessage

from marketplace.mail import seller_emails, templated_email


def _message(template: str, recipients: list[str], context: dict) -> EmailMessage | None:
    return templated_email(f"reviews/emails/{template}", recipients, context)


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
