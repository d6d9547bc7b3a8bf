from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    """Marketplace-wide pieces: money display, demo data, health."""

    name = "marketplace"
    verbose_name = "Sàn OCOP"

    def ready(self):
        from marketplace import analytics_counters, caching

        caching.connect()  # cached pages and fragments follow every change to what they show
        analytics_counters.connect()
