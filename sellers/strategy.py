"""Pricing and availability strategy: Oscar's default, with a product's price read "from" its
cheapest variant rather than its first."""

from decimal import Decimal

from oscar.apps.partner import strategy
from oscar.apps.partner.prices import FixedPrice, Unavailable
from oscar.core.loading import get_classes, get_model

from marketplace import caching

Available, StockRequiredAvailability, UnavailableToBuy = get_classes(
    "partner.availability", ["Available", "StockRequired", "Unavailable"])

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")


class CheapestVariantPrice:
    """A product sold in pack sizes is priced at its cheapest size: the least a buyer pays."""

    def parent_pricing_policy(self, product, children_stock):
        priced = [record for _child, record in children_stock if record and record.price is not None]
        if not priced:
            return Unavailable()
        cheapest = min(priced, key=lambda record: record.price)
        return FixedPrice(currency=cheapest.price_currency, excl_tax=cheapest.price, tax=Decimal(0))


class BasketLinesWithoutExtraQueries:
    """A basket's lines priced from what was loaded with them: Oscar's default reads each line's
    product's stock records and product class again, two queries per line every time the basket's
    total is computed (several times a request)."""

    def fetch_for_line(self, line, stockrecord=None):
        # The line's own stock record (selected with the line); Oscar's asks the product again.
        return self.fetch_for_product(line.product, stockrecord or line.stockrecord)

    def availability_policy(self, product, stockrecord):
        if not stockrecord or self._seller_suspended(stockrecord):
            return UnavailableToBuy()
        if not self._tracks_stock(product):
            return Available()
        return StockRequiredAvailability(stockrecord.net_stock_level)

    def _seller_suspended(self, stockrecord) -> bool:
        # A suspended seller's products cannot be bought, even from a basket filled before
        # (sellers.suspension): the basket and checkout refuse the line.
        if StockRecord.partner.is_cached(stockrecord):
            return not stockrecord.partner.is_active
        if "_suspended_sellers" not in self.__dict__:
            self._suspended_sellers = caching.kept("suspended-sellers", lambda: frozenset(
                Partner.objects.filter(is_active=False).values_list("pk", flat=True)), reads=["partner.Partner"])
        return stockrecord.partner_id in self._suspended_sellers

    def _tracks_stock(self, product) -> bool:
        source = product
        if product.is_child:
            if not Product.parent.is_cached(product):
                return self._class_tracks_stock(self._parent_class_id(product.parent_id))
            source = product.parent
        if Product.product_class.is_cached(source) and source.product_class is not None:
            return source.product_class.track_stock
        return self._class_tracks_stock(source.product_class_id)

    def _parent_class_id(self, parent_id):
        known = self.__dict__.setdefault("_parent_classes", {})
        if parent_id not in known:
            known[parent_id] = caching.kept(
                f"product-class-of:{parent_id}",
                lambda: Product.objects.filter(pk=parent_id).values_list("product_class_id", flat=True).first(),
                reads=[f"catalogue.Product:{parent_id}"],  # only that product's edit can change it
            )
        return known[parent_id]

    def _class_tracks_stock(self, class_id) -> bool:
        # The six OCOP groups' classes: all of them in one query, kept until one of them changes.
        if "_track_stock" not in self.__dict__:
            self._track_stock = caching.kept(
                "product-classes-track-stock", lambda: dict(ProductClass.objects.values_list("pk", "track_stock")),
                reads=["catalogue.ProductClass"],
            )
        return self._track_stock.get(class_id, True)


class Default(BasketLinesWithoutExtraQueries, CheapestVariantPrice, strategy.Default):
    """Oscar's default strategy (first stock record, stock required, no tax) with cheapest-variant
    pricing. VND prices carry no tax component here: listed prices are what buyers pay."""


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
