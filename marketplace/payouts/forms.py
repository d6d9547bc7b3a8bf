from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.shipping.forms import DongField
from sellers.banks import BANK_CHOICES
from sellers.validators import normalise_account_name, normalise_account_number


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


class RefundAccountForm(forms.Form):
    """A buyer's bank account for a bank-transfer refund, typed as people copy it."""

    bank_bin = forms.ChoiceField(
        label=_("Ngân hàng"), choices=[("", _("— Chọn ngân hàng —")), *BANK_CHOICES],
        error_messages={"required": _("Hãy chọn ngân hàng nhận tiền hoàn."),
                        "invalid_choice": _("Ngân hàng đã chọn không có trong danh sách.")},
    )
    account_number = forms.CharField(
        label=_("Số tài khoản"), max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Hãy ghi số tài khoản nhận tiền hoàn.")},
    )
    account_name = forms.CharField(
        label=_("Tên chủ tài khoản"), max_length=100,
        help_text=_("Như in trên thẻ, ví dụ NGUYEN VAN AN. Có dấu cũng được, sàn tự bỏ dấu."),
        error_messages={"required": _("Hãy ghi tên chủ tài khoản.")},
    )

    def clean_account_number(self):
        return normalise_account_number(self.cleaned_data["account_number"])

    def clean_account_name(self):
        return normalise_account_name(self.cleaned_data["account_name"])
