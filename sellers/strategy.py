"""Pricing and availability strategy: Oscar's default, with a product's price read "from" its
cheapest variant rather than its first."""

from decimal import Decimal

from oscar.apps.partner import strategy
from oscar.apps.partner.prices import FixedPrice, Unavailable


class CheapestVariantPrice:
    """A product sold in pack sizes is priced at its cheapest size: the least a buyer pays."""

    def parent_pricing_policy(self, product, children_stock):
        priced = [record for _child, record in children_stock if record and record.price is not None]
        if not priced:
            return Unavailable()
        cheapest = min(priced, key=lambda record: record.price)
        return FixedPrice(currency=cheapest.price_currency, excl_tax=cheapest.price, tax=Decimal(0))


class Default(CheapestVariantPrice, strategy.Default):
    """Oscar's default strategy (first stock record, stock required, no tax) with cheapest-variant
    pricing. VND prices carry no tax component here: listed prices are what buyers pay."""


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
