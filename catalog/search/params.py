"""Reading search and filter parameters from a URL: one parser for the pages and the API.

Every value is checked; a bad one is reported in Vietnamese and left out, so a page can ignore it
with a message and the API can answer 400 with the same words.
"""

import re
from dataclasses import replace

from django.utils.translation import gettext as _

from catalog.ocop import CERTIFIED_STARS, OcopGroup
from catalog.search.backends.base import PER_PAGE, Filters, SearchQuery

SORT_ALIASES = {
    "": "relevance", "relevance": "relevance", "price": "price", "price_asc": "price",
    "-price": "-price", "price_desc": "-price", "newest": "newest", "rating": "rating",
}
SELLER_TYPES = ("htx", "tht", "dn", "hkd")
MAX_PAGE = 1000
MAX_QUERY_LENGTH = 200
_SLUG = re.compile(r"^[-a-z0-9_]{1,140}$")
# ASCII digits only: str.isdigit() also accepts "²" and "³", which int() refuses, and a number of
# thousands of digits costs int() dearly before it is refused anyway.
_NUMBER = re.compile(r"[0-9]{1,15}")
PARAMETERS = ("q", "stars", "group", "gi", "province", "commune", "seller_type", "seller",
              "min_price", "max_price", "in_stock", "sort", "page")


def _int(value, name, errors, low=0, high=10**12):
    text = value.strip().replace(".", "").replace(",", "") if name.endswith("price") else value.strip()
    if not _NUMBER.fullmatch(text) or not low <= int(text) <= high:
        errors.append(_("Giá trị «%(value)s» của «%(name)s» không hợp lệ.") % {"value": value, "name": name})
        return None
    return int(text)


def parse(params, *, per_page=PER_PAGE) -> tuple[SearchQuery, list[str]]:
    """A SearchQuery from GET parameters (a QueryDict or dict), and the messages for bad values."""
    errors = []

    def get(name):
        value = params.get(name)
        return value if value not in (None, "") else None

    values = {}
    if (stars := get("stars")) is not None:
        values["stars"] = _int(stars, "stars", errors, min(CERTIFIED_STARS), max(CERTIFIED_STARS))
    if (group := get("group")) is not None:
        values["group"] = _int(group, "group", errors, min(OcopGroup.values), max(OcopGroup.values))
    for name in ("gi", "seller"):
        if (slug := get(name)) is not None:
            if _SLUG.match(slug):
                values[name] = slug
            else:
                errors.append(_("Giá trị «%(value)s» của «%(name)s» không hợp lệ.") % {"value": slug, "name": name})
    for name in ("province", "commune"):
        if (code := get(name)) is not None:
            values[name] = _int(code, name, errors, 1, 10**6)
    if (kind := get("seller_type")) is not None:
        if kind in SELLER_TYPES:
            values["seller_type"] = kind
        else:
            errors.append(_("Loại người bán «%(value)s» không hợp lệ (htx, tht, dn hoặc hkd).") % {"value": kind})
    for name in ("min_price", "max_price"):
        if (price := get(name)) is not None:
            values[name] = _int(price, name, errors)
    if (stock := get("in_stock")) is not None:
        if stock.lower() in ("1", "true", "on", "yes"):
            values["in_stock"] = True
        elif stock.lower() not in ("0", "false", "off", "no"):
            errors.append(_("Giá trị «%(value)s» của «in_stock» không hợp lệ (1 hoặc 0).") % {"value": stock})
    values = {k: v for k, v in values.items() if v is not None}
    low, high = values.get("min_price"), values.get("max_price")
    if low is not None and high is not None and low > high:
        errors.append(_("Giá thấp nhất không được lớn hơn giá cao nhất."))
        values.pop("min_price"), values.pop("max_price")
    sort = SORT_ALIASES.get(get("sort") or "")
    if sort is None:
        errors.append(_("Cách sắp xếp «%(value)s» không hợp lệ.") % {"value": get("sort")})
        sort = "relevance"
    page = 1
    if (raw_page := get("page")) is not None:
        page = _int(raw_page, "page", errors, 1, MAX_PAGE) or 1
    q = (params.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    return SearchQuery(q=q, filters=Filters(**values), sort=sort, page=page, per_page=per_page), errors


def scoped(query: SearchQuery, **filters) -> SearchQuery:
    """The query limited to a page's scope (a category's products, an OCOP group)."""
    return replace(query, filters=replace(query.filters, **filters))
