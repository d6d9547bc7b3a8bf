"""Running a search and loading the products it found, for the pages and the API."""

from dataclasses import replace

from oscar.core.loading import get_model

from catalog.search.backends import get_backend
from catalog.search.backends.base import SearchQuery, SearchResult

Product = get_model("catalogue", "Product")


def last_page(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


def run(query: SearchQuery, products=None) -> tuple[SearchQuery, SearchResult]:
    """Search, then load the found products in their ranked order with everything a card needs.

    A page past the end answers the last page, as the browse pages always did.
    """
    backend = get_backend()
    result = backend.search(query)
    if not result.product_ids and result.total and query.page > last_page(result.total, query.per_page):
        query = replace(query, page=last_page(result.total, query.per_page))
        result = backend.search(query)
    queryset = Product.objects.for_cards() if products is None else products
    found = {p.pk: p for p in queryset.filter(pk__in=result.product_ids)}
    result.products = [found[pk] for pk in result.product_ids if pk in found]
    return query, result


def found_ids(query: SearchQuery) -> list[int]:
    """The ids of the products a query finds on its page, in order, none loaded: for cached_cards,
    which loads only the products whose card is not kept and leaves out those no longer browsable."""
    return get_backend().search(query).product_ids
