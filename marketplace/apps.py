from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    """Marketplace-wide pieces: money display, demo data, health."""

    name = "marketplace"
    verbose_name = "Sàn OCOP"

    def ready(self):
        from marketplace import caching

        caching.connect()  # cached pages and fragments follow every change to what they show
        stop_counting_product_views()


def stop_counting_product_views():
    """Oscar's analytics write one row per product page view (three for a signed-in buyer), a write
    on the busiest read page, and pages served from the page cache were never counted anyway: the
    counts would be wrong as well as costly. Basket additions and purchases are still counted."""
    from oscar.apps.analytics import receivers  # connects them, if Oscar's app has not yet
    from oscar.apps.catalogue.signals import product_viewed

    product_viewed.disconnect(receivers.receive_product_view)
