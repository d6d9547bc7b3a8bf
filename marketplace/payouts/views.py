from django.views.generic import TemplateView

from marketplace.payouts import ledger
from marketplace.payouts.models import LedgerEntry
from sellers.access import SellerRequiredMixin


class SellerRevenueView(SellerRequiredMixin, TemplateView):
    """A seller's own money: sales by month, commission, refunds, what was paid out and what is due."""

    template_name = "payouts/revenue.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            seller=self.seller,
            statement=ledger.statement(self.seller),
            commission_percent=ledger.commission_percent(self.seller),
            entries=LedgerEntry.objects.filter(seller=self.seller).select_related("part__order", "payout")
            .order_by("-created_at", "-pk")[:50],
            **kwargs,
        )
