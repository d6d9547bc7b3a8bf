"""The seller's revenue page in its own dashboard menu (marketplace.dashboard.navigation)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _


def sellers_only(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    # Oscar's default check knows only its own dashboard apps' URLs; this page is a seller's own.
    from sellers.access import seller_of

    return not user.is_staff and seller_of(user) is not None


REVENUE_ENTRY = {"label": _("Doanh thu"), "url_name": "seller-revenue", "access_fn": sellers_only}


def add_to_seller_menu():
    """Append the entry to the seller's menu once (an app's ready() may run more than once)."""
    for entry in settings.OSCAR_DASHBOARD_NAVIGATION:
        children = entry.get("children", [])
        if any(child.get("url_name") == "dashboard:seller-order-list" for child in children):
            if REVENUE_ENTRY not in children:
                children.append(REVENUE_ENTRY)
