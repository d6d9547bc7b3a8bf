from django.contrib import admin

from marketplace.decision_admin import DecidedInQueueAdmin

from .models import Commune, GeographicIndication, GIRight, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "division_type")
    search_fields = ("name", "codename")


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "division_type", "province")
    list_filter = ("province",)
    search_fields = ("name", "codename")


@admin.register(GeographicIndication)
class GeographicIndicationAdmin(admin.ModelAdmin):
    list_display = ("name_vi", "certificate_number", "granted_on", "status")
    search_fields = ("name_vi", "name_en", "certificate_number")
    prepopulated_fields = {"slug": ("name_vi",)}
    autocomplete_fields = ("protected_communes",)


@admin.register(GIRight)
class GIRightAdmin(DecidedInQueueAdmin):
    list_display = ("seller", "geographic_indication", "document_number", "valid_from", "valid_until")
    list_filter = ("geographic_indication",)
    autocomplete_fields = ("seller",)
    decision_fields = ("verified_at", "verified_by", "revoked_at", "revoked_reason", "rejected_at",
                       "rejection_reason", "decision_email_sent_at")
    paper_field = "document"
    queue_url = "/cms-admin/gi-rights/"
