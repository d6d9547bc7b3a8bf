from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from catalog.api import api as public_api
from cms import views as cms_views
from marketplace.health import healthz
from marketplace.payouts.refund_account_views import RefundAccountView
from marketplace.payouts.views import SellerRevenueView
from marketplace.security import csp_report
from marketplace.shipping.views import SellerShippingRulesView

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("csp-report/", csp_report, name="csp-report"),
    path("i18n/setlang/", cms_views.set_language, name="set_language"),
    path("django-admin/", admin.site.urls),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sellers/", apps.get_app_config("partner").urls),
    path("gi/", include("geo_indications.urls")),
    path("dia-ban/", include("geo_indications.place_urls")),
    path("payments/", include("marketplace.payments.urls")),
    path("don-hang/<str:number>/tai-khoan-hoan-tien/", RefundAccountView.as_view(), name="refund-account"),
    path("api/v1/", public_api.urls),
    path("", include("cms.urls")),
    # A seller's own page inside Oscar's dashboard; before the shop's URLs, which own dashboard/.
    path("dashboard/van-chuyen/", SellerShippingRulesView.as_view(), name="seller-shipping-rules"),
    path("dashboard/doanh-thu/", SellerRevenueView.as_view(), name="seller-revenue"),
    # Bulk listing from a spreadsheet, a seller's page inside the dashboard (before the shop's URLs).
    path("dashboard/nhap-tu-bang-tinh/", include("sellers.imports.urls")),
    path("", include(apps.get_app_config("oscar").urls[0])),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# A database lost anywhere in a request answers 503 (marketplace/db_unavailable.py), other errors 500.
handler500 = "marketplace.db_unavailable.server_error"

# Wagtail's catch-all comes last so that `/` and content pages are CMS pages: Vietnamese pages at
# their own address, their English translations under /en/ (Wagtail's i18n, cms/views.py).
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
