"""Celery tasks that keep the search index up to date; each can run twice without harm."""

from celery import shared_task


@shared_task(name="search.index_products")
def index_products(product_ids: list[int]) -> int:
    """Rebuild the search documents (and the Elasticsearch entries, when configured) of these products."""
    from catalog.search.backends import get_backend

    get_backend().index(product_ids)
    return len(product_ids)


@shared_task(name="search.rebuild_index")
def rebuild_index() -> int:
    from catalog.search.backends import get_backend

    return get_backend().rebuild()
