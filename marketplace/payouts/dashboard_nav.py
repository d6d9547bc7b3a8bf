"""The seller's revenue page in Oscar's dashboard menu, shown to sellers only."""

from django.utils.translation import gettext_lazy as _


def sellers_only(user, url_name, url_args=None, url_kwargs=None) -> bool:
    # Oscar's default check knows only its own dashboard apps' URLs.
    from sellers.access import seller_of

    return seller_of(user) is not None


REVENUE_ENTRY = {
    "label": _("Doanh thu"), "icon": "fas fa-coins", "url_name": "seller-revenue", "access_fn": sellers_only,
}
