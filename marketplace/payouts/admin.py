from django.contrib import admin

from marketplace.payouts.models import CommissionRate, LedgerEntry, OrderEmail, Payout, Refund


@admin.register(CommissionRate)
class CommissionRateAdmin(admin.ModelAdmin):
    """Where administrators give a seller its own commission; it applies to parts paid afterwards."""

    list_display = ("seller", "percent", "note", "updated_at")
    search_fields = ("seller__name",)
    autocomplete_fields = ("seller",)


class ReadOnlyAdmin(admin.ModelAdmin):
    # Money records change only through marketplace.payouts (ledger, refunds) and its staff pages.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "seller", "kind", "amount", "part", "payout")
    list_filter = ("kind",)
    search_fields = ("seller__name", "part__order__number")
    list_select_related = ("seller", "part__order", "part__seller", "payout")


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "seller", "amount", "bank_reference", "recorded_by")
    search_fields = ("seller__name", "bank_reference")


@admin.register(Refund)
class RefundAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "order", "part", "amount", "method", "status", "attempts", "last_error")
    list_filter = ("method", "status")
    search_fields = ("order__number", "stripe_refund_id", "bank_reference")


@admin.register(OrderEmail)
class OrderEmailAdmin(ReadOnlyAdmin):
    list_display = ("key", "order", "recipients", "sent_at")
    search_fields = ("key", "order__number", "recipients")
