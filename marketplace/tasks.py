from celery import shared_task


@shared_task(name="marketplace.ping")
def ping() -> str:
    """A task with no side effects: proves a worker consumes from the broker."""
    return "pong"
