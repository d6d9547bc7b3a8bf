"""The import page in the seller's dashboard menu (marketplace.dashboard.navigation), sellers only."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _


def sellers_only(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    # Oscar's default check knows only its own dashboard apps' URLs.
    from sellers.access import seller_of

    return not user.is_staff and seller_of(user) is not None


IMPORT_ENTRY = {"label": _("Nhập từ bảng tính"), "url_name": "seller_import:index", "access_fn": sellers_only}


def add_to_seller_menu():
    """Put the entry after the seller's products; safe to call more than once (ready() may be)."""
    for entry in settings.OSCAR_DASHBOARD_NAVIGATION:
        children = entry.get("children", [])
        names = [child.get("url_name") for child in children]
        if "dashboard:catalogue-product-list" in names and IMPORT_ENTRY not in children:
            children.insert(names.index("dashboard:catalogue-product-list") + 1, IMPORT_ENTRY)
