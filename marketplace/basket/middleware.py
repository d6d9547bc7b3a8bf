"""Oscar's basket middleware, without the queries a basket makes for offers the marketplace has not
got: every page a buyer with a basket opens counted its lines, then read the site's offers and the
basket's vouchers, before loading the lines anyway."""

from oscar.apps.basket.middleware import BasketMiddleware as OscarBasketMiddleware
from oscar.core.loading import get_class, get_model

from marketplace import caching

Applicator = get_class("offer.applicator", "Applicator")
ConditionalOffer = get_model("offer", "ConditionalOffer")


def offers_exist() -> bool:
    """Whether any offer exists, active or not: a voucher applies through an offer too. Kept until
    an offer is written, so a new one shows at once."""
    return caching.kept("offers-exist", ConditionalOffer.objects.exists, reads=["offer.ConditionalOffer"])


def apply_offers(request, basket):
    """Oscar's offers applied to a basket that has lines, while any offer exists."""
    # The lines loaded first, so that "is it empty" reads them instead of counting them.
    if len(basket.all_lines()) and offers_exist():
        Applicator().apply(basket, request.user, request)


class BasketMiddleware(OscarBasketMiddleware):
    def apply_offers_to_basket(self, request, basket):
        apply_offers(request, basket)
