from django.db.models import Prefetch
from django.views.generic import DetailView
from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
GIRight = get_model("geo_indications", "GIRight")

PRODUCTS_SHOWN = 48


class ProducerView(DetailView):
    """A producer's page: story, place, verified certificates and GI rights, products."""

    template_name = "sellers/producer.html"
    context_object_name = "producer"

    def get_queryset(self):
        return Partner.objects.filter(is_active=True).select_related("commune__province").prefetch_related(
            Prefetch(
                "gi_rights",
                queryset=GIRight.objects.valid_on().select_related("geographic_indication"),
                to_attr="valid_gi_rights",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        products = list(
            Product.objects.for_cards().filter(seller=self.object).order_by("-date_created")[:PRODUCTS_SHOWN]
        )
        context["products"] = products
        context["certificates"] = [
            (product, product.ocop_badge) for product in products if product.ocop_badge
        ]
        return context
