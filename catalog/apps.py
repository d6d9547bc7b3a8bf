import oscar.apps.catalogue.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CatalogueConfig(apps.CatalogueConfig):
    name = "catalog"

    def ready(self):
        super().ready()
        from catalog import traceability_views

        self.provenance_view = traceability_views.ProvenanceView
        self.provenance_qr_view = traceability_views.provenance_qr
        self.ocop_group_view = get_class("search.views", "OcopGroupView")

    def get_urls(self):
        urls = super().get_urls()
        urls += [
            path("truy-xuat/<int:pk>/", self.provenance_view.as_view(), name="provenance"),
            path("truy-xuat/<int:pk>/qr.svg", self.provenance_qr_view, name="provenance-qr"),
            path("nhom-ocop/<int:group>/", self.ocop_group_view.as_view(), name="ocop-group"),
        ]
        return self.post_process_urls(urls)
