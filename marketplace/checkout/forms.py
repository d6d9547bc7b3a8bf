from django import forms
from oscar.apps.checkout.forms import *  # noqa: F403
from oscar.core.loading import get_model

from marketplace.address.forms import ADDRESS_FIELDS, VietnameseAddressFormMixin


class ShippingAddressForm(VietnameseAddressFormMixin, forms.ModelForm):
    """Where the parcels go: a Vietnamese address on today's communes and wards."""

    class Meta:
        model = get_model("order", "ShippingAddress")
        fields = ADDRESS_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_address_fields()
