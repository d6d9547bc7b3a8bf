import oscar.apps.dashboard.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class DashboardConfig(apps.DashboardConfig):
    name = "marketplace.dashboard"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        # Seller pages: the views themselves (SellerRequiredMixin) answer 403 to anyone not a seller.
        for name in (
            "seller-order-list", "seller-order-detail",
            "seller-certificate-list", "seller-ocop-certificate-create", "seller-gi-right-create",
        ):
            self.permissions_map[name] = DashboardPermission.partner_dashboard_access

    def ready(self):
        super().ready()
        from marketplace.dashboard import certificates
        from marketplace.dashboard.orders import views as order_views

        self.seller_order_list_view = order_views.SellerOrderPartListView
        self.seller_order_detail_view = order_views.SellerOrderPartDetailView
        self.certificate_list_view = certificates.CertificateListView
        self.ocop_certificate_create_view = certificates.OcopCertificateCreateView
        self.gi_right_create_view = certificates.GIRightCreateView

    def get_urls(self):
        urls = [
            path("don-hang/", self.seller_order_list_view.as_view(), name="seller-order-list"),
            path("don-hang/<int:pk>/", self.seller_order_detail_view.as_view(), name="seller-order-detail"),
            path("chung-nhan/", self.certificate_list_view.as_view(), name="seller-certificate-list"),
            path("chung-nhan/ocop/them/", self.ocop_certificate_create_view.as_view(),
                 name="seller-ocop-certificate-create"),
            path("chung-nhan/chi-dan-dia-ly/them/", self.gi_right_create_view.as_view(),
                 name="seller-gi-right-create"),
        ]
        return self.post_process_urls(urls) + super().get_urls()
