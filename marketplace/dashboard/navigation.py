"""The dashboard's menu (OSCAR_DASHBOARD_NAVIGATION): staff see Oscar's sections, a seller sees
only its own shop's pages.

Imported by the settings, so nothing here touches models or URLs until a menu is drawn.
"""

import copy

from django.utils.translation import gettext_lazy as _


def _may_open(user, url_name, url_args=None, url_kwargs=None):
    from oscar.apps.dashboard.nav import default_access_fn

    return default_access_fn(user, url_name, url_args, url_kwargs)


def staff_entry(user, url_name, url_args=None, url_kwargs=None):
    """Oscar's own entries: for staff, each still subject to the page's permissions."""
    return user.is_staff and _may_open(user, url_name, url_args, url_kwargs)


def seller_entry(user, url_name, url_args=None, url_kwargs=None):
    """The shop's entries: for a signed-in seller (sellers.access.seller_of), not for staff.

    Oscar's permission check knows only its dashboard apps' URLs; the seller pages other apps mount
    (shipping rules, import, revenue) guard themselves with SellerRequiredMixin.
    """
    from sellers.access import seller_of

    if user.is_staff or seller_of(user) is None:
        return False
    return not (url_name or "").startswith("dashboard:") or _may_open(user, url_name, url_args, url_kwargs)


SELLER_MENU = {
    "label": _("Cửa hàng của tôi"),
    "icon": "fas fa-store",
    "access_fn": seller_entry,
    "children": [
        {"label": _("Sản phẩm"), "url_name": "dashboard:catalogue-product-list", "access_fn": seller_entry},
        {"label": _("Nhập từ bảng tính"), "url_name": "seller_import:index", "access_fn": seller_entry},
        {"label": _("Đơn hàng"), "url_name": "dashboard:seller-order-list", "access_fn": seller_entry},
        {"label": _("Giấy chứng nhận OCOP và chỉ dẫn địa lý"), "url_name": "dashboard:seller-certificate-list",
         "access_fn": seller_entry},
        {"label": _("Doanh thu"), "url_name": "seller-revenue", "access_fn": seller_entry},
        {"label": _("Phí vận chuyển"), "url_name": "seller-shipping-rules", "access_fn": seller_entry},
    ],
}


def dashboard_navigation(oscar_navigation):
    """Oscar's menu with every entry but the front page limited to staff, then the seller's menu."""
    staff_menu = copy.deepcopy(oscar_navigation)
    for entry in staff_menu:
        if entry.get("url_name") == "dashboard:index":
            continue  # the front page is everyone's: each sees its own figures
        entry["access_fn"] = staff_entry
        for child in entry.get("children", []):
            child["access_fn"] = staff_entry
    return [*staff_menu, SELLER_MENU]
