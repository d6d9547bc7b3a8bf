"""Oscar's catalogue views, with the product page reading provenance in bounded queries."""

from oscar.apps.catalogue.views import *  # noqa: F403
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from catalog.traceability_views import provenance_url

Product = get_model("catalogue", "Product")


class ProductDetailView(OscarProductDetailView):
    def get_queryset(self):
        return (
            Product.objects.base_queryset()
            .with_provenance()
            .select_related("seller__commune__province", "origin_commune__province", "parent")
            .prefetch_public_children(
                Product.objects.public().prefetch_related("stockrecords", "images").order_by("pk")
            )
            .prefetch_related("categories", "attribute_values__attribute")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        context["ocop_certificate"] = product.ocop_badge
        context["geographic_indication"] = product.gi_badge
        context["provenance_url"] = provenance_url(self.request, product)
        return context
