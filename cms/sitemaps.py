"""/sitemap.xml: Wagtail pages, products, producers and GIs, each a paginated section.

Addresses are built from the request's own host, like the canonical links on the pages, so the
sitemap and the pages never disagree about the domain. Only what a visitor may see is listed:
live public pages, public products, active sellers, protected GIs.
"""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.template.response import TemplateResponse
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
GeographicIndication = get_model("geo_indications", "GeographicIndication")

URLS_PER_SITEMAP = 5000  # well under the protocol's 50,000, so each section answers quickly


class RequestSitemap(DjangoSitemap):
    """A sitemap whose addresses use the host and scheme the request came in on."""

    limit = URLS_PER_SITEMAP

    def __init__(self, request):
        self.request = request

    def get_domain(self, site=None):
        return self.request.get_host()

    def get_protocol(self, protocol=None):
        return self.request.scheme


class PageSitemap(WagtailSitemap):
    limit = URLS_PER_SITEMAP

    def _urls(self, page, protocol, domain):
        urls = []
        for item in self.paginator.page(page).object_list:
            url = item.get_url(self.request)
            if url:
                urls.append({"item": item, "location": self.request.build_absolute_uri(url),
                             "lastmod": self.lastmod(item)})
        return urls


class ProductSitemap(RequestSitemap):
    def items(self):
        return Product.objects.browsable().only("pk", "slug", "date_updated").order_by("pk")

    def lastmod(self, product):
        return product.date_updated


class ProducerSitemap(RequestSitemap):
    def items(self):
        return Partner.objects.filter(is_active=True).exclude(slug=None).only("pk", "slug").order_by("pk")


class GISitemap(RequestSitemap):
    def items(self):
        return GeographicIndication.objects.filter(
            status=GeographicIndication.Status.PROTECTED
        ).only("pk", "slug").order_by("pk")

    def location(self, gi):
        return reverse("geo_indications:detail", kwargs={"slug": gi.slug})


SECTIONS = {"pages": PageSitemap, "products": ProductSitemap, "producers": ProducerSitemap, "gi": GISitemap}


def _sitemaps(request):
    return {name: sitemap(request) for name, sitemap in SECTIONS.items()}


def index(request):
    """The sitemap index: one entry per section and page of a section."""
    items = []
    for section, sitemap in _sitemaps(request).items():
        url = request.build_absolute_uri(reverse("cms:sitemap-section", kwargs={"section": section}))
        items.append(SitemapIndexItem(url, None))
        items += [SitemapIndexItem(f"{url}?p={number}", None) for number in sitemap.paginator.page_range[1:]]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )


def section(request, section):
    return sitemap_views.sitemap(request, _sitemaps(request), section=section)
