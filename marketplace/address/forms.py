"""Vietnamese address forms: name, phone, province then commune/ward (today's two tiers), street.

The checkout's shipping address and the buyer's address book share them. They work without
JavaScript: the commune list shows the chosen province's communes, and a commune from another
province is refused with its own message.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.forms import *  # noqa: F403
from oscar.core.loading import get_model

from geo_indications.models import Commune, Province
from geo_indications.places import communes_in
from sellers.validators import normalise_phone

Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")

ADDRESS_FIELDS = ["last_name", "phone_number", "commune", "line1", "notes"]
VIETNAM = {"iso_3166_1_a3": "VNM", "iso_3166_1_numeric": "704", "printable_name": "Việt Nam", "name": "Việt Nam",
           "is_shipping_country": True}


def vietnam():
    """The one country parcels go to (a data migration creates it; this keeps forms working without)."""
    return Country.objects.get_or_create(iso_3166_1_a2="VN", defaults=VIETNAM)[0]


class VietnameseAddressFormMixin:
    """Fields and checks of a Vietnamese address, for a ModelForm on one of Oscar's address models."""

    def setup_address_fields(self):
        self.fields["last_name"].label = _("Họ và tên người nhận")
        self.fields["last_name"].required = True
        self.fields["last_name"].error_messages["required"] = _("Hãy ghi họ tên người nhận hàng.")
        self.fields["last_name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone_number"] = forms.CharField(
            label=_("Số điện thoại"), max_length=32,
            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
            help_text=_("Người giao hàng gọi số này, ví dụ 0912 345 678."),
            error_messages={"required": _("Hãy ghi số điện thoại người nhận.")},
        )
        self.fields["province"] = forms.ModelChoiceField(
            label=_("Tỉnh/thành phố"), queryset=Province.objects.all(), empty_label=_("— Chọn tỉnh —"),
            error_messages={"required": _("Hãy chọn tỉnh/thành phố."),
                            "invalid_choice": _("Tỉnh đã chọn không có trong danh sách.")},
        )
        self.fields["commune"] = forms.ModelChoiceField(
            label=_("Xã/phường"), queryset=Commune.objects.select_related("province"),
            empty_label=_("— Chọn xã/phường —"),
            help_text=_("Theo địa giới mới từ 1/7/2025 (không còn cấp huyện)."),
            error_messages={"required": _("Hãy chọn xã/phường."),
                            "invalid_choice": _("Xã/phường đã chọn không có trong danh sách.")},
        )
        self.fields["line1"].label = _("Số nhà, đường, thôn/xóm")
        self.fields["line1"].required = True
        self.fields["line1"].error_messages["required"] = _("Hãy ghi số nhà, đường hoặc thôn/xóm.")
        self.fields["line1"].widget.attrs["autocomplete"] = "street-address"
        if "notes" in self.fields:
            self.fields["notes"].label = _("Ghi chú cho người giao hàng")
            self.fields["notes"].widget.attrs["rows"] = 2
        self.order_fields(["last_name", "phone_number", "province", "commune", "line1", "notes"])

        commune = self.instance.commune if self.instance.commune_id else None
        self.fields["province"].initial = commune.province_id if commune else settings.MARKETPLACE_PROVINCE_CODE
        # The field accepts any commune so that one from another province gets its own message.
        province = self._chosen_province()
        options = communes_in(province) if province else []
        self.fields["commune"].widget.choices = [("", self.fields["commune"].empty_label), *options]
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")

    def _chosen_province(self):
        value = self.data.get(self.add_prefix("province")) if self.is_bound else None
        value = value or self.initial.get("province") or self.fields["province"].initial
        return int(value) if str(value).isdigit() else None

    def clean_last_name(self):
        return " ".join(self.cleaned_data["last_name"].split())

    def clean_phone_number(self):
        return normalise_phone(self.cleaned_data["phone_number"])

    def clean(self):
        cleaned = super().clean()
        province, commune = cleaned.get("province"), cleaned.get("commune")
        if province and commune and commune.province_id != province.pk:
            self.add_error("commune", ValidationError(
                _("%(commune)s không thuộc %(province)s. "
                  "Hãy chọn lại xã/phường trong danh sách của %(province)s.")
                % {"commune": commune.name, "province": province.name},
                code="commune_not_in_province",
            ))
        elif commune:
            # Oscar's summaries, e-mails and dashboard print the text lines: keep them in step.
            self.instance.line4 = commune.name
            self.instance.state = commune.province.name
        self.instance.country = vietnam()
        return cleaned


class UserAddressForm(VietnameseAddressFormMixin, forms.ModelForm):
    """An address in the buyer's address book."""

    class Meta:
        model = UserAddress
        fields = ADDRESS_FIELDS

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.setup_address_fields()
