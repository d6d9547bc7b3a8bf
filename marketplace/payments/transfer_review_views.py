"""Province staff settle bank transfers that matched no order in Wagtail's admin
(/cms-admin/unmatched-transfers/): after refunding or reconciling by hand, mark one settled with a note."""

from django.utils.translation import gettext_lazy as _

from marketplace.decision_views import Decision, QueueViewSet
from marketplace.payments import transfer_settlement
from marketplace.payments.models import BankTransfer

DECISIONS = (
    Decision(
        name="settle", label=_("Đánh dấu đã xử lý"), page_title=_("Xử lý giao dịch chuyển khoản"),
        applies=lambda transfer: transfer.needs_staff, perform=transfer_settlement.settle,
        reason_label=_("Đã xử lý thế nào (hoàn tiền, đối soát tay, …)"),
        explanation=_("Chỉ đánh dấu sau khi đã hoàn tiền cho người chuyển hoặc đối soát xong với đơn hàng: "
                      "hệ thống không tự chuyển tiền."),
        success=_("Đã đánh dấu xử lý xong %(object)s."),
    ),
)


class TransferReviewViewSet(QueueViewSet):
    model = BankTransfer
    name = "unmatched-transfers"
    icon = "warning"
    menu_label = _("Chuyển khoản chưa khớp")
    menu_order = 254
    decisions = DECISIONS
    select_related = ("order", "settled_by")
    inspect_view_fields = [
        "outcome", "amount", "transaction_date", "gateway", "account_number", "content", "bank_reference",
        "order_reference", "order", "provider_id", "received_at", "resolved", "settled_by", "settled_at",
        "settlement_note",
    ]
    list_display = ["provider_id", "transaction_date", "amount", "content", "outcome", "resolved"]
    list_filter = ["resolved", "outcome"]
    search_fields = ["provider_id", "content", "order_reference", "bank_reference"]
    ordering = ["resolved", "-received_at"]

    def narrow(self, queryset):
        return queryset.filter(outcome__in=transfer_settlement.UNMATCHED)
