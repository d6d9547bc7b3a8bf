from django.db import IntegrityError, transaction
from django.db.models import Prefetch, prefetch_related_objects
from oscar.apps.basket.abstract_models import AbstractBasket
from oscar.core.loading import get_class, get_model

from marketplace import caching

OfferApplications = get_class("offer.results", "OfferApplications")
Option = get_model("catalogue", "Option")


def product_options_exist() -> bool:
    """Whether the catalogue has any product option. A line's attributes are the options chosen for
    it (deleted with their option), so without options no line has any. Kept until an
    option is written, so a new one shows at once."""
    return caching.kept("product-options-exist", Option.objects.exists, reads=["catalogue.Option"])


class Basket(AbstractBasket):
    """Oscar's basket, which keeps the lines it has loaded up to date when a product is added
    instead of reading them all again: adding to the basket read the lines twice, counted them
    twice and looked its line up once more, on top of the lines every request with a basket loads."""

    class Meta(AbstractBasket.Meta):
        pass

    def all_lines(self):
        if self.id is None:
            return self.lines.model.objects.none()
        if self._lines is None:
            self._lines = self._lines_queryset()
        return self._lines

    def _lines_queryset(self):
        # While the catalogue has no option, every line's attributes are known to be none without
        # the query Oscar makes for them on every page with a basket.
        attributes = "attributes" if product_options_exist() else Prefetch(
            "attributes", queryset=get_model("basket", "LineAttribute").objects.none())
        # Not their images: the header's basket on every page shows the count and the total only.
        return self.lines.select_related("product", "stockrecord").prefetch_related(attributes).order_by(
            self._meta.pk.name)

    def all_lines_with_images(self):
        """The lines with their products' images, for the pages that show each line's picture (the
        basket, checkout): loaded once for all of them."""
        lines = self.all_lines()
        prefetch_related_objects(list(lines), "product__images")
        return lines

    def _keep_lines(self, lines):
        # The lines as all_lines() would read them again, in the queryset it returns; Django's
        # prefetching fills a queryset's results the same way.
        queryset = self._lines if self._lines is not None else self._lines_queryset()
        queryset._result_cache = sorted(lines, key=lambda line: line.pk)
        queryset._prefetch_done = True
        self._lines = queryset

    def _reset_offers_keeping_lines(self):
        # Oscar's reset_offer_applications() drops the lines to be read again without discounts;
        # these are current, so only their discounts go.
        self.offer_applications = OfferApplications()
        for line in self.all_lines():
            line.clear_discount()

    def product_quantity(self, product):
        # From the lines every request with a basket has loaded; Oscar's asks the database.
        if self.id is None:
            return 0
        return sum(line.quantity for line in self.all_lines() if line.product_id == product.pk)

    def add_product(self, product, quantity=1, options=None):
        """Oscar's add_product (same checks, same line reference and stored price), looking the line
        up among the lines already loaded and keeping them current. Returns (line, created)."""
        if options is None:
            options = []
        if not self.id:
            self.save()
            self._keep_lines([])  # a basket just saved has no lines to read

        price_currency = self.currency
        stock_info = self.get_stock_info(product, options)
        if not stock_info.price.exists:
            raise ValueError(f"Strategy hasn't found a price for product {product}")
        if price_currency and stock_info.price.currency != price_currency:
            raise ValueError(
                f"Basket lines must all have the same currency. Proposed line has currency "
                f"{stock_info.price.currency}, while basket has currency {price_currency}"
            )
        if stock_info.stockrecord is None:
            raise ValueError(
                f"Basket lines must all have stock records. Strategy hasn't found any stock record for product "
                f"{product}"
            )

        line_ref = self._create_line_reference(product, stock_info.stockrecord, options)
        defaults = {
            "quantity": max(0, quantity),
            "price_excl_tax": stock_info.price.excl_tax,
            "price_currency": stock_info.price.currency,
            "tax_code": stock_info.price.tax_code,
        }
        if stock_info.price.is_tax_known:
            defaults["price_incl_tax"] = stock_info.price.incl_tax

        lines = list(self.all_lines())
        line = next((line for line in lines if line.line_reference == line_ref and line.product_id == product.pk
                     and line.stockrecord_id == stock_info.stockrecord.pk), None)
        created = line is None
        if created:
            try:
                # A savepoint, as in Oscar's get_or_create: the same line added by another request
                # since this one read the basket must not break the transaction.
                with transaction.atomic():
                    line = self.lines.create(
                        line_reference=line_ref, product=product, stockrecord=stock_info.stockrecord, **defaults)
            except IntegrityError:
                line = self.lines.get(line_reference=line_ref, product=product, stockrecord=stock_info.stockrecord)
                created = False
            lines.append(line)
        if created:
            for option_dict in options:
                line.attributes.create(option=option_dict["option"], value=option_dict["value"])
        else:
            line.quantity = max(0, line.quantity + quantity)
            line.save()
        self._keep_lines(lines)
        self._reset_offers_keeping_lines()
        return line, created

    add_product.alters_data = True
    add = add_product


from oscar.apps.basket.models import *  # noqa: E402,F403
