"""Celery tasks of geographic indications; each can run twice without harm."""

from smtplib import SMTPException

from celery import shared_task
from django.urls import reverse

from geo_indications.models import GIRight
from marketplace.decisions import seller_message, send_decision_once

_RETRY = {"autoretry_for": (SMTPException, OSError), "retry_backoff": 30, "max_retries": 6}


def _right_decision_message(right):
    if right.is_awaiting_verification:
        return None
    gi = right.geographic_indication
    return seller_message("gi_right_decision", right.seller, {
        "right": right, "gi": gi, "gi_url": reverse("geo_indications:detail", args=[gi.slug]),
    })


@shared_task(name="geo_indications.send_gi_right_decision", **_RETRY)
def send_gi_right_decision(right_id: int) -> bool:
    """Tell the seller the latest decision on its right to use a GI (verified, rejected or revoked), once."""
    return send_decision_once(GIRight, right_id, _right_decision_message)
