from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from marketplace.shipping.forms import ShippingRuleFormSet
from sellers.access import SellerRequiredMixin


class SellerShippingRulesView(SellerRequiredMixin, TemplateView):
    """A seller writes its own shipping rules: one per destination province plus "everywhere else"."""

    template_name = "shipping/dashboard/rules.html"

    def get_formset(self, data=None):
        return ShippingRuleFormSet(data, queryset=self.seller.shipping_rules.select_related("province"))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        return super().get_context_data(seller=self.seller, **kwargs)

    def post(self, request, *args, **kwargs):
        formset = self.get_formset(request.POST)
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset), status=400)
        with transaction.atomic():
            rules = formset.save(commit=False)
            # Deletions first, so a rule moved to the province a deleted row held does not collide.
            for rule in formset.deleted_objects:
                rule.delete()
            for rule in rules:
                rule.seller = self.seller
                rule.save()
        messages.success(request, _("Đã lưu biểu phí vận chuyển."))
        return redirect("seller-shipping-rules")
