"""The seller's shipping-rules form: forgiving about how amounts and weights are typed."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from geo_indications.models import Province
from marketplace.money import to_dong
from marketplace.shipping.models import SellerShippingRule

_CURRENCY_WORDS = re.compile(r"(₫|vnđ|vnd|đồng|dong|đ)$")
_THOUSANDS = re.compile(r"(k|nghìn|nghin|ngàn|ngan)$")
_KILOS = re.compile(r"(kg|ki lô|kilogram|ký|ky|cân)$")
_GRAMS = re.compile(r"(g|gr|gam|gram)$")


def _number(text: str) -> Decimal:
    """ "30.000", "30,000" and "30 000" are thirty thousand; "1,5" and "1.5" are one and a half."""
    text = text.replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        text = re.sub(r"[.,]", "", text)
    return Decimal(text.replace(",", "."))


def parse_dong(text: str) -> int:
    """Whole đồng from "30.000", "30.000 ₫", "30k" or "30 nghìn"; ValueError otherwise."""
    text = _CURRENCY_WORDS.sub("", text.strip().lower()).strip()
    factor = 1000 if _THOUSANDS.search(text) else 1
    text = _THOUSANDS.sub("", text).strip()
    try:
        amount = _number(text) * factor
    except InvalidOperation:
        raise ValueError(text) from None
    if amount < 0 or amount != amount.to_integral_value():
        raise ValueError(text)
    return to_dong(amount)


def parse_grams(text: str) -> int:
    """Grams from "500", "500 g", "1kg" or "1,5 kg"; ValueError otherwise."""
    text = text.strip().lower()
    factor = 1
    if _KILOS.search(text):
        factor, text = 1000, _KILOS.sub("", text)
    else:
        text = _GRAMS.sub("", text)
    try:
        grams = _number(text.strip()) * factor
    except InvalidOperation:
        raise ValueError(text) from None
    if grams < 0 or grams != grams.to_integral_value():
        raise ValueError(text)
    return int(grams)


class DongField(forms.CharField):
    default_error_messages = {"invalid": _("Nhập số tiền bằng đồng, ví dụ 30.000 hoặc 30k.")}

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_dong(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class GramsField(forms.CharField):
    default_error_messages = {
        "invalid": _("Nhập khối lượng bằng gam (ví dụ 500) hoặc kg (ví dụ 1,5 kg)."),
        "zero": _("Khối lượng phải lớn hơn 0."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            grams = parse_grams(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if grams == 0:
            raise ValidationError(self.error_messages["zero"], code="zero")
        return grams


class ShippingRuleForm(forms.ModelForm):
    """One rule: where to, the first weight and its charge, each further step, free from."""

    province = forms.ModelChoiceField(
        Province.objects.order_by("name"), required=False, empty_label=_("Mọi nơi khác"),
        label=_("Giao đến"), error_messages={"invalid_choice": _("Tỉnh/thành không có trong danh sách.")},
    )
    first_weight = GramsField(label=_("Khối lượng đầu"), initial="1000")
    first_charge = DongField(
        label=_("Phí cho khối lượng đầu"), error_messages={"required": _("Nhập phí cho khối lượng đầu.")}
    )
    step_weight = GramsField(label=_("Mỗi nấc thêm"), initial="500")
    step_charge = DongField(label=_("Phí mỗi nấc thêm"), required=False)
    free_from = DongField(label=_("Miễn phí khi đơn từ"), required=False)
    default_weight = GramsField(label=_("Khối lượng sản phẩm chưa khai báo"), initial="500")

    class Meta:
        model = SellerShippingRule
        fields = ["province", "first_weight", "first_charge", "step_weight", "step_charge", "free_from",
                  "default_weight"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_weight", "step_weight", "default_weight"):
            self.fields[name].error_messages["required"] = _("Nhập khối lượng, ví dụ 500 hoặc 1 kg.")

    def clean_step_charge(self):
        return self.cleaned_data.get("step_charge") or 0

    def validate_unique(self):
        # The seller is set by the view, so the model's uniqueness check cannot run here; the
        # formset checks that each destination appears once.
        pass


class BaseShippingRuleFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        # An existing row whose id is not one of this seller's rules was tampered with.
        if any(form.instance.pk is None for form in self.forms[: self.initial_form_count()]):
            raise ValidationError(_("Biểu phí này không tồn tại hoặc không phải của bạn; hãy tải lại trang."))
        seen = {}
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            if not hasattr(form, "cleaned_data") or "province" not in form.cleaned_data:
                continue
            province = form.cleaned_data["province"]
            if province in seen:
                name = province.name if province else _("Mọi nơi khác")
                raise ValidationError(_("«%(name)s» có hai biểu phí: mỗi nơi nhận chỉ được một.") % {"name": name})
            seen[province] = form


ShippingRuleFormSet = forms.modelformset_factory(
    SellerShippingRule, form=ShippingRuleForm, formset=BaseShippingRuleFormSet, extra=1, can_delete=True
)
