from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F403

from catalog.models import OcopCertificate


@admin.register(OcopCertificate)
class OcopCertificateAdmin(admin.ModelAdmin):
    list_display = ("product", "stars", "group", "decision_number", "decision_date", "valid_until", "status")
    list_filter = ("status", "stars", "group", "issuer")
    search_fields = ("decision_number", "product__title", "issuer_name")
    autocomplete_fields = ("product",)
    readonly_fields = ("verified_by", "verified_at")
