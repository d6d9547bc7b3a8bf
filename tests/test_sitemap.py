"""/sitemap.xml and /robots.txt: only live, public things, addressed on the host the crawler used."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale

from catalog.models import Product
from cms import sitemaps
from cms.models import NewsIndexPage, NewsPage
from geo_indications.models import GeographicIndication

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def locations(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    return [element.text for element in ET.fromstring(response.content).findall(".//s:loc", NS)]


@pytest.fixture
def marketplace(home_page, make_seller, make_product, tan_cuong_gi, thai_nguyen):
    seller = make_seller()
    retired = make_seller(name="HTX Đã Nghỉ")
    retired.is_active = False
    retired.save()
    tea = make_product(seller, title="Chè búp Tân Cương")
    hidden = make_product(seller, title="Chè ẩn")
    Product.objects.filter(pk=hidden.pk).update(is_public=False)
    news = home_page.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    news.add_child(instance=NewsPage(title="Hội chợ", slug="hoi-cho"))
    news.add_child(instance=NewsPage(title="Nháp", slug="nhap", live=False))
    cancelled = GeographicIndication.objects.create(
        slug="da-huy", name_vi="Đã hủy", product_type="chè", managing_organisation="UBND",
        status=GeographicIndication.Status.CANCELLED,
    )
    return {"seller": seller, "retired": retired, "tea": tea, "hidden": hidden, "gi": tan_cuong_gi,
            "cancelled": cancelled}


def test_the_index_lists_one_sitemap_per_section(client, marketplace):
    assert locations(client, "/sitemap.xml") == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-products.xml",
        "http://testserver/sitemap-producers.xml",
        "http://testserver/sitemap-gi.xml",
    ]


def test_pages_section_lists_live_pages_only(client, marketplace):
    assert locations(client, "/sitemap-pages.xml") == [
        "http://testserver/",
        "http://testserver/tin-tuc/",
        "http://testserver/tin-tuc/hoi-cho/",
    ]


def test_pages_section_lists_english_translations_with_each_versions_address(client, marketplace):
    english = Locale.objects.get(language_code="en")
    news = NewsPage.objects.get(slug="hoi-cho")
    translation = news.copy_for_translation(english, copy_parents=True)
    translation.title, translation.slug = "OCOP fair", "ocop-fair"
    translation.save_revision().publish()

    response = client.get("/sitemap-pages.xml")

    root = ET.fromstring(response.content)
    entries = {
        url.find("s:loc", NS).text: [(link.get("hreflang"), link.get("href")) for link in url.findall("x:link", NS)]
        for url in root.findall("s:url", NS)
    }
    versions = {
        "/": [("vi", "http://testserver/"), ("en", "http://testserver/en/")],
        "/tin-tuc/": [("vi", "http://testserver/tin-tuc/"), ("en", "http://testserver/en/tin-tuc/")],
        "/tin-tuc/hoi-cho/": [("vi", "http://testserver/tin-tuc/hoi-cho/"),
                              ("en", "http://testserver/en/tin-tuc/ocop-fair/")],
    }
    assert entries == {
        "http://testserver/": versions["/"],
        "http://testserver/tin-tuc/": versions["/tin-tuc/"],
        "http://testserver/tin-tuc/hoi-cho/": versions["/tin-tuc/hoi-cho/"],
        "http://testserver/en/": versions["/"],
        "http://testserver/en/tin-tuc/": versions["/tin-tuc/"],
        "http://testserver/en/tin-tuc/ocop-fair/": versions["/tin-tuc/hoi-cho/"],
    }


def test_products_section_lists_public_products_only(client, marketplace):
    tea = marketplace["tea"]

    assert locations(client, "/sitemap-products.xml") == [f"http://testserver{tea.get_absolute_url()}"]


def test_producers_section_lists_active_sellers_only(client, marketplace):
    assert locations(client, "/sitemap-producers.xml") == [
        f"http://testserver/sellers/{marketplace['seller'].slug}/"
    ]


def test_gi_section_lists_protected_gis_only(client, marketplace):
    assert locations(client, "/sitemap-gi.xml") == ["http://testserver/gi/che-tan-cuong/"]


def test_an_unknown_section_is_404(client, marketplace):
    assert client.get("/sitemap-orders.xml").status_code == 404


def test_large_sections_are_split_into_pages(client, marketplace, make_product, monkeypatch):
    monkeypatch.setattr(sitemaps.ProductSitemap, "limit", 2)
    for n in range(3):
        make_product(marketplace["seller"], title=f"Chè {n}")

    index = locations(client, "/sitemap.xml")

    assert "http://testserver/sitemap-products.xml" in index
    assert "http://testserver/sitemap-products.xml?p=2" in index
    assert len(locations(client, "/sitemap-products.xml?p=2")) == 2
    assert client.get("/sitemap-products.xml?p=3").status_code == 404


def test_sitemap_queries_do_not_grow_with_the_catalogue(
    client, marketplace, make_product, django_assert_max_num_queries
):
    client.get("/sitemap-products.xml")
    with django_assert_max_num_queries(10) as captured:
        client.get("/sitemap-products.xml")
    small = len(captured)
    for n in range(20):
        make_product(marketplace["seller"], title=f"Chè {n}")

    with django_assert_max_num_queries(small):
        assert len(locations(client, "/sitemap-products.xml")) == 21


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_pages(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /checkout/" in lines
    assert "Disallow: /cms-admin/" in lines
    assert "Disallow: /dashboard/" in lines
    assert "Disallow: /catalogue/" not in lines
    assert lines[-1] == "Sitemap: http://testserver/sitemap.xml"
