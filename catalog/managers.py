"""Oscar's product queryset, extended with what the storefront needs to show provenance."""

from django.apps import apps
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from oscar.apps.catalogue.managers import CategoryManager, CategoryQuerySet  # noqa: F401  (loaded by Oscar)
from oscar.apps.catalogue.managers import ProductQuerySet as OscarProductQuerySet


class ProductQuerySet(OscarProductQuerySet):
    def public(self):
        """Oscar's public products, less those of a suspended seller (sellers.suspension): every
        storefront list, page, block, feed and search document starts here or at `browsable()`.

        A variant's seller is its parent's; `exclude` keeps products with no seller at all.
        """
        return super().public().exclude(seller__is_active=False).exclude(parent__seller__is_active=False)

    def browsable(self):
        return super().browsable().exclude(seller__is_active=False)

    def with_provenance(self, day=None):
        """Annotate whether each product's GI badge may show today, and prefetch its valid OCOP
        certificates, its seller and origin, in a fixed number of queries.

        Badges are decided when read, so an expired or revoked certificate or right disappears on
        the next page view with no job to run.
        """
        from geo_indications.rules import gi_shown_annotations  # its models load after the catalogue's

        day = day or timezone.localdate()
        return self.select_related(
            "seller", "origin_commune__province", "geographic_indication"
        ).annotate(
            **gi_shown_annotations(day)
        ).with_valid_certificates(day)

    def with_valid_certificates(self, day=None):
        """Prefetch each product's OCOP certificates valid on `day` (today by default), best first,
        as `valid_ocop_certificates`: what its `ocop_badge` reads."""
        OcopCertificate = apps.get_model("catalogue", "OcopCertificate")
        valid = OcopCertificate.objects.valid_on(day or timezone.localdate()).order_by("-stars", "-decision_date")
        return self.prefetch_related(Prefetch("ocop_certificates", queryset=valid, to_attr="valid_ocop_certificates"))

    def for_cards(self):
        """Public, browsable products with everything a product card reads, in a fixed number of
        queries whatever the number of products."""
        ProductImage = apps.get_model("catalogue", "ProductImage")
        StockRecord = apps.get_model("partner", "StockRecord")
        Option = apps.get_model("catalogue", "Option")
        return (
            self.browsable()
            .with_provenance()
            .select_related("product_class")
            # Oscar's `has_options` reads these instead of querying once per card.
            .annotate(
                has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
                has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
            )
            .prefetch_related(
                Prefetch("images", queryset=ProductImage.objects.order_by("display_order")),
                Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
            )
            .prefetch_public_children(
                self.model.objects.public().prefetch_related("stockrecords").order_by("pk")
            )
        )
