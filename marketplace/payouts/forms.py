from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.shipping.forms import DongField
from sellers.forms import BankAccountForm


class PayoutForm(forms.Form):
    """Staff record a transfer they made to a seller (ledger.record_payout checks the amount)."""

    amount = DongField(label=_("Số tiền đã chuyển"), error_messages={"required": _("Hãy nhập số tiền đã chuyển.")})
    bank_reference = forms.CharField(
        label=_("Mã giao dịch ngân hàng"), max_length=100,
        error_messages={"required": _("Hãy ghi mã giao dịch ngân hàng của lần chuyển tiền này.")},
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=200, required=False)


class RefundPaidForm(forms.Form):
    """Staff record the transfer that paid a buyer's bank-transfer refund."""

    bank_reference = forms.CharField(
        label=_("Mã giao dịch chuyển khoản hoàn"), max_length=100,
        error_messages={"required": _("Hãy ghi mã giao dịch ngân hàng của lần chuyển hoàn tiền.")},
    )


class RefundAccountForm(BankAccountForm):
    """A buyer's bank account for a bank-transfer refund."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bank_bin"].label = _("Ngân hàng nhận tiền hoàn")
        self.fields["bank_account_name"].help_text = _(
            "Như in trên thẻ, ví dụ NGUYEN VAN AN. Có dấu cũng được, sàn tự bỏ dấu.")
