from django.contrib import admin

from marketplace.decision_admin import DecidedInQueueAdmin
from marketplace.payments.models import BankTransfer


@admin.register(BankTransfer)
class BankTransferAdmin(DecidedInQueueAdmin):
    """Every transfer as the bank reported it. Settling one that matched no order is a decision of
    the unmatched-transfers queue, which records who settled it, when and why."""

    list_display = ("received_at", "gateway", "amount", "order_reference", "order", "outcome", "resolved")
    list_filter = ("outcome", "resolved", "gateway")
    search_fields = ("provider_id", "content", "order_reference", "bank_reference")
    readonly_fields = [f.name for f in BankTransfer._meta.fields if f.name != "resolved"]
    decision_fields = ("resolved",)
    queue_url = "/cms-admin/unmatched-transfers/"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
