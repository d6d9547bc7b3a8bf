"""Celery tasks for refunds. Each can run twice: a refund is sent at most once (see refunds.py)."""

from celery import shared_task

from marketplace.payouts import refunds


@shared_task(name="payouts.send_card_refund")
def send_card_refund(refund_id: int) -> str:
    # No autoretry: a failure is recorded on the refund and the beat sweep below resends it, which
    # also covers tasks lost with a worker or never sent because the broker was down.
    return refunds.send_card_refund(refund_id)


@shared_task(name="payouts.retry_card_refunds")
def retry_card_refunds() -> int:
    return refunds.retry_card_refunds()
