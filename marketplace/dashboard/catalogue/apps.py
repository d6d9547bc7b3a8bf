import oscar.apps.dashboard.catalogue.apps as apps
from oscar.core.loading import get_class


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    name = "marketplace.dashboard.catalogue"

    # Sellers keep the product pages (limited to their own products by the views) and gain variants;
    # the bulk actions and the product lookup, which Oscar opens to partners, become staff-only:
    # bulk price changes can leave fractions of a đồng and the lookup lists every seller's products.
    seller_url_names = (
        "catalogue-product",
        "catalogue-product-create",
        "catalogue-product-create-child",
        "catalogue-product-list",
        "catalogue-product-delete",
    )

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        for name, permissions in list(self.permissions_map.items()):
            staff_permissions = permissions[0] if isinstance(permissions, tuple) else permissions
            if name in self.seller_url_names:
                self.permissions_map[name] = (staff_permissions, DashboardPermission.partner_dashboard_access)
            else:
                self.permissions_map[name] = staff_permissions
