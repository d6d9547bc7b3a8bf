from django.db.models import Prefetch
from django.views.generic import DetailView
from oscar.core.loading import get_model

from cms.showcase import gi_introduction
from geo_indications.models import GeographicIndication, GIRight
from geo_indications.rules import gi_shown_annotations

Product = get_model("catalogue", "Product")

PRODUCTS_SHOWN = 48


class GeographicIndicationView(DetailView):
    """A GI: what it protects, where, who may use it today, and their products."""

    template_name = "geo_indications/detail.html"
    context_object_name = "gi"

    def get_queryset(self):
        return GeographicIndication.objects.prefetch_related(
            Prefetch("protected_communes", to_attr="area"),
            Prefetch(
                "rights",
                # A suspended seller keeps its right but is not listed: its producer page is gone.
                queryset=GIRight.objects.valid_on().filter(seller__is_active=True)
                .select_related("seller__commune__province").order_by("seller__name"),
                to_attr="valid_rights",
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        gi = self.object
        sellers = [right.seller for right in gi.valid_rights]
        # What tells whether each may show the GI today, in one query; cached_cards draws the cards,
        # loading only those not kept.
        products = (
            Product.objects.browsable().filter(geographic_indication=gi, seller__in=sellers)
            .select_related("geographic_indication").annotate(**gi_shown_annotations()).order_by("-date_created")
        )
        context["authorised_sellers"] = sellers
        context["products"] = [p for p in products[:PRODUCTS_SHOWN] if p.gi_badge]
        context["introduction"] = gi_introduction(gi)
        return context
