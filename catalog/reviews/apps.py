import oscar.apps.catalogue.reviews.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CatalogueReviewsConfig(apps.CatalogueReviewsConfig):
    name = "catalog.reviews"

    def ready(self):
        super().ready()
        self.report_view = get_class("catalogue.reviews.views", "ReportReview")

    def get_urls(self):
        return super().get_urls() + self.post_process_urls([
            path("<int:pk>/report/", self.report_view.as_view(), name="reviews-report"),
        ])
