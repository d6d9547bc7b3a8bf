"""Traceability: the page a product's QR code opens, and the QR code itself."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.generic import DetailView
from oscar.core.loading import get_model

from catalog.qr import qr_svg

Product = get_model("catalogue", "Product")


def provenance_url(request, product) -> str:
    return request.build_absolute_uri(reverse("catalogue:provenance", kwargs={"pk": product.pk}))


class ProvenanceView(DetailView):
    """Who made this product, where, and which of its claims are verified today."""

    template_name = "oscar/catalogue/provenance.html"
    context_object_name = "product"

    def get_queryset(self):
        return Product.objects.browsable().with_provenance().select_related(
            "seller__commune__province", "product_class"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        gi = product.gi_badge
        context.update(
            ocop_certificate=product.ocop_badge,
            geographic_indication=gi,
            gi_right=(
                product.seller.gi_rights.valid_on().filter(geographic_indication=gi).first()
                if gi else None
            ),
            provenance_url=provenance_url(self.request, product),
        )
        return context


@cache_control(max_age=86400, public=True)
def provenance_qr(request, pk):
    product = get_object_or_404(Product.objects.browsable(), pk=pk)
    svg = qr_svg(provenance_url(request, product), title=product.get_title())
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
