from celery import shared_task

from marketplace.order.expiry import expire_unpaid_orders


@shared_task(name="order.expire_unpaid_orders")
def expire_unpaid_orders_task() -> int:
    return expire_unpaid_orders()
