import oscar.apps.catalogue.apps as apps
from django.urls import path


class CatalogueConfig(apps.CatalogueConfig):
    name = "catalog"

    def ready(self):
        super().ready()
        from catalog import traceability_views

        self.provenance_view = traceability_views.ProvenanceView
        self.provenance_qr_view = traceability_views.provenance_qr

    def get_urls(self):
        urls = super().get_urls()
        urls += [
            path("truy-xuat/<int:pk>/", self.provenance_view.as_view(), name="provenance"),
            path("truy-xuat/<int:pk>/qr.svg", self.provenance_qr_view, name="provenance-qr"),
        ]
        return self.post_process_urls(urls)
