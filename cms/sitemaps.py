"""/sitemap.xml: Wagtail pages, products, producers and GIs, each a paginated section.

Addresses are built from the request's own host, like the canonical links on the pages, so the
sitemap and the pages never disagree about the domain. Only what a visitor may see is listed:
live public pages (Vietnamese and English, each with its translations' addresses), public products,
active sellers, protected GIs.
"""

from collections import defaultdict

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from cms import discoverability

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
    """Live public pages of every language, each with the addresses of its translations."""

    limit = URLS_PER_SITEMAP

    def items(self):
        # Each language's tree hangs from a translation of the site's home page.
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_home = Q()
        for home in homes:
            under_a_home |= Q(path__startswith=home.path)
        return (
            Page.objects.filter(under_a_home).live().public().order_by("path")
            .select_related("locale").defer_streamfields()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        # Every version of this sitemap page's pages in one query, not one per page.
        versions = defaultdict(list)
        for version in (Page.objects.filter(translation_key__in={item.translation_key for item in items})
                        .live().public().select_related("locale")):
            versions[version.translation_key].append(version)
        urls = []
        for item in items:
            url = item.get_url(self.request)
            if url:
                alternates = discoverability.alternates_of(versions[item.translation_key], self.request)
                urls.append({
                    "item": item, "location": self.request.build_absolute_uri(url), "lastmod": self.lastmod(item),
                    "alternates": [{"lang_code": code, "location": location} for code, location in alternates],
                })
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
