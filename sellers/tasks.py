"""Celery tasks that write to applicants and sellers. Each records when it sent, so running twice sends once."""

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from marketplace.decisions import seller_message, send_decision_once
from sellers import emails
from sellers.models import Partner, SellerApplication

_RETRY = {"autoretry_for": (SMTPException, OSError), "retry_backoff": 30, "max_retries": 6}


def _send_once(application_id, sent_at_field, build) -> bool:
    # The row stays locked while the message is sent: a second run waits, then sees it was sent.
    # If sending fails nothing is recorded and Celery retries.
    with transaction.atomic():
        # of=("self",): PostgreSQL cannot lock the nullable side of the join to the seller.
        application = (
            SellerApplication.objects.select_for_update(of=("self",)).select_related("seller")
            .filter(pk=application_id).first()
        )
        if application is None or getattr(application, sent_at_field) is not None:
            return False
        message = build(application)
        if message is None:
            return False
        message.send()
        setattr(application, sent_at_field, timezone.now())
        application.save(update_fields=[sent_at_field])
    return True


@shared_task(name="sellers.send_application_received", **_RETRY)
def send_application_received(application_id: int) -> bool:
    return _send_once(application_id, "received_email_sent_at", emails.application_received)


def _decision_message(application):
    if application.status == SellerApplication.Status.APPROVED:
        return emails.application_approved(application)
    if application.status == SellerApplication.Status.REJECTED:
        return emails.application_rejected(application)
    return None


@shared_task(name="sellers.send_application_decision", **_RETRY)
def send_application_decision(application_id: int) -> bool:
    return _send_once(application_id, "decision_email_sent_at", _decision_message)


def _suspension_message(seller):
    from sellers.suspension import open_parts

    if seller.status_decided_at is None:
        return None
    return seller_message("seller_suspension", seller, {
        "open_parts": open_parts(seller).count(),
        "dashboard_url": settings.SITE_URL + reverse("dashboard:index"),
        "orders_url": settings.SITE_URL + reverse("dashboard:seller-order-list"),
        "storefront_url": settings.SITE_URL + seller.get_absolute_url(),
    })


@shared_task(name="sellers.send_suspension_decision", **_RETRY)
def send_suspension_decision(seller_id: int) -> bool:
    """Tell the seller's logins the latest suspension or reinstatement, once."""
    return send_decision_once(Partner, seller_id, _suspension_message)
