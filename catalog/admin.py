from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F403

from catalog.models import OcopCertificate
from marketplace.decision_admin import DecidedInQueueAdmin


@admin.register(OcopCertificate)
class OcopCertificateAdmin(DecidedInQueueAdmin):
    list_display = ("product", "stars", "group", "decision_number", "decision_date", "valid_until", "status")
    list_filter = ("status", "stars", "group", "issuer")
    search_fields = ("decision_number", "product__title", "issuer_name")
    autocomplete_fields = ("product",)
    decision_fields = ("status", "verified_by", "verified_at", "decision_reason", "decision_email_sent_at")
    paper_field = "document"
    queue_url = "/cms-admin/ocop-certificates/"
