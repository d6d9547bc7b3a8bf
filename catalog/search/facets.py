"""Facets as the sidebar shows them: labelled groups of values, each with the URL that toggles it."""

from django.utils.translation import gettext_lazy as _

from catalog.search.backends.base import PRICE_RANGES

FACET_LABELS = {
    "stars": _("Hạng sao OCOP"),
    "group": _("Nhóm sản phẩm OCOP"),
    "gi": _("Chỉ dẫn địa lý"),
    "province": _("Tỉnh/thành xuất xứ"),
    "commune": _("Xã/phường xuất xứ"),
    "seller_type": _("Loại hình người bán"),
    "price": _("Khoảng giá"),
    "in_stock": _("Tình trạng"),
}
SORT_LABELS = {
    "relevance": _("Phù hợp nhất"),
    "newest": _("Mới nhất"),
    "price": _("Giá tăng dần"),
    "-price": _("Giá giảm dần"),
    "rating": _("Đánh giá cao"),
}


def _url(get, changes):
    params = get.copy()
    params.pop("page", None)
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def facet_groups(get, facets, fixed=()):
    """[{name, label, values: [{label, count, selected, url}]}] for the facets with any value;
    facets fixed by the page (the OCOP group of a group page) are not offered."""
    ranges = {key: (str(low), str(high - 1) if high else None) for key, low, high in PRICE_RANGES}
    groups = []
    for name, label in FACET_LABELS.items():
        if name in fixed or not facets.get(name):
            continue
        values = []
        for value in facets[name]:
            if name == "price":
                low, high = ranges[value.value]
                selected = get.get("min_price") == low and (get.get("max_price") or None) == high
                changes = ({"min_price": None, "max_price": None} if selected
                           else {"min_price": low, "max_price": high})
            else:
                selected = value.selected
                changes = {name: None if selected else value.value}
            values.append({"label": value.label, "count": value.count, "selected": selected,
                           "url": _url(get, changes)})
        groups.append({"name": name, "label": label, "values": values})
    return groups


def sort_options(current, has_query):
    if not has_query and current == "relevance":
        current = "newest"  # without words to match, "relevance" lists the newest first
    return [
        {"value": value, "label": label, "selected": value == current}
        for value, label in SORT_LABELS.items()
        if value != "relevance" or has_query
    ]
