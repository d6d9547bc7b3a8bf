from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F403
from oscar.apps.shipping.methods import Base
from oscar.core import prices

from marketplace.shipping.charges import quote_basket


class PerSellerShipping(Base):
    """Each seller ships its own parcel: the charge is the sum of the sellers' own charges."""

    code = "per-seller"
    name = _("Mỗi người bán giao phần hàng của mình")

    def __init__(self, province_id=None):
        self.province_id = province_id

    def quotes(self, basket):
        return quote_basket(basket, self.province_id)

    def charges_by_seller(self, basket) -> dict[int, int]:
        return {quote.seller.pk: quote.charge for quote in self.quotes(basket)}

    def calculate(self, basket):
        total = sum(quote.charge for quote in self.quotes(basket))
        return prices.Price(currency=basket.currency, excl_tax=Decimal(total), tax=Decimal(0))
