"""Province staff settle money in Wagtail's admin (/cms-admin/seller-payouts/): what each seller is
due, exported as CSV for the bank; recording a transfer made to a seller; and bank-transfer refunds
owed to buyers, marked paid once transferred.

Viewing needs payouts.view_payout, recording a payout payouts.add_payout, marking a refund paid
payouts.change_refund (granted to "Cán bộ tỉnh" by migration payouts 0002; superusers have all).
"""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from oscar.core.loading import get_model
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet

from marketplace.money import format_vnd
from marketplace.payouts import ledger, refunds
from marketplace.payouts.forms import PayoutForm, RefundPaidForm
from marketplace.payouts.models import Payout, Refund

Partner = get_model("partner", "Partner")

OPEN_REFUNDS = (Refund.Status.OWED, Refund.Status.FAILED, Refund.Status.PENDING)


class _StaffPage(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    model = Payout
    permission_required = "view"
    header_icon = "tasks"
    url_names = {}
    is_index = False

    def get_breadcrumbs_items(self):
        items = [{"url": "", "label": self.get_page_title()}]
        if not self.is_index:
            items.insert(0, {"url": reverse(self.url_names["index"]), "label": PayoutsDueView.page_title})
        return self.breadcrumbs_items + items

    def get_context_data(self, **kwargs):
        return super().get_context_data(url_names=self.url_names, **kwargs)


class PayoutsDueView(_StaffPage, TemplateView):
    page_title = gettext_lazy("Chi trả cho người bán")
    template_name = "payouts/admin/due.html"
    is_index = True

    def get_context_data(self, **kwargs):
        due = ledger.payouts_due()
        return super().get_context_data(
            rows=due, total_due=sum(amount for _seller, amount in due),
            recent_payouts=Payout.objects.select_related("seller", "recorded_by")[:20],
            open_refunds=Refund.objects.filter(status__in=OPEN_REFUNDS).count(),
            **kwargs,
        )


def _cell(value) -> str:
    # A spreadsheet runs a cell starting with = + - @ as a formula; seller names are typed by sellers.
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class PayoutsDueCsvView(PermissionCheckedMixin, View):
    """The payouts due, one row per seller, for the bank's bulk-transfer upload."""

    model = Payout
    permission_required = "view"

    def get(self, request):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"chi-tra-nguoi-ban-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")  # so that Excel reads the Vietnamese as UTF-8
        writer = csv.writer(response)
        writer.writerow([_("Mã người bán"), _("Người bán"), _("Mã số thuế"), _("Mã ngân hàng (BIN)"), _("Ngân hàng"),
                         _("Số tài khoản"), _("Chủ tài khoản"), _("Số tiền (đồng)")])
        for seller, amount in ledger.payouts_due():
            account = getattr(seller, "bank_account", None)
            writer.writerow([_cell(value) for value in (
                seller.pk, seller.name, seller.tax_code,
                account.bank_bin if account else "", account.bank_name if account else "",
                account.account_number if account else "", account.account_name if account else "", amount,
            )])
        return response


class RecordPayoutView(_StaffPage, FormView):
    permission_required = "add"
    page_title = gettext_lazy("Ghi nhận chi trả")
    template_name = "payouts/admin/record.html"
    form_class = PayoutForm

    @cached_property  # looked up after the permission check, so a refusal reveals nothing
    def seller(self):
        return get_object_or_404(Partner.objects.select_related("bank_account"), pk=self.kwargs["seller_id"])

    def get_page_subtitle(self):
        return self.seller.name

    def get_initial(self):
        due = ledger.balance(self.seller)
        return {"amount": str(due) if due > 0 else ""}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            seller=self.seller, due=ledger.balance(self.seller),
            account=getattr(self.seller, "bank_account", None), **kwargs,
        )

    def form_valid(self, form):
        try:
            payout = ledger.record_payout(
                self.seller, form.cleaned_data["amount"], form.cleaned_data["bank_reference"], self.request.user,
                form.cleaned_data["note"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã ghi nhận chi trả %(amount)s cho %(seller)s.") % {
            "amount": format_vnd(payout.amount), "seller": self.seller.name})
        return redirect(self.url_names["index"])


class RefundsView(_StaffPage, TemplateView):
    model = Refund
    page_title = gettext_lazy("Hoàn tiền cho người mua")
    template_name = "payouts/admin/refunds.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            open_refunds=Refund.objects.filter(status__in=OPEN_REFUNDS).select_related("order", "part__seller"),
            done_refunds=Refund.objects.filter(status__in=Refund.DONE).select_related("order", "part__seller")[:20],
            **kwargs,
        )


class MarkRefundPaidView(_StaffPage, FormView):
    model = Refund
    permission_required = "change"
    page_title = gettext_lazy("Đánh dấu đã chuyển hoàn")
    template_name = "payouts/admin/refund_paid.html"
    form_class = RefundPaidForm

    @cached_property
    def refund(self):
        return get_object_or_404(Refund.objects.select_related("order", "part__seller"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(refund=self.refund, buyer_email=self.refund.order.email, **kwargs)

    def form_valid(self, form):
        try:
            refunds.mark_bank_refund_paid(self.refund.pk, self.request.user, form.cleaned_data["bank_reference"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error("bank_reference" if hasattr(error, "error_dict") else None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã ghi nhận hoàn %(amount)s cho đơn %(number)s.") % {
            "amount": format_vnd(self.refund.amount), "number": self.refund.order.number})
        return redirect(self.url_names["refunds"])


class PayoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("payouts.view_payout")


class PayoutsViewSet(ViewSet):
    name = "seller-payouts"
    icon = "tasks"
    menu_label = gettext_lazy("Chi trả và hoàn tiền")
    menu_order = 260
    add_to_admin_menu = True
    menu_item_class = PayoutsMenuItem

    def view(self, view_class):
        names = {name: self.get_url_name(name) for name in ("index", "csv", "record", "refunds", "refund_paid")}
        return view_class.as_view(url_names=names)

    def get_urlpatterns(self):
        return [
            path("", self.view(PayoutsDueView), name="index"),
            path("payouts-due.csv", PayoutsDueCsvView.as_view(), name="csv"),
            path("record/<int:seller_id>/", self.view(RecordPayoutView), name="record"),
            path("refunds/", self.view(RefundsView), name="refunds"),
            path("refunds/<int:pk>/paid/", self.view(MarkRefundPaidView), name="refund_paid"),
        ]
