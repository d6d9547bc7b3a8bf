"""What a seller types to move its part of an order; the rules are marketplace.order.fulfilment's."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

OrderPart = get_model("order", "OrderPart")


class PartFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False,
        choices=[("", _("Tất cả")), *OrderPart.Status.choices],
        error_messages={"invalid_choice": _("Không có trạng thái «%(value)s»; hãy chọn trong danh sách.")},
    )


class AcceptPartForm(forms.Form):
    """No fields: accepting is one button; the form carries the refusal, if any."""


class ShipPartForm(forms.Form):
    # Not required here: fulfilment.ship_part says what is missing, in the same words everywhere.
    carrier = forms.CharField(label=_("Đơn vị vận chuyển"), max_length=100, required=False)
    tracking_number = forms.CharField(label=_("Mã vận đơn"), max_length=100, required=False)


class CancelPartForm(forms.Form):
    cancel_reason = forms.CharField(
        label=_("Lý do hủy (người mua sẽ đọc)"), max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
