"""The demo loader: complete, truthful about OCOP and GIs, and safe to run again."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from oscar.core.loading import get_model
from wagtail.models import Page
from wagtail.models import Site as WagtailSite

from catalog.models import OcopCertificate, Product, ProductClass, ProductImage
from cms.models import HomePage, ProducerStoryPage
from geo_indications.models import Commune, GeographicIndication, GIRight, Province
from geo_indications.rules import gi_claim_errors
from marketplace.users.models import User
from sellers.models import Partner, StockRecord

Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db

README_PASSWORD = "ocop-demo-2026"
DEMO_ACCOUNTS = [
    "nguoimua@ocop.local", "htx.tancuong@ocop.local", "hkd.mien@ocop.local", "canbo@ocop.local",
    "admin@ocop.local",
]
TAX_CODE_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for this module, then rolled back so other modules start empty."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Province, Commune, GeographicIndication, GIRight, Partner, Product, StockRecord,
            ProductImage, OcopCertificate, User, Group, Page,
        )
    }


def listed_products():
    """Parents and standalone products: what a buyer browses (variants are children)."""
    return Product.objects.exclude(structure=Product.CHILD).exclude(upc__startswith="GEN-")


def test_a_second_run_changes_no_counts():
    before = counts()

    load_demo()

    assert counts() == before


def test_admin_units_are_the_34_provinces_with_thai_nguyen_and_its_92_communes():
    assert Province.objects.count() == 34
    thai_nguyen = Province.objects.get(code=19)
    assert thai_nguyen.name == "Tỉnh Thái Nguyên"
    assert thai_nguyen.communes.count() == 92


def test_producers_of_every_kind_at_least_three_each_in_thai_nguyen():
    kinds = Counter(Partner.objects.values_list("kind", flat=True))

    assert Partner.objects.count() >= 12
    assert set(kinds) == {"htx", "tht", "dn", "hkd"}
    assert min(kinds.values()) >= 3
    assert not Partner.objects.exclude(commune__province_id=19).exists()


def test_producers_have_valid_tax_codes_and_mobile_numbers():
    for tax_code, phone in Partner.objects.values_list("tax_code", "phone"):
        digits = [int(d) for d in tax_code]
        check = 10 - sum(w * d for w, d in zip(TAX_CODE_WEIGHTS, digits, strict=False)) % 11
        assert len(tax_code) == 10 and check == digits[9], tax_code
        assert len(phone) == 10 and phone.startswith("0") and phone.isdigit(), phone


def test_at_least_60_products_across_all_six_groups_with_tea_the_largest_category():
    products = listed_products()
    by_category = Counter(products.values_list("categories__name", flat=True))

    assert products.count() >= 60
    assert set(products.values_list("product_class__ocop_group", flat=True)) == {1, 2, 3, 4, 5, 6}
    assert by_category["Chè"] >= 20
    assert by_category.most_common(1)[0][0] == "Chè"


def test_tea_is_sold_in_pack_sizes_each_with_its_own_stockrecord():
    tea = listed_products().filter(categories__name="Chè")

    assert set(tea.values_list("structure", flat=True)) == {Product.PARENT}
    for parent in tea:
        sizes = parent.children.order_by("upc")
        assert [child.upc for child in sizes] == [f"{parent.upc}-{g}G" for g in (100, 200, 500)]
        assert all(child.stockrecords.count() == 1 for child in sizes)


def test_tourism_is_booked_not_shipped():
    tourism = ProductClass.objects.get(ocop_group=6)

    assert tourism.requires_shipping is False
    assert tourism.products.count() >= 1
    assert ProductClass.objects.filter(requires_shipping=True).count() == 5


def test_every_price_is_whole_dong_and_some_products_are_sold_out():
    prices = list(StockRecord.objects.values_list("price", "price_currency"))

    assert all(price == price.to_integral_value() for price, _ in prices)
    assert {currency for _, currency in prices} == {"VND"}
    assert StockRecord.objects.filter(num_in_stock=0).exists()


def test_every_listed_product_has_one_photo_and_a_category():
    for product in listed_products():
        assert product.images.count() == 1, product.upc
        assert product.categories.count() == 1, product.upc


def test_certificates_of_three_four_and_five_stars_with_the_right_issuers():
    certificates = OcopCertificate.objects.all()

    assert set(certificates.values_list("stars", flat=True)) == {3, 4, 5}
    assert set(certificates.filter(stars=5).values_list("issuer", flat=True)) == {"ministry"}
    assert certificates.filter(stars=5).count() < certificates.filter(stars=4).count()
    assert certificates.filter(status=OcopCertificate.Status.PENDING).count() == 1
    assert certificates.filter(status=OcopCertificate.Status.REVOKED).count() == 1
    assert certificates.filter(status=OcopCertificate.Status.VERIFIED).exclude(
        pk__in=OcopCertificate.objects.valid_on()
    ).count() == 1  # the expired one


def test_the_four_gis_with_their_certificate_numbers_and_no_collective_marks():
    numbers = dict(GeographicIndication.objects.values_list("slug", "certificate_number"))
    persimmon = GeographicIndication.objects.get(slug="hong-khong-hat-bac-kan")

    assert numbers == {
        "che-tan-cuong": "00013",
        "quyt-bac-kan": "00033",
        "mien-dong-bac-kan": "00106",
        "hong-khong-hat-bac-kan": "",
    }
    assert "chưa xác nhận số văn bằng" in persimmon.description
    assert not GeographicIndication.objects.exclude(protected_communes__province_id=19).exists()


def test_a_gi_is_shown_only_where_the_seller_holds_a_valid_right_and_the_origin_is_protected():
    with_gi = listed_products().filter(geographic_indication__isnull=False)

    assert with_gi.count() >= 10
    for product in with_gi:
        gi = product.geographic_indication
        assert GIRight.objects.valid_on().filter(seller=product.seller, geographic_indication=gi).exists()
        assert gi.protected_communes.filter(pk=product.origin_commune_id).exists()
        assert gi_claim_errors(
            seller=product.seller, geographic_indication=gi, origin_commune=product.origin_commune,
            categories=product.categories.all(),
        ) == []


def test_claims_without_a_valid_right_or_outside_the_area_carry_no_gi():
    # Revoked right, expired right, and tea bought in from Phú Lương.
    for upc in ("TN-CHE-0010", "TN-CHE-0013", "TN-CHE-0009"):
        assert Product.objects.get(upc=upc).geographic_indication is None
    assert GIRight.objects.filter(revoked_at__isnull=False).count() == 1
    assert GIRight.objects.exclude(pk__in=GIRight.objects.valid_on()).count() == 2


def test_the_five_demo_accounts_sign_in_with_the_readme_password():
    for email in DEMO_ACCOUNTS:
        assert authenticate(username=email, password=README_PASSWORD) is not None, email


def test_demo_accounts_have_their_roles():
    staff = User.objects.get(email="canbo@ocop.local")
    seller = User.objects.get(email="htx.tancuong@ocop.local")

    assert User.objects.get(email="admin@ocop.local").is_superuser
    assert not staff.is_staff and staff.groups.filter(name="Cán bộ tỉnh").exists()
    assert seller.partners.get().slug == "htx-che-tan-cuong-xanh"
    assert seller.has_perm("partner.dashboard_access")
    assert User.objects.get(email="hkd.mien@ocop.local").partners.get().kind == "hkd"
    assert not User.objects.get(email="nguoimua@ocop.local").is_staff


def test_shop_site_and_country():
    vietnam = Country.objects.get(iso_3166_1_a2="VN")

    assert Site.objects.get(pk=1).domain == "127.0.0.1:8000"
    assert (vietnam.iso_3166_1_a3, vietnam.iso_3166_1_numeric, vietnam.printable_name) == (
        "VNM", "704", "Việt Nam"
    )
    assert vietnam.is_shipping_country


def test_the_default_wagtail_site_opens_on_the_published_home_page():
    site = WagtailSite.objects.get(is_default_site=True)
    home = site.root_page.specific

    assert isinstance(home, HomePage)
    assert home.live
    assert [block.block_type for block in home.body] == [
        "hero", "featured_producers", "collection", "stories", "paragraph"
    ]
    assert home.body[0].value["link_url"] == "/catalogue/"
    # The home page and its English translation; Wagtail's welcome page is gone.
    assert sorted(Page.objects.filter(depth=2).values_list("locale__language_code", flat=True)) == ["en", "vi"]


def test_the_home_page_features_tan_cuong_producers_a_tea_collection_and_a_story(client):
    home = WagtailSite.objects.get(is_default_site=True).root_page.specific
    producers, collection, stories = (home.body[i].value for i in (1, 2, 3))
    story = ProducerStoryPage.objects.get(locale__language_code="vi")

    assert [seller.slug for seller in producers["producers"]] == ["htx-che-tan-cuong-xanh", "tht-che-bup-dai-phuc"]
    assert (collection["title"], collection["gi"].slug) == ("Trà Tân Cương", "che-tan-cuong")
    assert [page.pk for page in stories["stories"]] == [story.pk]
    assert story.live and story.seller.slug == "htx-che-tan-cuong-xanh"
    html = client.get("/", HTTP_HOST="localhost").content.decode()
    assert "Nhà chè Tân Cương" in html
    assert "Trà Tân Cương" in html
    assert "Hai mươi ba hộ, một lò sao chè" in html


def test_english_visitors_get_the_home_page_and_the_story_in_english(client):
    html = client.get("/en/", HTTP_HOST="localhost").content.decode()
    assert "OCOP specialities of Thái Nguyên" in html
    assert "Tân Cương tea houses" in html and "Producers&#x27; stories" in html
    assert "Twenty-three households, one tea kiln" in html
    assert "Đặc sản OCOP Thái Nguyên" not in html
    story = client.get("/en/stories/twenty-three-households-one-kiln/", HTTP_HOST="localhost")
    assert story.status_code == 200
    assert "Keeping the tea inside the protected area" in story.content.decode()
    assert 'hreflang="vi"' in story.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/catalogue/"})
    assert '<a class="site-brand" href="/en/">' in client.get("/catalogue/").content.decode()


def test_generated_products_are_added_once():
    before = Product.objects.count()

    load_demo("--products", "200")
    added = Product.objects.count() - before
    load_demo("--products", "200")

    assert added == 200
    assert Product.objects.count() == before + 200
    assert StockRecord.objects.filter(partner_sku__startswith="GEN-").count() == 200


def test_a_rerun_keeps_the_editors_home_page_but_upgrades_the_first_demos():
    from wagtail.rich_text import RichText

    home = WagtailSite.objects.get(is_default_site=True).root_page.specific
    home.body = [("paragraph", RichText("<p>Do biên tập viên viết</p>"))]
    home.save_revision().publish()
    load_demo()
    home.refresh_from_db()
    assert [block.block_type for block in home.body] == ["paragraph"]

    home.body = [("hero", {"heading": "Cũ", "link_url": "/catalogue/"}), ("paragraph", RichText("<p>Cũ</p>"))]
    home.save_revision().publish()
    load_demo()
    home.refresh_from_db()
    assert [block.block_type for block in home.body] == [
        "hero", "featured_producers", "collection", "stories", "paragraph"
    ]
