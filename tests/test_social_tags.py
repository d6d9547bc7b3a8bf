"""Canonical links, Open Graph and Twitter tags on every public page."""

import re
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from catalog.models import ProductImage
from cms.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def png(name="anh.png", size=(1600, 900)):
    buffer = BytesIO()
    PILImage.new("RGB", size, (40, 120, 60)).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=name)


def meta(html, key):
    """The content of <meta property|name="key">, or None; fails when there are two."""
    found = re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)" />', html)
    assert len(found) <= 1, f"{key} appears {len(found)} times"
    return found[0] if found else None


def canonical(html):
    found = re.findall(r'<link rel="canonical" href="([^"]*)" />', html)
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def tea(make_seller, make_product):
    product = make_product(make_seller(), title='Chè "Móc câu" Tân Cương')
    product.description = "<p>Búp chè sao tay<script>alert(1)</script></p>"
    product.save()
    return product


def test_a_product_page_has_its_canonical_url_price_and_image(client, tea, home_page):
    ProductImage.objects.create(product=tea, original=png(), display_order=0)

    html = client.get(tea.get_absolute_url() + "?utm_source=zalo&sort=price").content.decode()

    assert canonical(html) == f"http://testserver{tea.get_absolute_url()}"
    assert meta(html, "og:type") == "product"
    assert meta(html, "og:title") == "Chè &quot;Móc câu&quot; Tân Cương"
    assert meta(html, "og:url") == f"http://testserver{tea.get_absolute_url()}"
    assert meta(html, "product:price:amount") == "150000"
    assert meta(html, "product:price:currency") == "VND"
    assert meta(html, "og:image").startswith("http://testserver/media/cache/")
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == meta(html, "og:image")
    assert "alert(1)" not in meta(html, "og:description")


def test_a_product_without_photo_has_a_summary_card(client, tea, home_page):
    html = client.get(tea.get_absolute_url()).content.decode()

    assert meta(html, "og:image") is None
    assert meta(html, "twitter:card") == "summary"


def test_listing_pages_drop_filters_and_sorting_but_keep_the_page_number(client, tea, home_page):
    html = client.get("/catalogue/?sort=price&in_stock=1&page=2").content.decode()
    assert canonical(html) == "http://testserver/catalogue/?page=2"

    html = client.get("/catalogue/?page=1&gi=che-tan-cuong").content.decode()
    assert canonical(html) == "http://testserver/catalogue/"


def test_search_keeps_its_words(client, tea, home_page):
    html = client.get("/search/?q=chè&sort=newest&stars=4").content.decode()

    assert canonical(html) == "http://testserver/search/?q=ch%C3%A8"


def test_the_home_page_is_its_own_canonical_and_names_the_shop(client, home_page):
    html = client.get("/?utm_campaign=tet").content.decode()

    assert canonical(html) == "http://testserver/"
    assert meta(html, "og:site_name") == "Sàn OCOP Thái Nguyên"
    assert meta(html, "og:type") == "website"
    assert meta(html, "og:locale") == "vi_VN"


def test_a_news_page_shares_its_summary_and_cover_image(client, home_page):
    cover = get_image_model().objects.create(title="Hội chợ", file=png("hoi-cho.png"))
    news = home_page.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc")).add_child(
        instance=NewsPage(title="Hội chợ OCOP 2026", slug="hoi-cho", intro="Hơn 200 gian hàng.",
                          cover_image=cover)
    )

    html = client.get(news.url).content.decode()

    assert canonical(html) == "http://testserver/tin-tuc/hoi-cho/"
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == "Hội chợ OCOP 2026"
    assert meta(html, "og:description") == "Hơn 200 gian hàng."
    assert re.fullmatch(r"http://testserver/media/images/hoi-cho\.[^/]*fill-1200x630[^/]*\.png", meta(html, "og:image"))


def test_the_search_description_wins_over_the_summary(client, home_page):
    news = home_page.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc")).add_child(
        instance=NewsPage(title="Hội chợ", slug="hoi-cho", intro="Tóm tắt.", search_description="Mô tả SEO.")
    )

    html = client.get(news.url).content.decode()

    assert meta(html, "og:description") == "Mô tả SEO."


def test_producer_and_gi_pages_have_their_own_tags(client, tea, tan_cuong_gi, home_page):
    seller = tea.seller

    html = client.get(f"/sellers/{seller.slug}/?ref=fb").content.decode()
    assert canonical(html) == f"http://testserver/sellers/{seller.slug}/"
    assert meta(html, "og:title") == "HTX Chè Tân Cương Xanh"

    html = client.get("/gi/che-tan-cuong/").content.decode()
    assert canonical(html) == "http://testserver/gi/che-tan-cuong/"
    assert meta(html, "og:title") == "Chỉ dẫn địa lý Tân Cương"


def test_english_visitors_get_an_english_og_locale(client, home_page):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    html = client.get("/catalogue/").content.decode()

    assert meta(html, "og:locale") == "en_US"
