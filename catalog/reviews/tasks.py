"""Celery tasks of review moderation; each can run twice without harm."""

from smtplib import SMTPException

from celery import shared_task

from catalog.reviews import emails
from catalog.reviews.models import ProductReview
from marketplace.decisions import send_decision_once

_RETRY = {"autoretry_for": (SMTPException, OSError), "retry_backoff": 30, "max_retries": 6}


def _decision_message(review):
    if review.status == ProductReview.REJECTED:
        return emails.review_hidden(review)
    if review.status == ProductReview.APPROVED:
        return emails.review_shown(review)
    return None


@shared_task(name="reviews.send_review_decision", **_RETRY)
def send_review_decision(review_id: int) -> bool:
    """Tell the reviewer why a review was hidden, or the seller that a new review is shown, once."""
    return send_decision_once(ProductReview, review_id, _decision_message)
