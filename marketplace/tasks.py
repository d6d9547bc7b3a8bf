from celery import shared_task


@shared_task(name="marketplace.ping")
def ping() -> str:
    """A task with no side effects: proves a worker consumes from the broker."""
    return "pong"


@shared_task(name="marketplace.send_pending_tasks")
def send_pending_tasks() -> int:
    """Send the tasks the broker could not take when they were enqueued (marketplace.background)."""
    from marketplace.background import send_pending

    return send_pending()
