import oscar.apps.dashboard.orders.apps as apps


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    name = "marketplace.dashboard.orders"

    def configure_permissions(self):
        # Oscar shows a partner user the whole order (other sellers' lines, the order's status, notes,
        # the buyer's address to edit). Those pages stay with staff; a seller works on its own part
        # of each order in the seller pages (marketplace.dashboard.orders.views, /dashboard/don-hang/).
        super().configure_permissions()
        self.permissions_map = {
            name: permissions[0] if isinstance(permissions, tuple) else permissions
            for name, permissions in self.permissions_map.items()
        }
