"""Oscar's catalogue views, with the product page reading provenance in bounded queries."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery, Value, prefetch_related_objects
from django.db.models.functions import Coalesce
from oscar.apps.catalogue.views import *  # noqa: F403
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from catalog.traceability_views import provenance_url

Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductImage = get_model("catalogue", "ProductImage")
ProductReview = get_model("reviews", "ProductReview")


class ProductDetailView(OscarProductDetailView):
    def get_queryset(self):
        approved_reviews = (
            ProductReview.objects.filter(product=OuterRef("pk"), status=ProductReview.APPROVED)
            .order_by().values("product").annotate(count=Count("pk")).values("count")
        )
        # Not Oscar's base_queryset: it prefetches every child (the page shows public ones) and the
        # options, which Oscar's `has_options` reads from these annotations instead. Stock records
        # and variants are loaded by get_object, for the kind of product it is.
        return (
            Product.objects.with_provenance()
            .select_related("product_class", "seller__commune__province", "origin_commune__province", "parent")
            .annotate(
                has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
                has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
                approved_review_count=Coalesce(Subquery(approved_reviews, output_field=IntegerField()), Value(0)),
            )
            .prefetch_related(
                Prefetch("images", queryset=ProductImage.objects.order_by("display_order")),
                Prefetch("attribute_values", queryset=ProductAttributeValue.objects.select_related("attribute")),
            )
        )

    def is_viewable(self, product, request):
        # A suspended seller's products leave the storefront (sellers.suspension); staff, whom Oscar
        # shows hidden products to, still see them.
        seller = product.provenance_source.seller
        if seller is not None and not seller.is_active and not request.user.is_staff:
            return False
        return super().is_viewable(product, request)

    def get_object(self, queryset=None):
        product = super().get_object(queryset)
        product.num_approved_reviews = product.approved_review_count  # Oscar's cached_property, filled
        # A parent is sold through its public variants (their own photos are not shown), any other
        # product through its own stock records: each loads only what it has.
        if product.is_parent:
            variants = Product.objects.public().prefetch_related("stockrecords").order_by("pk")
            prefetch_related_objects(
                [product], Prefetch("children", queryset=variants, to_attr="_prefetched_public_children")
            )
        else:
            prefetch_related_objects([product], "stockrecords")
        return product

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        context["ocop_certificate"] = product.ocop_badge
        context["geographic_indication"] = product.gi_badge
        context["provenance_url"] = provenance_url(self.request, product)
        return context

    # The stock alert is drawn by its template for each visitor (marketplace/personal_parts.py):
    # Oscar's query for the visitor's alert and its form would go unused.
    def get_alert_status(self):
        return None

    def get_alert_form(self):
        return None
