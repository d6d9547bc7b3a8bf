"""Whole read pages cached for anonymous visitors and fragments for everyone (marketplace/caching.py):
nothing personal is shared, and a change to what a page shows shows on the next request."""

import re
from datetime import date

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.models import Category, Product
from catalog.search import documents
from sellers.models import StockRecord

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def tea(stored_pages, make_seller, make_product, tan_cuong_gi, grant_gi_right, certify, home_page):
    seller = make_seller(name="HTX Chè Hảo Đạt")
    grant_gi_right(seller, tan_cuong_gi, valid_from=date(2024, 1, 1))
    product = make_product(seller, title="Chè búp Tân Cương", gi=tan_cuong_gi, price="150000", stock=10)
    category = Category.add_root(name="Chè", slug="che")
    product.categories.add(category)
    certify(product, stars=4)
    product.refresh_from_db()
    return product


def visit(path, client=None):
    client = client or Client()
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def without_tokens(response):
    """The page without what is each response's own: CSRF tokens and the CSP nonce."""
    return re.sub(r'nonce="[^"]+"', "", CSRF_INPUT.sub("", response.content.decode()))


def token_of(response):
    return CSRF_INPUT.search(response.content.decode()).group(1)


def test_a_second_visitor_gets_the_stored_page_with_a_csrf_token_of_its_own(tea):
    first = visit(tea.get_absolute_url())
    second_client = Client(enforce_csrf_checks=True)
    second = visit(tea.get_absolute_url(), second_client)

    assert first.get("X-Page-Cache") is None
    assert second["X-Page-Cache"] == "hit"
    assert without_tokens(second) == without_tokens(first)
    assert token_of(second) != token_of(first)
    assert _unmask_cipher_token(token_of(second)) == second.cookies["csrftoken"].value
    # The token works: the second visitor puts the product in its own basket.
    added = second_client.post(reverse("basket:add", kwargs={"pk": tea.pk}),
                               {"csrfmiddlewaretoken": token_of(second), "quantity": 1})
    assert added.status_code == 302
    assert Basket.objects.get().all_lines()[0].product == tea


def test_the_csp_nonce_is_each_response_s_own(tea):
    first, second = visit("/"), visit("/")

    assert second["X-Page-Cache"] == "hit"
    nonces = [re.search(r"'nonce-([^']+)'", r["Content-Security-Policy"]).group(1) for r in (first, second)]
    assert nonces[0] != nonces[1]
    assert nonces[0].encode() not in second.content


def basket_count(response):
    return re.search(r'<span class="site-basket__count" aria-hidden="true">(\d+)</span>',
                     response.content.decode()).group(1)


def test_a_visitor_with_a_basket_gets_stored_pages_with_its_own_basket_and_others_never_see_it(tea):
    visit("/")  # stored by a visitor without a basket
    buyer = Client()
    buyer.post(reverse("basket:add", kwargs={"pk": tea.pk}), {"quantity": 2})
    buyer.get("/basket/")  # the addition's message is read there

    theirs = visit("/", buyer)
    theirs_product = visit(tea.get_absolute_url(), buyer)  # rendered for the buyer, then stored
    anyone_product = visit(tea.get_absolute_url())
    anyone = visit("/")

    assert theirs["X-Page-Cache"] == "hit"
    assert basket_count(theirs) == "2"
    assert "300.000\xa0₫" in theirs.content.decode()  # the basket's total in the header
    assert theirs_product.get("X-Page-Cache") is None
    assert basket_count(theirs_product) == "2"
    assert anyone_product["X-Page-Cache"] == "hit"
    assert basket_count(anyone_product) == "0"
    assert "300.000\xa0₫" not in anyone_product.content.decode()
    assert anyone["X-Page-Cache"] == "hit"
    assert basket_count(anyone) == "0"


def test_the_header_basket_follows_the_basket_on_a_stored_page(tea):
    buyer = Client()
    buyer.post(reverse("basket:add", kwargs={"pk": tea.pk}), {"quantity": 1})
    buyer.get("/basket/")
    assert basket_count(visit(tea.get_absolute_url(), buyer)) == "1"

    buyer.post(reverse("basket:add", kwargs={"pk": tea.pk}), {"quantity": 2})
    buyer.get("/basket/")
    again = visit(tea.get_absolute_url(), buyer)
    assert again["X-Page-Cache"] == "hit"
    assert basket_count(again) == "3"


def test_pages_rendered_for_a_member_are_not_stored(tea, member, settings):
    """Staff get their pages rendered: what is rendered for them (editing tools, their name) is not
    stored for anyone else."""
    member.user.is_staff = True
    member.user.save()
    signed_in = visit(tea.get_absolute_url(), member)
    anonymous = visit(tea.get_absolute_url())

    assert signed_in.get("X-Page-Cache") is None
    assert 'id="logout_link"' in signed_in.content.decode()
    assert anonymous.get("X-Page-Cache") is None  # the member's page was not stored
    assert 'id="logout_link"' not in anonymous.content.decode()


# --- signed-in buyers: stored pages with their own parts drawn ----------------------------------


@pytest.fixture
def member(tea, django_user_model):
    """A signed-in buyer with an unread notification, a basket and the tea in one of two wish lists."""
    Notification = get_model("communication", "Notification")
    WishList = get_model("wishlists", "WishList")
    user = django_user_model.objects.create_user(email="lan@example.vn", password="x", first_name="Lan")
    Notification.objects.create(recipient=user, subject="Đơn hàng đã giao")
    WishList.objects.create(owner=user, name="Quà Tết").add(tea)
    WishList.objects.create(owner=user, name="Mua sau")
    client = Client()
    client.force_login(user)
    client.post(reverse("basket:add", kwargs={"pk": tea.pk}), {"quantity": 2})
    client.get("/basket/")  # the addition's message is read there
    client.user = user
    return client


def rendered_for(client, path, settings):
    """The page as rendered for the client, not served from the store."""
    seconds, settings.PAGE_CACHE_SECONDS = settings.PAGE_CACHE_SECONDS, 0
    try:
        response = visit(path, client)
    finally:
        settings.PAGE_CACHE_SECONDS = seconds
    assert response.get("X-Page-Cache") is None
    return response


READ_PAGES = {
    "home": lambda tea: "/",
    "product": lambda tea: tea.get_absolute_url(),
    "category": lambda tea: tea.categories.get().get_absolute_url(),
    "search": lambda tea: "/search/?q=che+tan+cuong",
    "producer": lambda tea: f"/sellers/{tea.seller.slug}/",
}


@pytest.mark.parametrize("page", READ_PAGES)
def test_a_page_a_signed_in_buyer_asks_for_first_is_stored_as_anyone_would_see_it(tea, member, page, settings):
    """A site whose visitors are all signed in gets its pages stored too: rendered for nobody in
    particular, stored, and served with the buyer's own parts drawn in."""
    path = READ_PAGES[page](tea)

    served = visit(path, member)  # nobody asked for it before
    anonymous = visit(path)

    assert served["X-Page-Cache"] == "stored"
    assert without_tokens(served) == without_tokens(rendered_for(member, path, settings))
    assert anonymous["X-Page-Cache"] == "hit"
    assert without_tokens(anonymous) == without_tokens(rendered_for(Client(), path, settings))
    shared = anonymous.content.decode()
    assert 'id="logout_link"' not in shared and "Quà Tết" not in shared


def test_a_page_with_a_message_for_a_signed_in_buyer_is_rendered_for_them_and_not_stored(tea, member):
    path = "/search/?q=che&stars=9"  # a filter value out of range: the page says so
    served = visit(path, member)
    again = visit(path)

    assert served.get("X-Page-Cache") is None
    assert again.get("X-Page-Cache") is None
    assert [str(m) for m in served.context["messages"]] == [str(m) for m in again.context["messages"]] != []


@pytest.mark.parametrize("page", READ_PAGES)
def test_a_signed_in_buyer_gets_the_stored_page_as_it_would_be_rendered_for_them(tea, member, page, settings):
    path = READ_PAGES[page](tea)
    visit(path)  # stored by an anonymous visitor

    served = visit(path, member)
    rendered = rendered_for(member, path, settings)

    assert served["X-Page-Cache"] == "hit"
    assert without_tokens(served) == without_tokens(rendered)
    content = served.content.decode()
    assert 'id="logout_link"' in content and 'id="login_link"' not in content
    assert '<span class="badge badge-warning">1</span>' in content  # the unread notification
    assert basket_count(served) == "2"
    assert "/dashboard/" not in content


def test_the_product_page_s_parts_are_the_signed_in_buyer_s_own(tea, member, deliver_to, django_user_model):
    ProductReview = get_model("reviews", "ProductReview")
    other = django_user_model.objects.create_user(email="hoa@example.vn", password="x", first_name="Hoa")
    theirs = ProductReview.objects.create(product=tea, user=other, score=5, title="Thơm", body="…",
                                          status=ProductReview.APPROVED)
    deliver_to(member.user, tea)
    anonymous = visit(tea.get_absolute_url())  # stored
    served = visit(tea.get_absolute_url(), member)
    content = served.content.decode()

    assert served["X-Page-Cache"] == "hit"
    # The buyer received the tea and has not reviewed it: invited. Anonymous visitors are not.
    assert 'id="write_review"' in content
    assert 'id="write_review"' not in anonymous.content.decode()
    # Someone else's review: the buyer may vote on it; anonymous visitors may not.
    vote_url = reverse("catalogue:reviews-vote", kwargs={"product_slug": tea.slug, "product_pk": tea.pk,
                                                         "pk": theirs.pk})
    assert vote_url in content
    assert vote_url not in anonymous.content.decode()
    # The wish lists: the one holding the tea offers to remove it, the other to add it.
    assert "Quà Tết" in content and "Mua sau" in content
    assert "Quà Tết" not in anonymous.content.decode()
    WishList = get_model("wishlists", "WishList")
    assert reverse("customer:wishlists-remove-product",
                   kwargs={"key": WishList.objects.get(name="Quà Tết").key, "product_pk": tea.pk}) in content

    ProductReview.objects.create(product=tea, user=member.user, score=4, title="Ngon", body="…",
                                 status=ProductReview.APPROVED)
    visit(tea.get_absolute_url())  # the new review changed the page: stored again
    again = visit(tea.get_absolute_url(), member).content.decode()
    assert 'id="write_review"' not in again  # reviewed once
    assert "Đây là đánh giá của bạn." in again


def test_a_signed_in_buyer_s_stock_alert_is_their_own(tea, member):
    ProductAlert = get_model("customer", "ProductAlert")
    tea.stockrecords.update(num_in_stock=0)
    anonymous = visit(tea.get_absolute_url()).content.decode()
    assert 'id="alert_form"' in anonymous and 'name="email"' in anonymous

    served = visit(tea.get_absolute_url(), member)
    assert served["X-Page-Cache"] == "hit"
    assert 'id="alert_form"' in served.content.decode()
    assert 'type="hidden" name="email"' in served.content.decode()  # the buyer's own address is used

    ProductAlert.objects.create(product=tea, user=member.user, status=ProductAlert.ACTIVE)
    served = visit(tea.get_absolute_url(), member)
    assert 'id="alert_form"' not in served.content.decode()
    assert 'id="alert_form"' in visit(tea.get_absolute_url()).content.decode()


def test_a_buyer_with_a_message_waiting_gets_the_page_rendered_to_show_it(tea, member):
    visit(tea.get_absolute_url())
    member.post(reverse("basket:add", kwargs={"pk": tea.pk}), {"quantity": 1})  # leaves a message

    shown = visit(tea.get_absolute_url(), member)

    assert shown.get("X-Page-Cache") is None
    assert "Chè búp Tân Cương" in "".join(str(m) for m in shown.context["messages"])
    assert visit(tea.get_absolute_url(), member)["X-Page-Cache"] == "hit"  # shown once


@pytest.mark.parametrize("who", ["staff", "province_staff"])
def test_staff_get_their_pages_rendered_with_their_tools(tea, who, django_user_model, request):
    if who == "staff":
        user = django_user_model.objects.create_user(email="admin@example.vn", password="x")
        user.is_staff = True
        user.save()
    else:
        user = request.getfixturevalue("province_staff")
    client = Client()
    client.force_login(user)
    visit("/")

    assert visit("/", client).get("X-Page-Cache") is None
    assert visit(tea.get_absolute_url(), client).get("X-Page-Cache") is None


def test_a_seller_signed_in_gets_stored_pages_with_the_dashboard_link(tea, seller_user):
    from django.contrib.auth.models import Permission

    seller_user.user_permissions.add(Permission.objects.get(codename="dashboard_access"))
    client = Client()
    client.force_login(seller_user)
    visit("/")

    served = visit("/", client)

    assert served["X-Page-Cache"] == "hit"
    assert reverse("dashboard:index") in served.content.decode()
    assert reverse("dashboard:index") not in visit("/").content.decode()


def test_recently_viewed_products_are_each_visitor_s_own(tea, make_product):
    noodles = make_product(tea.seller, title="Miến dong Bình Liêu", origin=None)
    first = Client()
    visit(noodles.get_absolute_url(), first)
    seen_by_first = visit(tea.get_absolute_url(), first)  # stored, without the first visitor's list
    newcomer = visit(tea.get_absolute_url())
    second = Client()
    visit(noodles.get_absolute_url(), second)
    seen_by_second = visit(tea.get_absolute_url(), second)

    assert "Miến dong Bình Liêu" in seen_by_first.content.decode()
    assert newcomer["X-Page-Cache"] == "hit"
    assert "Miến dong Bình Liêu" not in newcomer.content.decode()
    assert seen_by_second["X-Page-Cache"] == "hit"
    assert "Miến dong Bình Liêu" in seen_by_second.content.decode()


def test_a_recently_viewed_card_shows_the_new_price(tea, make_product):
    noodles = make_product(tea.seller, title="Miến dong Bình Liêu", origin=None, price="45000")
    visitor = Client()
    visit(noodles.get_absolute_url(), visitor)
    assert "45.000\xa0₫" in visit(tea.get_absolute_url(), visitor).content.decode()
    record = noodles.stockrecords.get()
    record.price = 52000
    record.save()

    visit(noodles.get_absolute_url(), visitor)
    page = visit(tea.get_absolute_url(), visitor).content.decode()
    assert "52.000\xa0₫" in page
    assert "45.000\xa0₫" not in page


def test_a_hidden_product_leaves_the_recently_viewed_list(tea, make_product):
    noodles = make_product(tea.seller, title="Miến dong Bình Liêu", origin=None)
    visitor = Client()
    visit(noodles.get_absolute_url(), visitor)
    assert "Miến dong Bình Liêu" in visit(tea.get_absolute_url(), visitor).content.decode()
    noodles.is_public = False
    noodles.save()

    rendered = visit(tea.get_absolute_url(), visitor)
    from_the_store = visit(tea.get_absolute_url(), visitor)
    assert from_the_store["X-Page-Cache"] == "hit"
    assert "Miến dong Bình Liêu" not in rendered.content.decode()
    assert "Miến dong Bình Liêu" not in from_the_store.content.decode()


def test_a_page_showing_a_message_is_not_stored(tea):
    path = "/catalogue/?stars=9"
    first = visit(path)
    second = visit(path)

    assert "«9» của «stars» không hợp lệ" in first.content.decode()
    assert second.get("X-Page-Cache") is None


def test_pages_outside_the_read_pages_are_not_stored(tea):
    visit(reverse("basket:summary"))
    assert visit(reverse("basket:summary")).get("X-Page-Cache") is None


# --- a change shows on the next request ---------------------------------------------------------


def cached(path):
    visit(path)
    again = visit(path)
    assert again["X-Page-Cache"] == "hit"
    return again


def test_a_product_s_new_title_shows_on_its_page_its_category_and_search(tea):
    category_url = tea.categories.get().get_absolute_url()
    for path in (tea.get_absolute_url(), category_url, "/search/?q=che"):
        assert "Chè búp Tân Cương" in cached(path).content.decode()

    tea.title = "Chè móc câu Tân Cương"
    tea.save()

    for path in (tea.get_absolute_url(), category_url, "/search/?q=che"):
        page = visit(path)
        assert page.get("X-Page-Cache") is None, path
        assert "Chè móc câu Tân Cương" in page.content.decode(), path


def test_a_new_price_shows_on_the_product_page(tea):
    assert "150.000\xa0₫" in cached(tea.get_absolute_url()).content.decode()
    record = tea.stockrecords.get()
    record.price = 175000
    record.save()

    page = visit(tea.get_absolute_url()).content.decode()
    assert "175.000\xa0₫" in page
    assert "150.000\xa0₫" not in page


def test_stock_running_out_shows_on_the_product_page(tea):
    assert 'id="add_to_basket_form"' in cached(tea.get_absolute_url()).content.decode()
    record = tea.stockrecords.get()
    record.num_in_stock = 0
    record.save()

    assert 'id="add_to_basket_form"' not in visit(tea.get_absolute_url()).content.decode()


def test_stock_taken_by_orders_shows_on_the_product_page(tea):
    """Orders reserve stock with an UPDATE (sellers.models.StockRecord.allocate), not a save."""
    assert 'id="add_to_basket_form"' in cached(tea.get_absolute_url()).content.decode()
    tea.stockrecords.get().allocate(10)

    assert 'id="add_to_basket_form"' not in visit(tea.get_absolute_url()).content.decode()


def storefront_pages(tea):
    return ("/", tea.categories.get().get_absolute_url(), f"/sellers/{tea.seller.slug}/", "/search/?q=che")


def test_an_order_that_leaves_plenty_changes_no_page(tea):
    """Every order moves a count. With plenty left no page shows it ("Còn hàng"): the whole storefront,
    the product's page and every search's facet counts stay stored."""
    for path in (*storefront_pages(tea), tea.get_absolute_url()):
        cached(path)
    index_generation = documents.index_generation()

    tea.stockrecords.get().allocate(3)

    product_page = visit(tea.get_absolute_url())
    assert product_page["X-Page-Cache"] == "hit"
    assert "Còn hàng" in product_page.content.decode()
    for path in storefront_pages(tea):
        assert visit(path)["X-Page-Cache"] == "hit", path
    assert documents.index_generation() == index_generation  # no document rewritten


def test_an_order_that_used_an_offer_changes_no_page(tea):
    """Oscar records each use of an offer on the offer (ConditionalOffer.record_usage): no stored page
    shows one, so that write, on every such order, leaves them all stored."""
    from oscar.apps.offer.models import Benefit, Condition, ConditionalOffer, Range
    from oscar.core.loading import get_class
    from oscar.test.factories import create_order

    everything = Range.objects.create(name="Tất cả", includes_all_products=True)
    offer = ConditionalOffer.objects.create(
        name="Giảm giá mùa Tết", offer_type=ConditionalOffer.SITE,
        condition=Condition.objects.create(range=everything, type=Condition.COUNT, value=1),
        benefit=Benefit.objects.create(range=everything, type=Benefit.PERCENTAGE, value=10),
    )
    for path in (*storefront_pages(tea), tea.get_absolute_url()):
        cached(path)
    basket = Basket.objects.create()
    basket.strategy = get_class("partner.strategy", "Selector")().strategy()
    basket.add_product(tea, 1)
    get_class("offer.applicator", "Applicator")().apply(basket)

    order = create_order(basket=basket)

    offer.refresh_from_db()
    assert offer.num_orders == 1 and order.total_discount_incl_tax == 15000
    for path in (*storefront_pages(tea), tea.get_absolute_url()):
        assert visit(path)["X-Page-Cache"] == "hit", path


def test_an_order_that_leaves_few_changes_only_the_product_s_own_page(tea):
    for path in storefront_pages(tea):
        cached(path)
    assert "Còn hàng" in cached(tea.get_absolute_url()).content.decode()
    index_generation = documents.index_generation()

    tea.stockrecords.get().allocate(6)

    page = visit(tea.get_absolute_url())
    assert page.get("X-Page-Cache") is None
    assert "Chỉ còn 4" in page.content.decode()
    for path in storefront_pages(tea):
        assert visit(path)["X-Page-Cache"] == "hit", path
    assert documents.index_generation() == index_generation


def test_a_count_a_seller_enters_shows_on_the_product_page_when_few_are_left(tea):
    for path in storefront_pages(tea):
        cached(path)
    cached(tea.get_absolute_url())
    record = tea.stockrecords.get()
    record.num_in_stock = 25
    record.save()
    assert visit(tea.get_absolute_url())["X-Page-Cache"] == "hit"  # plenty before, plenty now

    record.num_in_stock = 2
    record.save()

    assert "Chỉ còn 2" in visit(tea.get_absolute_url()).content.decode()
    for path in storefront_pages(tea):
        assert visit(path)["X-Page-Cache"] == "hit", path


def test_an_order_for_the_last_units_shows_on_every_card(tea):
    category_url = tea.categories.get().get_absolute_url()
    assert "Còn hàng" in cached(category_url).content.decode()
    tea.stockrecords.get().allocate(10)

    page = visit(category_url)
    assert page.get("X-Page-Cache") is None
    assert "Hết hàng" in page.content.decode()
    assert "Còn hàng" not in page.content.decode()


def test_a_cancelled_order_brings_a_sold_out_product_back(tea):
    record = tea.stockrecords.get()
    record.allocate(10)
    category_url = tea.categories.get().get_absolute_url()
    assert "Hết hàng" in cached(category_url).content.decode()

    record.cancel_allocation(4)

    assert "Còn hàng" in visit(category_url).content.decode()
    assert "Chỉ còn 4" in visit(tea.get_absolute_url()).content.decode()


def test_a_variant_s_count_shows_on_its_parent_s_page(tea):
    tea.structure = Product.PARENT
    tea.save()
    tea.stockrecords.all().delete()
    variant = Product.objects.create(parent=tea, structure=Product.CHILD, title="Hộp 200 g")
    record = StockRecord.objects.create(product=variant, partner=tea.seller, partner_sku="TC-200",
                                        price=150000, price_currency="VND", num_in_stock=10)
    path = tea.get_absolute_url()
    assert "Còn hàng" in cached(path).content.decode()

    StockRecord.objects.get(pk=record.pk).allocate(7)

    assert "Chỉ còn 3" in visit(path).content.decode()


def test_a_seller_s_new_name_shows_on_its_products_pages(tea):
    assert "HTX Chè Hảo Đạt" in cached(tea.get_absolute_url()).content.decode()
    seller = tea.seller
    seller.name = "HTX Chè Tân Cương Hảo Đạt"
    seller.save()

    assert "HTX Chè Tân Cương Hảo Đạt" in visit(tea.get_absolute_url()).content.decode()


def test_a_new_product_shows_on_its_producer_s_page(tea, make_product):
    path = f"/sellers/{tea.seller.slug}/"
    assert "Chè búp Tân Cương" in cached(path).content.decode()
    make_product(tea.seller, title="Chè móc câu đặc biệt")

    page = visit(path)
    assert page.get("X-Page-Cache") is None
    assert "Chè móc câu đặc biệt" in page.content.decode()


def test_a_published_change_to_a_cms_page_shows_at_once(tea, home_page):
    assert "Chợ chè mùa xuân" not in cached("/").content.decode()
    home_page.seo_title = "Chợ chè mùa xuân"
    home_page.save_revision().publish()

    assert "<title>Chợ chè mùa xuân" in visit("/").content.decode()


def test_a_preview_of_the_home_page_shows_the_draft_not_the_kept_fragment(tea, home_page):
    from wagtail.rich_text import RichText

    assert "Chè búp Tân Cương" in cached("/").content.decode()
    home_page.body = [("paragraph", RichText("<p>Phiên chợ chè sắp mở</p>"))]  # not saved: a draft

    preview = home_page.make_preview_request()
    assert "Phiên chợ chè sắp mở" in preview.render().content.decode()
    assert "Phiên chợ chè sắp mở" not in visit("/").content.decode()


def test_a_renamed_category_shows_in_the_menu_of_signed_in_pages_too(tea, django_user_model):
    """The menu is a fragment kept for everyone, signed in or not."""
    member = Client()
    member.force_login(django_user_model.objects.create_user(email="lan@example.vn", password="x"))
    assert ">Chè</a>" in visit("/", member).content.decode()
    category = tea.categories.get()
    category.name = "Chè búp"
    category.save()

    assert ">Chè búp</a>" in visit("/", member).content.decode()
    assert ">Chè búp</a>" in visit("/").content.decode()


def test_a_new_translation_of_the_home_page_shows_in_its_language_links_at_once(tea, home_page):
    """The language links are kept until a CMS page changes, not until any change."""
    from wagtail.models import Locale

    assert 'hreflang="en"' not in visit("/").content.decode()
    translation = home_page.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title = "OCOP marketplace"
    translation.save_revision().publish()

    page = visit("/").content.decode()
    assert 'hreflang="en"' in page
    assert 'hreflang="x-default"' in page


def test_a_seller_suspended_after_a_basket_was_filled_cannot_be_bought_from(tea):
    """Suspended sellers are kept until a seller changes, not until any change."""
    from oscar.core.loading import get_class

    Selector = get_class("partner.strategy", "Selector")

    def buyable():
        return Selector().strategy().fetch_for_product(tea).availability.is_available_to_buy

    assert buyable() and buyable()  # the second from what is kept
    seller = tea.seller
    seller.is_active = False
    seller.save()

    assert not buyable()


def breadcrumbs(response):
    html = response.content.decode()
    start = html.index('<ol class="breadcrumb">')
    return re.sub(r"\s+", " ", html[start:html.index("</ol>", start)])


def test_a_product_s_breadcrumbs_follow_its_categories_not_other_products(tea, settings, make_product):
    settings.PAGE_CACHE_SECONDS = 0  # the page drawn each time, its breadcrumbs kept
    drinks = Category.add_root(name="Đồ uống", slug="do-uong")
    assert ">Chè<" in breadcrumbs(visit(tea.get_absolute_url()))

    other = make_product(tea.seller, title="Miến dong", origin=None)
    other.categories.add(drinks)
    assert ">Chè<" in breadcrumbs(visit(tea.get_absolute_url()))  # another product's categories

    tea.categories.clear()
    tea.categories.add(drinks)
    assert ">Đồ uống<" in breadcrumbs(visit(tea.get_absolute_url()))

    drinks.name = "Thức uống"
    drinks.save()
    assert ">Thức uống<" in breadcrumbs(visit(tea.get_absolute_url()))


def test_kept_stories_and_gi_introductions_show_an_editor_s_change(tea, settings, tan_cuong_gi, home_page):
    from wagtail.models import Locale

    from cms.models import GIIntroduction, ProducerStoryPage, StoryIndexPage

    settings.PAGE_CACHE_SECONDS = 0  # the pages drawn each time, what they keep from the CMS kept
    producer, gi_page = f"/sellers/{tea.seller.slug}/", f"/gi/{tan_cuong_gi.slug}/"
    intro = GIIntroduction.objects.create(geographic_indication=tan_cuong_gi, locale=Locale.get_default(),
                                          body="<p>Vùng chè bốn mùa sương.</p>")
    assert "Vùng chè bốn mùa sương." in visit(gi_page).content.decode()
    assert "Ba thế hệ sao chè" not in visit(producer).content.decode()

    index = home_page.add_child(instance=StoryIndexPage(title="Câu chuyện", slug="cau-chuyen"))
    story = index.add_child(instance=ProducerStoryPage(title="Ba thế hệ sao chè", slug="ba-the-he", seller=tea.seller))
    intro.body = "<p>Vùng chè Tân Cương.</p>"
    intro.save()

    assert "Ba thế hệ sao chè" in visit(producer).content.decode()
    assert "Vùng chè Tân Cương." in visit(gi_page).content.decode()
    story.unpublish()
    assert "Ba thế hệ sao chè" not in visit(producer).content.decode()
