from django.contrib import admin
from oscar.apps.catalogue.reviews.admin import *  # noqa: F403
from oscar.apps.catalogue.reviews.admin import ProductReviewAdmin as OscarProductReviewAdmin

from catalog.reviews.models import ProductReview
from marketplace.decision_admin import DecidedInQueueAdmin

admin.site.unregister(ProductReview)


@admin.register(ProductReview)
class ProductReviewAdmin(DecidedInQueueAdmin, OscarProductReviewAdmin):
    decision_fields = ("status", "rejection_reason", "decision_email_sent_at")
    queue_url = "/cms-admin/product-reviews/"
