"""Oscar's availability policies (loaded through get_class("partner.availability", …)), with the stock
count said only when few are left: "Còn hàng", or "Chỉ còn 3". A buyer needs the number only then, and
a page that does not show it need not change with every order (marketplace/caching.py)."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.availability import StockRequired as OscarStockRequired

# At most this many left: the product page says how many.
FEW_LEFT = 5


def count_shown(num_available) -> int:
    """What the product page shows of a stock count: the count itself when few are left, one value
    for "plenty" above that (and nothing but "none" at or below zero)."""
    return max(0, min(num_available or 0, FEW_LEFT + 1))


class StockRequired(OscarStockRequired):
    @property
    def message(self) -> str:
        if self.num_available <= 0:
            return str(_("Hết hàng"))
        if self.num_available <= FEW_LEFT:
            return str(_("Chỉ còn %(count)d") % {"count": self.num_available})
        return str(_("Còn hàng"))
