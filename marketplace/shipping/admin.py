from django.contrib import admin
from oscar.apps.shipping.admin import *  # noqa: F403

from marketplace.shipping.models import SellerShippingRule


@admin.register(SellerShippingRule)
class SellerShippingRuleAdmin(admin.ModelAdmin):
    list_display = ("seller", "province", "first_weight", "first_charge", "step_weight", "step_charge", "free_from")
    list_filter = ("province",)
    search_fields = ("seller__name",)
    list_select_related = ("seller", "province")
