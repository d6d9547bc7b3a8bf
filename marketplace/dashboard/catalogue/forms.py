"""Oscar's product forms, extended with origin and GI, and narrowed for sellers.

A seller never chooses who owns a product or a stock record: the signed-in seller is set on the
instance before validation, so model validation (GI rules, SKU uniqueness) sees the real owner.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.core.loading import get_model

from geo_indications.places import communes_in
from marketplace.money import to_dong

Commune = get_model("geo_indications", "Commune")
GeographicIndication = get_model("geo_indications", "GeographicIndication")
StockRecord = get_model("partner", "StockRecord")

# Variants share their parent's origin and GI (Product.provenance_source): not asked again.
PROVENANCE_FIELDS = ["origin_commune", "geographic_indication"]


class ProductForm(oscar_forms.ProductForm):
    """Oscar's product form plus where the product comes from and the GI it claims."""

    class Meta(oscar_forms.ProductForm.Meta):
        fields = [*oscar_forms.ProductForm.Meta.fields, *PROVENANCE_FIELDS]

    def __init__(self, product_class, *args, seller=None, **kwargs):
        super().__init__(product_class, *args, **kwargs)
        if seller is not None and self.instance.seller_id is None:
            # Set before validation: Product.clean checks the GI claim against this seller.
            self.instance.seller = seller
        if "origin_commune" in self.fields:
            province = settings.MARKETPLACE_PROVINCE_CODE
            field = self.fields["origin_commune"]
            field.queryset = Commune.objects.filter(province_id=province)
            field.choices = [("", "---------"), *communes_in(province)]
            field.help_text = _("Nơi sản phẩm được trồng hoặc làm ra.")
        if "geographic_indication" in self.fields:
            self.fields["geographic_indication"].queryset = GeographicIndication.objects.filter(
                status=GeographicIndication.Status.PROTECTED
            )
            self.fields["geographic_indication"].help_text = _(
                "Chỉ chọn khi bạn có quyền sử dụng chỉ dẫn địa lý đã được cán bộ xác minh."
            )

    def _post_clean(self):
        # Product.clean would judge the GI claim on the categories already saved, not the ones in
        # this submission: the view checks it once all forms are read (ProductCreateUpdateView.clean).
        if "geographic_indication" not in self.fields:
            return super()._post_clean()
        claimed = self.cleaned_data.pop("geographic_indication", None)
        self.instance.geographic_indication = None
        super()._post_clean()
        self.instance.geographic_indication = claimed
        self.cleaned_data["geographic_indication"] = claimed

    def delete_non_child_fields(self):
        super().delete_non_child_fields()
        for name in PROVENANCE_FIELDS:
            self.fields.pop(name, None)


class SellerStockRecordForm(forms.ModelForm):
    """A seller's stock and price for one product: the seller and the currency are not choices."""

    class Meta:
        model = StockRecord
        fields = ["partner_sku", "price", "num_in_stock", "low_stock_threshold"]

    def __init__(self, product_class, user, *args, seller=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.seller = seller
        # As Oscar's StockRecordForm: stock is asked only of product types that track it.
        if not product_class.track_stock:
            for name in ("num_in_stock", "low_stock_threshold"):
                del self.fields[name]
        else:
            self.fields["num_in_stock"].required = True
        self.fields["price"].required = True
        self.instance.partner = seller
        self.instance.price_currency = settings.OSCAR_DEFAULT_CURRENCY
        self.fields["partner_sku"].required = False
        self.fields["partner_sku"].help_text = _("Mã hàng của bạn; để trống để sàn tự đặt.")
        self.fields["price"].help_text = _("Số đồng chẵn, ví dụ 150000.")
        self.fields["price"].widget.attrs.update({"step": "1", "min": "0", "inputmode": "numeric"})
        if self.instance.price is not None:
            self.initial["price"] = to_dong(self.instance.price)  # 150000, not 150000.00
        if "num_in_stock" in self.fields:
            self.fields["num_in_stock"].widget.attrs.update({"min": "0"})

    def clean_partner_sku(self):
        sku = " ".join((self.cleaned_data.get("partner_sku") or "").split())
        if sku:
            taken = StockRecord.objects.filter(partner=self.seller, partner_sku=sku)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                raise forms.ValidationError(
                    _("Mã hàng %(sku)s đã dùng cho một sản phẩm khác của bạn.") % {"sku": sku}
                )
        return sku

    def clean_price(self):
        price = self.cleaned_data.get("price")
        if price is not None and price <= 0:
            raise forms.ValidationError(_("Giá phải lớn hơn 0 đồng."))
        return price

    def save(self, commit=True):
        if not self.instance.partner_sku:
            # Unique per seller because the product's id is unique.
            self.instance.partner_sku = f"SP{self.instance.product_id}"
        return super().save(commit)
