"""Enqueueing background work: only once the data the task reads has been committed."""

from django.db import transaction


def enqueue_on_commit(task, *args, **kwargs):
    """Send `task` to the broker when the current transaction commits (at once outside one).

    A task sent before commit could run before its rows exist, or for rows a rollback removed.
    """
    transaction.on_commit(lambda: task.delay(*args, **kwargs))
