from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import *  # noqa: F403
from oscar.core.loading import get_model

from marketplace.address.forms import ADDRESS_FIELDS, VietnameseAddressFormMixin
from marketplace.checkout.payment_methods import LABELS, offered_methods


class ShippingAddressForm(VietnameseAddressFormMixin, forms.ModelForm):
    """Where the parcels go: a Vietnamese address on today's communes and wards."""

    class Meta:
        model = get_model("order", "ShippingAddress")
        fields = ADDRESS_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_address_fields()


class PaymentMethodForm(forms.Form):
    """The buyer's choice among the offered payment methods; anything else is refused."""

    method = forms.ChoiceField(
        label=_("Phương thức thanh toán"), widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn một phương thức thanh toán."),
                        "invalid_choice": _("Phương thức thanh toán này không được hỗ trợ; hãy chọn trong danh sách.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [(code, LABELS[code]) for code in offered_methods()]
