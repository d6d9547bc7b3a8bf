"""The stock-and-price formset a seller fills for each product or variant."""

from django.forms.models import BaseInlineFormSet, inlineformset_factory
from oscar.core.loading import get_model

from marketplace.dashboard.catalogue.forms import SellerStockRecordForm

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


class BaseSellerStockRecordFormSet(BaseInlineFormSet):
    """One stock record per product and seller; other sellers' records are never loaded."""

    def __init__(self, product_class, user, *args, seller=None, **kwargs):
        self.product_class, self.user, self.seller = product_class, user, seller
        instance = kwargs.get("instance")
        kwargs["queryset"] = StockRecord.objects.filter(
            product=instance if instance is not None and instance.pk else None, partner=seller
        )
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "product_class": self.product_class,
                "user": self.user, "seller": self.seller}


SellerStockRecordFormSet = inlineformset_factory(
    Product, StockRecord, form=SellerStockRecordForm, formset=BaseSellerStockRecordFormSet,
    extra=1, max_num=1, validate_max=True, can_delete=False,
)
