import oscar.apps.shipping.apps as apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _


def seller_only(user, url_name=None, url_args=None, url_kwargs=None):
    """The shipping-rules page is a seller's own (sellers.access.seller_of), not staff's."""
    from sellers.access import seller_of

    return not user.is_staff and seller_of(user) is not None


SHIPPING_RULES_ENTRY = {
    "label": _("Phí vận chuyển"), "url_name": "seller-shipping-rules", "access_fn": seller_only,
}


class ShippingConfig(apps.ShippingConfig):
    name = "marketplace.shipping"

    def ready(self):
        super().ready()
        # Into the seller's own menu (marketplace.dashboard.navigation); ready() may run more than once.
        for entry in settings.OSCAR_DASHBOARD_NAVIGATION:
            children = entry.get("children", [])
            if any(child.get("url_name") == "dashboard:seller-order-list" for child in children):
                if SHIPPING_RULES_ENTRY not in children:
                    children.append(SHIPPING_RULES_ENTRY)
