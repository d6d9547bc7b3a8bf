"""Enqueueing background work: only once the data the task reads has been committed, and never lost
when the broker is down.

A task is sent when the transaction commits. If the broker does not take it within a bounded retry,
the request goes on (the order is already committed: the buyer must not see an error for it) and the
task is kept in the database outbox (`PendingTask`). The outbox is sent by the periodic task
`marketplace.send_pending_tasks` and, sooner, by the next successful send from the same process.
Each kept task is claimed by one sender before it is sent, so it is sent once; a sender that dies
between sending and forgetting it leaves a claim that expires, and the task is sent again: tasks are
written to be safe to run twice.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnavailable
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# How long a publish may hold a request when the broker is down is bounded by the settings
# (CELERY_TASK_PUBLISH_RETRY_POLICY, CELERY_BROKER_CONNECTION_TIMEOUT); then the outbox keeps the task.
SEND_ERRORS = (BrokerUnavailable, RedisConnectionError, RedisTimeoutError, OSError)
CLAIM_SECONDS = 600
SEND_PENDING_LIMIT = 200
SEND_WITH_NEXT_LIMIT = 20

_kept_by_this_process = False


def enqueue_on_commit(task, *args, **kwargs):
    """Send `task` to the broker when the current transaction commits (at once outside one).

    A task sent before commit could run before its rows exist, or for rows a rollback removed.
    """
    transaction.on_commit(lambda: send(task, args, kwargs))


def _publish(task, args, kwargs):
    task.delay(*args, **kwargs)


def _is_eager(task) -> bool:
    # Eager tasks run here and now: their own errors must reach the caller, not the outbox.
    return bool(task.app.conf.task_always_eager)


def send(task, args=(), kwargs=None) -> bool:
    """Send a task now; when the broker cannot take it, keep it in the outbox. True when sent."""
    global _kept_by_this_process
    kwargs = kwargs or {}
    if _is_eager(task):
        _publish(task, args, kwargs)
    else:
        try:
            _publish(task, args, kwargs)
        except SEND_ERRORS as exc:
            from marketplace.models import PendingTask

            PendingTask.objects.create(name=task.name, args=list(args), kwargs=kwargs, last_error=str(exc)[:500])
            _kept_by_this_process = True
            logger.warning("Không gửi được tác vụ %s tới hàng đợi (%s); đã lưu để gửi lại.", task.name, exc)
            return False
    if _kept_by_this_process:
        # A few at once, in someone's request; the periodic task sends the rest.
        _kept_by_this_process = False
        send_pending(limit=SEND_WITH_NEXT_LIMIT)
    return True


def send_pending(limit=SEND_PENDING_LIMIT) -> int:
    """Send the kept tasks, oldest first; stops at the first the broker still refuses. Returns how
    many were sent. Must run outside a transaction: each claim and each removal commits at once."""
    from marketplace.celery import app
    from marketplace.models import PendingTask

    now = timezone.now()
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    sent = 0
    for pk in list(PendingTask.objects.filter(free).values_list("pk", flat=True)[:limit]):
        # One conditional UPDATE: of two senders, only one moves the claim.
        if not PendingTask.objects.filter(free, pk=pk).update(claimed_until=now + timedelta(seconds=CLAIM_SECONDS)):
            continue
        pending = PendingTask.objects.get(pk=pk)
        try:
            _publish(app.tasks[pending.name], pending.args, pending.kwargs)
        except SEND_ERRORS as exc:
            PendingTask.objects.filter(pk=pk).update(
                claimed_until=None, attempts=F("attempts") + 1, last_error=str(exc)[:500]
            )
            logger.warning("Hàng đợi vẫn chưa nhận tác vụ (%s); %s sẽ được gửi lại sau.", exc, pending)
            break
        PendingTask.objects.filter(pk=pk).delete()
        sent += 1
    if sent:
        logger.info("Đã gửi %s tác vụ chờ trong hộp thư đi.", sent)
    return sent
