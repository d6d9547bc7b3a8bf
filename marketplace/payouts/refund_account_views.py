"""The buyer's page for a bank-transfer refund: where the money should go."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from marketplace.order.buyer_access import buyers_order
from marketplace.order.emails import status_path
from marketplace.payouts.forms import RefundAccountForm
from marketplace.payouts.models import Refund
from marketplace.payouts.refund_accounts import give_account, masked, refunds_awaiting_account_or_transfer
from sellers.banks import bank_name


class RefundAccountView(View):
    """GET: what is owed and the account form (pre-filled with the account already given). POST:
    record the account on the order's unpaid bank-transfer refunds."""

    template_name = "payouts/refund_account.html"

    def get(self, request, number):
        order = buyers_order(request, number)
        owed = list(refunds_awaiting_account_or_transfer(order))
        given = next((refund for refund in owed if refund.account_given), None)
        initial = {"bank_bin": given.buyer_bank_bin, "bank_account_number": given.buyer_account_number,
                   "bank_account_name": given.buyer_account_name} if given else {}
        return self._page(request, order, owed, RefundAccountForm(initial=initial), given)

    def post(self, request, number):
        order = buyers_order(request, number)
        form = RefundAccountForm(request.POST)
        if not form.is_valid():
            return self._page(request, order, list(refunds_awaiting_account_or_transfer(order)), form, None,
                              status=400)
        data = form.cleaned_data
        if give_account(order, data["bank_bin"], data["bank_account_number"], data["bank_account_name"]):
            messages.success(request, _("Đã ghi tài khoản %(bank)s %(number)s. Cán bộ sàn sẽ chuyển khoản hoàn "
                                        "tiền vào tài khoản này.") % {"bank": bank_name(data["bank_bin"]),
                                                                       "number": masked(data["bank_account_number"])})
        else:
            messages.info(request, _("Đơn này không còn khoản hoàn tiền nào chờ chuyển khoản."))
        return redirect(status_path(order))

    def _page(self, request, order, owed, form, given, status=200):
        return render(request, self.template_name, {
            "order": order, "owed": owed, "total": sum(refund.amount for refund in owed), "form": form,
            "given": given, "given_masked": masked(given.buyer_account_number) if given else "",
            "paid": order.refunds.filter(method=Refund.Method.BANK_TRANSFER, status=Refund.Status.PAID),
        }, status=status)
