"""Celery tasks of the catalogue; each can run twice without harm."""

from smtplib import SMTPException

from celery import shared_task

from catalog.models import OcopCertificate
from marketplace.decisions import seller_message, send_decision_once

_RETRY = {"autoretry_for": (SMTPException, OSError), "retry_backoff": 30, "max_retries": 6}


def _certificate_decision_message(certificate):
    if certificate.status == OcopCertificate.Status.PENDING:
        return None
    product = certificate.product
    return seller_message("certificate_decision", product.seller, {
        "certificate": certificate, "product": product,
        "product_url": product.get_absolute_url(),
    })


@shared_task(name="catalogue.send_certificate_decision", **_RETRY)
def send_certificate_decision(certificate_id: int) -> bool:
    """Tell the seller the latest decision on its certificate (verified, rejected or revoked), once."""
    return send_decision_once(OcopCertificate, certificate_id, _certificate_decision_message)
