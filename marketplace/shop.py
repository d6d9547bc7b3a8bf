"""Oscar's URL configuration without its home redirect: `/` belongs to Wagtail."""

from oscar.config import Shop


class MarketplaceShop(Shop):
    def get_urls(self):
        return [url for url in super().get_urls() if getattr(url, "name", None) != "home"]
