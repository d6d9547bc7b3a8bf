"""Storefront pages answer in a number of SQL queries that does not grow with the catalogue."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from catalog.models import Category, Product, ProductAttribute
from sellers.models import StockRecord

# As a running server renders a page for a signed-in visitor or one with a basket: fragments kept
# (the menu), the page itself rendered, not served whole from the page cache.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kept_fragments")]

# Every storefront page rendered (not served whole from the page cache), with its fragments kept;
# the same count at both catalogue sizes is the real test, and 12 is issue 8's ceiling.
MAX_QUERIES = 12


@pytest.fixture
def catalogue(make_seller, make_product, tan_cuong_gi, grant_gi_right, certify, home_page):
    """Returns a function that grows the catalogue to `n` tea products, each with three variants,
    a specification, a certificate and the GI, sold by sellers holding the GI right."""
    category = Category.add_root(name="Chè", slug="che")
    sellers = [make_seller(name=f"HTX Chè số {i}") for i in range(3)]
    for seller in sellers:
        grant_gi_right(seller, tan_cuong_gi, valid_from=date(2024, 1, 1))
    made = []

    def grow(n):
        while len(made) < n:
            seller = sellers[len(made) % len(sellers)]
            parent = make_product(seller, title=f"Chè Tân Cương {len(made)}", gi=tan_cuong_gi)
            parent.stockrecords.all().delete()
            parent.structure = Product.PARENT
            parent.save()
            parent.categories.add(category)
            ProductAttribute.objects.get_or_create(product_class=parent.product_class, code="thanh_phan",
                                                   defaults={"name": "Thành phần", "type": ProductAttribute.TEXT})
            parent.attr.thanh_phan = "100% búp chè trung du"
            parent.attr.save()
            for grams in (100, 200, 500):
                child = Product.objects.create(parent=parent, structure=Product.CHILD, title=f"{grams} g")
                StockRecord.objects.create(product=child, partner=seller, partner_sku=f"{child.pk}",
                                           price=grams * 1000, price_currency="VND", num_in_stock=5)
            certify(parent, stars=3 + len(made) % 3)
            made.append(parent)
        return made

    grow.category = category
    grow.sellers = sellers
    grow.gi = tan_cuong_gi
    return grow


def count_queries(client, path, expect_text):
    client.get(path)  # warm caches a real server keeps warm (thumbnails, site, templates)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    assert expect_text in response.content.decode(), f"{path} does not show {expect_text!r}"
    return len(queries)


PAGES = {
    "home": lambda c: "/",
    "catalogue": lambda c: "/catalogue/",
    "category": lambda c: c.category.get_absolute_url(),
    "product": lambda c: c(1)[0].get_absolute_url(),
    "provenance": lambda c: f"/catalogue/truy-xuat/{c(1)[0].pk}/",
    "producer": lambda c: f"/sellers/{c.sellers[0].slug}/",
    "gi": lambda c: f"/gi/{c.gi.slug}/",
    "search": lambda c: "/search/?q=che+tan+cuong&sort=newest&in_stock=1",
    "search-typo": lambda c: "/search/?q=che+tan+cuongg&sort=newest",
    "ocop-group": lambda c: "/catalogue/nhom-ocop/2/?gi=che-tan-cuong&seller_type=htx&sort=newest",
    "api-products": lambda c: "/api/v1/products?q=tra+tan+cuong&sort=newest",
    "api-product": lambda c: f"/api/v1/products/{c(1)[0].pk}",
    "suggest": lambda c: "/search/suggest?q=che+tan",
}


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_the_catalogue(client, catalogue, page):
    catalogue(3)
    small = count_queries(client, PAGES[page](catalogue), "Chè Tân Cương 0")
    catalogue(15)
    # The product pages show the first product; the producer page its seller's newest (every third).
    newest = {"product": "Chè Tân Cương 0", "provenance": "Chè Tân Cương 0", "api-product": "Chè Tân Cương 0",
              "producer": "Chè Tân Cương 12", "suggest": "Chè Tân Cương"}.get(page, "Chè Tân Cương 14")
    large = count_queries(client, PAGES[page](catalogue), newest)
    assert small == large, f"{page}: {small} queries with 3 products, {large} with 15"
    assert large <= MAX_QUERIES, f"{page}: {large} queries"
    print(f"{page}: {large} queries")


# What a basket adds to every page: the basket and its lines; not their images (the header shows the
# count and the total), nor their attributes while the catalogue has no option
# (marketplace/basket/models.py), not the site's offers and the basket's vouchers while the
# marketplace has no offer, nor a count of lines.
BASKET_QUERIES = 2


@pytest.mark.parametrize("page", PAGES)
def test_a_basket_adds_a_fixed_few_queries_to_every_page(client, catalogue, page):
    catalogue(3)
    path = PAGES[page](catalogue)
    without = count_queries(client, path, "Chè Tân Cương")
    tea = catalogue(3)[1].children.first()
    assert client.post(f"/basket/add/{tea.pk}/", {"quantity": 1}).status_code == 302
    with_basket = count_queries(client, path, "Chè Tân Cương")
    print(f"{page}: {without} queries, {with_basket} with a basket")
    assert with_basket - without <= BASKET_QUERIES, f"{page}: {without} without a basket, {with_basket} with"


def test_a_basket_reads_offers_once_there_is_one(client, catalogue):
    from oscar.apps.offer.models import Benefit, Condition, ConditionalOffer, Range

    catalogue(3)
    tea = catalogue(3)[1].children.first()
    client.post(f"/basket/add/{tea.pk}/", {"quantity": 1})

    def reads_offers():
        client.get("/catalogue/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/catalogue/")
        return any("offer_conditionaloffer" in q["sql"] for q in queries.captured_queries)

    assert not reads_offers()
    everything = Range.objects.create(name="Tất cả", includes_all_products=True)
    ConditionalOffer.objects.create(
        name="Giảm giá mùa Tết", offer_type=ConditionalOffer.SITE,
        condition=Condition.objects.create(range=everything, type=Condition.COUNT, value=1),
        benefit=Benefit.objects.create(range=everything, type=Benefit.PERCENTAGE, value=10),
    )
    assert reads_offers()


# Stored pages (marketplace/caching.py) for a signed-in buyer with a basket and a wish list: their
# session, their user, their basket, and their own parts of the page drawn
# (marketplace/personal_parts.py): the account links, and on the product page wish lists and reviews.
STORED_PAGES = ("home", "category", "product", "producer", "gi", "search", "ocop-group", "api-products")


@pytest.mark.parametrize("page", STORED_PAGES)
def test_a_signed_in_buyer_is_served_stored_pages_in_a_few_queries(client, catalogue, page, settings,
                                                                    django_user_model):
    WishList = get_model("wishlists", "WishList")
    settings.PAGE_CACHE_SECONDS = 600
    products = catalogue(3)
    path = PAGES[page](catalogue)
    Client().get(path)  # stored for an anonymous visitor
    buyer = django_user_model.objects.create_user("lan@example.vn", "x")
    WishList.objects.create(owner=buyer, name="Quà Tết").add(products[0])
    client.force_login(buyer)
    assert client.post(f"/basket/add/{products[1].children.first().pk}/", {"quantity": 1}).status_code == 302
    client.get("/basket/")  # the addition's message is read there

    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)

    assert response["X-Page-Cache"] == "hit", page
    print(f"{page}: {len(queries)} queries signed in")
    assert len(queries) <= MAX_QUERIES, f"{page}: {len(queries)} queries signed in"


# The first request for a page after a product is edited renders it: its fragments drawn from
# products are drawn again; the menus, the CMS pages' language links and what the basket reads
# (options, offers, suspended sellers) are kept, as they read tables a product's edit does not write.
# A signed-in buyer's request renders it as for nobody in particular, stores it, then draws the
# buyer's parts: their session (kept in Redis in production), their user, and on the product page
# whether they reviewed or bought it; their permissions (marketplace/auth_backends.py) and unread
# notifications are kept. Over issue 8's ceiling of 12: measured, not yet met.
SIGNED_IN_QUERIES = 3


def become(client, visitor, products, django_user_model):
    """The client as that kind of visitor: anonymous, with a basket, or signed in with a basket."""
    if visitor == "signed-in":
        client.force_login(django_user_model.objects.create_user("lan@example.vn", "x"))
    if visitor != "anonymous":
        assert client.post(f"/basket/add/{products[1].children.first().pk}/", {"quantity": 1}).status_code == 302
        client.get("/basket/")  # the addition's message is read there


@pytest.mark.parametrize("visitor", ["anonymous", "with-a-basket", "signed-in"])
@pytest.mark.parametrize("page", PAGES)
def test_the_first_render_after_a_product_s_edit_stays_within_bounds(client, catalogue, page, settings,
                                                                     visitor, django_user_model):
    settings.PAGE_CACHE_SECONDS = 600
    products = catalogue(3)
    path = PAGES[page](catalogue)
    become(client, visitor, products, django_user_model)
    client.get(path)
    client.get(path)  # stored (from an anonymous visitor's request), fragments kept
    products[2].title = "Chè Tân Cương 2 – vụ xuân"
    products[2].save()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)

    assert response.status_code == 200
    assert response.get("X-Page-Cache") in (None, "stored"), page
    bound = MAX_QUERIES + {"anonymous": 0, "with-a-basket": BASKET_QUERIES,
                           "signed-in": BASKET_QUERIES + SIGNED_IN_QUERIES}[visitor]
    print(f"{page} {visitor}: {len(queries)} queries rendered after an edit")
    assert len(queries) <= bound, f"{page} {visitor}: {len(queries)} queries rendered after an edit"


# Pages that do not show the product edited: none of their cards is drawn again (caching.card_keys),
# so a list page is drawn in at most LIST_AFTER_ANOTHER_EDIT queries. The product page and the API
# load the products they show themselves.
UNRELATED_PAGES = ("category", "product", "producer", "gi", "search", "ocop-group", "api-products")
LIST_AFTER_ANOTHER_EDIT = 8


@pytest.mark.parametrize("visitor", ["anonymous", "with-a-basket", "signed-in"])
@pytest.mark.parametrize("page", UNRELATED_PAGES)
def test_the_first_render_after_another_product_s_edit_draws_no_card(client, catalogue, page, settings, visitor,
                                                                     django_user_model, make_seller, make_product):
    settings.PAGE_CACHE_SECONDS = 600
    products = catalogue(3)
    honey_class = get_model("catalogue", "ProductClass").objects.create(name="Thực phẩm", ocop_group=1)
    honey = make_product(make_seller(name="HKD Mật ong Bình Long"), title="Mật ong rừng", origin=None)
    honey.product_class = honey_class
    honey.save()
    path = PAGES[page](catalogue)
    become(client, visitor, products, django_user_model)
    client.get(path)
    client.get(path)
    honey.title = "Mật ong rừng Bình Long"
    honey.save()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)

    assert response.status_code == 200
    assert "Mật ong" not in response.content.decode(), f"{page} shows the product edited"
    cards_loaded = [q for q in queries.captured_queries if "has_product_class_options" in q["sql"]]  # for_cards()
    print(f"{page} {visitor}: {len(queries)} queries rendered after another product's edit")
    lists = page not in ("product", "api-products")
    if lists:
        assert not cards_loaded, f"{page}: cards drawn again"
    bound = (LIST_AFTER_ANOTHER_EDIT if lists else MAX_QUERIES) + {
        "anonymous": 0, "with-a-basket": BASKET_QUERIES, "signed-in": BASKET_QUERIES + SIGNED_IN_QUERIES}[visitor]
    assert len(queries) <= bound, f"{page} {visitor}: {len(queries)} queries rendered after another product's edit"
