"""What search reads: one denormalised, folded document per browsable product.

Queries and facet counts run against this one table (no joins to stock, certificates or rights), so
they are single aggregate queries whatever the size of the catalogue. Documents are rebuilt by the
indexing tasks (catalog/search/indexing.py) whenever something they copy changes.
"""

import datetime
import json

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ProductSearchDocumentQuerySet(models.QuerySet):
    def current(self, day=None):
        """Annotate the badges that still hold today: a certificate or GI right indexed last month may
        have expired since, and a badge must never outlive its validity."""
        day = day or timezone.localdate()
        return self.annotate(
            current_stars=models.Case(
                models.When(stars_until__gte=day, then=models.F("stars")), default=None,
                output_field=models.PositiveSmallIntegerField(),
            ),
            current_gi=models.Case(
                models.When(Q(gi_until__isnull=True) | Q(gi_until__gte=day), then=models.F("gi")),
                default=None, output_field=models.BigIntegerField(),
            ),
        )


class FacetCombination(models.Model):
    """One combination of the values documents are counted by, shared by every document holding it.

    Facet counts group the matched documents by this one id and read the values from here: grouping
    by the eight values themselves took 19-30 ms for "chè" (29,808 of 50,000 documents) on PostgreSQL,
    against 13-15 ms by one integer. Rows are never changed or deleted; a document whose values change
    points to another one. Every document is written through documents.with_facet_combinations:
    an UPDATE of a document's counted values alone would leave its counts on the old combination.
    """

    key = models.CharField(max_length=255, unique=True)  # the values below as one string (`key_of`)
    stars = models.PositiveSmallIntegerField(null=True)
    stars_until = models.DateField(null=True)
    ocop_group = models.PositiveSmallIntegerField(null=True)
    gi = models.BigIntegerField(null=True)
    gi_until = models.DateField(null=True)
    province = models.PositiveIntegerField(null=True)
    commune = models.PositiveIntegerField(null=True)
    seller_kind = models.CharField(max_length=3, blank=True)
    in_stock = models.BooleanField(default=False)
    price_range = models.CharField(max_length=20, blank=True)

    FIELDS = ("stars", "stars_until", "ocop_group", "gi", "gi_until", "province", "commune", "seller_kind",
              "in_stock", "price_range")

    def __str__(self):
        return self.key

    @staticmethod
    def key_of(values) -> str:
        """The combination's key from its values in FIELDS order (None and "" kept apart)."""
        return json.dumps([v.isoformat() if isinstance(v, datetime.date) else v for v in values])


class ProductSearchDocument(models.Model):
    """A product as search sees it: folded text plus the values it is filtered, counted and sorted by."""

    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    # Folded (`fold()`) and padded with spaces, so " che" matches words starting with "che".
    text = models.TextField()
    title = models.CharField(max_length=300)  # folded title, weighs more in relevance
    # Full-text vector over `text` ('simple' config: the text is already folded). PostgreSQL only;
    # left empty on SQLite. Its GIN index is created by a PostgreSQL-only migration.
    vector = SearchVectorField(null=True)
    stars = models.PositiveSmallIntegerField(null=True)
    stars_until = models.DateField(null=True)
    ocop_group = models.PositiveSmallIntegerField(null=True)
    gi = models.ForeignKey(
        "geo_indications.GeographicIndication", on_delete=models.SET_NULL, null=True, related_name="+",
        db_constraint=False,
    )
    gi_until = models.DateField(null=True)  # the seller's right ends then (None: open-ended)
    province = models.ForeignKey(
        "geo_indications.Province", on_delete=models.SET_NULL, null=True, related_name="+",
        db_constraint=False,
    )
    commune = models.ForeignKey(
        "geo_indications.Commune", on_delete=models.SET_NULL, null=True, related_name="+",
        db_constraint=False,
    )
    seller = models.ForeignKey(
        "partner.Partner", on_delete=models.SET_NULL, null=True, related_name="+", db_constraint=False,
    )
    seller_kind = models.CharField(max_length=3, blank=True)
    price = models.BigIntegerField(null=True)  # lowest price, whole đồng
    # Its PRICE_RANGES key, stored: grouping facet counts by a computed CASE cost a fifth of a broad
    # search's time on 50,000 documents.
    price_range = models.CharField(max_length=20, blank=True)
    in_stock = models.BooleanField(default=False)
    # The values above that facets count, as one shared row (see FacetCombination).
    facets = models.ForeignKey(FacetCombination, on_delete=models.PROTECT, related_name="+")
    date_created = models.DateTimeField()
    rating = models.FloatField(null=True)
    indexed_at = models.DateTimeField(auto_now=True)

    objects = ProductSearchDocumentQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["price"]),
            models.Index(fields=["date_created"]),
            models.Index(fields=["stars"]),
        ]

    def __str__(self):
        return self.title


class SearchWord(models.Model):
    """Every word of the indexed texts once: the vocabulary typos are corrected against."""

    word = models.CharField(max_length=60, primary_key=True)

    def __str__(self):
        return self.word
