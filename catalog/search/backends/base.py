"""The search interface every backend implements: a query in, product ids, total and facets out."""

from dataclasses import dataclass, field

SORTS = ("relevance", "price", "-price", "newest", "rating")
FACETS = ("stars", "group", "gi", "province", "commune", "seller_type", "price", "in_stock")
# Price ranges offered as facet values, in whole đồng: (key, low inclusive, high exclusive).
PRICE_RANGES = (
    ("0-100000", 0, 100_000),
    ("100000-200000", 100_000, 200_000),
    ("200000-500000", 200_000, 500_000),
    ("500000-1000000", 500_000, 1_000_000),
    ("1000000-", 1_000_000, None),
)
PER_PAGE = 24


def price_range_of(price: int | None) -> str:
    """The PRICE_RANGES key a whole-đồng price falls in ("" without a price)."""
    if price is None:
        return ""
    return next((key for key, low, high in PRICE_RANGES if price >= low and (high is None or price < high)), "")


@dataclass(frozen=True)
class Filters:
    """Facet filters; None means not filtered. `gi` is a GI slug, codes are statistics office codes."""

    stars: int | None = None
    group: int | None = None
    gi: str | None = None
    province: int | None = None
    commune: int | None = None
    seller_type: str | None = None
    seller: str | None = None  # a seller's slug
    min_price: int | None = None
    max_price: int | None = None
    in_stock: bool | None = None
    # Scope set by the page, not by the buyer: a category's products or an OCOP group's.
    category_ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    # False for a block that shows a few products and neither how many match nor the facets (a CMS
    # collection): the backend then counts nothing, and the result's total is None.
    counted: bool = True


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResult:
    product_ids: list[int]
    total: int | None  # None when the query was not counted
    facets: dict[str, list[FacetValue]]
    # A corrected query that finds something when `q` found nothing (or was corrected for typos).
    suggestion: str = ""
    products: list = field(default_factory=list)  # filled by catalog.search.service


@dataclass
class Suggestion:
    kind: str  # "product", "producer" or "gi"
    label: str
    url: str


class SearchBackend:
    """The contract: `search(query)` and `suggest(prefix)`; `index(ids)` and `rebuild()` keep the
    backend's own store up to date (the database backend's documents are its store)."""

    name = "base"

    def search(self, query: SearchQuery) -> SearchResult:
        raise NotImplementedError

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        raise NotImplementedError

    def index(self, product_ids) -> None:
        raise NotImplementedError

    def rebuild(self) -> int:
        raise NotImplementedError
