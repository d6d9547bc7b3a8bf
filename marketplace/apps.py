from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    """Marketplace-wide pieces: money display, demo data, health."""

    name = "marketplace"
    verbose_name = "Sàn OCOP"
