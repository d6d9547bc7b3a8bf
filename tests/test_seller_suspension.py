"""Province staff suspend a seller and reinstate it in Wagtail's admin (/cms-admin/sellers/): who may,
that each decision needs a reason, is logged and e-mailed once, that the seller's products leave every
storefront page and come back, and what the suspended seller still sees and does."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from oscar.core.loading import get_model
from wagtail.blocks import StreamValue
from wagtail.models import ModelLogEntry

from catalog.models import Category
from catalog.search.models import ProductSearchDocument
from cms.blocks import HomeBodyBlock
from marketplace.decisions import NotDecidable
from marketplace.order import fulfilment
from sellers import suspension
from sellers.applications import PROVINCE_STAFF_GROUP
from sellers.models import Partner
from sellers.tasks import send_suspension_decision
from tests import dashboard_sellers

pytestmark = pytest.mark.usefixtures("eager_celery")

Order = get_model("order", "Order")

SELLERS = "/cms-admin/sellers/"
REASON = "Bán chè không đúng xuất xứ ghi trên nhãn."
BACK = "Đã thu hồi lô hàng và sửa nhãn theo đúng xuất xứ."


@pytest.fixture
def tea_seller(seller_with_login):
    dashboard_sellers.give_dashboard_access(seller_with_login.users.get())
    return seller_with_login


@pytest.fixture
def tea(tea_seller, make_product):
    product = make_product(tea_seller, "Chè búp Tân Cương")
    product.categories.add(Category.add_root(name="Chè", slug="che"))
    return product


def entries(seller):
    return list(ModelLogEntry.objects.for_instance(seller).order_by("pk").values_list("action", "user__email", "data"))


def seller_urls(pk):
    """Every URL of the listing, found in the resolver so that one added later is covered too."""

    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    return sorted("/" + route.replace("<int:pk>", str(pk)) for route in walk(get_resolver().url_patterns)
                  if route.startswith(SELLERS.lstrip("/")))


def storefront(client, product):
    """What buyers see of the product: (product page, search, category, catalogue, producer page,
    API list, API product, home page block), True where it shows."""
    seller = product.seller
    return {
        "product page": client.get(product.get_absolute_url()).status_code == 200,
        "search": product.title in client.get("/search/", {"q": "che tan cuong"}).content.decode(),
        "category": product.title in client.get(product.categories.get().get_absolute_url()).content.decode(),
        "catalogue": product.title in client.get("/catalogue/").content.decode(),
        "producer page": client.get(f"/sellers/{seller.slug}/").status_code == 200,
        "api list": [p["id"] for p in client.get("/api/v1/products", {"q": "che"}).json()["results"]] == [product.pk],
        "api product": client.get(f"/api/v1/products/{product.pk}").status_code == 200,
        "home block": "Chè chọn lọc" in client.get("/").content.decode(),
        "search document": ProductSearchDocument.objects.filter(product=product).exists(),
    }


# --- who may --------------------------------------------------------------------------------------------


def test_province_staff_are_given_suspensions_not_djangos_partner_permissions(province_staff):
    # view/change_partner would open Oscar's dashboard partner pages, where sellers' logins are managed.
    granted = set(Group.objects.get(name=PROVINCE_STAFF_GROUP).permissions.filter(
        content_type__app_label="partner", content_type__model="partner").values_list("codename", flat=True))

    assert granted == {"suspend_partner"}
    assert province_staff.has_perm("partner.suspend_partner")


def test_staff_and_administrators_list_sellers_search_them_by_name_and_filter_by_status(
    client, admin_client, province_staff, tea_seller, make_seller
):
    other = make_seller(name="Hộ kinh doanh Miến Dong Na Rì", kind="hkd", commune="Xã Đại Từ")
    suspension.suspend(other.pk, None, REASON)
    client.force_login(province_staff)

    for browser in (client, admin_client):
        listing = browser.get(SELLERS)
        assert listing.status_code == 200
        # Suspended sellers first.
        assert [s.pk for s in listing.context["object_list"]] == [other.pk, tea_seller.pk]
        assert "Bị đình chỉ" in listing.content.decode() and "Đang bán" in listing.content.decode()
        assert [s.pk for s in browser.get(SELLERS, {"q": "Miến"}).context["object_list"]] == [other.pk]
        assert [s.pk for s in browser.get(SELLERS, {"is_active": "true"}).context["object_list"]] == [tea_seller.pk]
        assert [s.pk for s in browser.get(SELLERS, {"is_active": "false"}).context["object_list"]] == [other.pk]
        active = browser.get(f"{SELLERS}inspect/{tea_seller.pk}/").content.decode()
        assert f"{SELLERS}suspend/{tea_seller.pk}/" in active
        assert f"{SELLERS}reinstate/{tea_seller.pk}/" not in active
        suspended = browser.get(f"{SELLERS}inspect/{other.pk}/").content.decode()
        assert f"{SELLERS}reinstate/{other.pk}/" in suspended
        assert f"{SELLERS}suspend/{other.pk}/" not in suspended
        assert REASON in suspended
        for url in (f"{SELLERS}suspend/{tea_seller.pk}/", f"{SELLERS}reinstate/{other.pk}/",
                    f"{SELLERS}history/{other.pk}/"):
            assert browser.get(url).status_code == 200, url
        # Sellers change here only by a decision: no add, edit or delete.
        assert f"{SELLERS}new/" not in listing.content.decode()
        assert f"{SELLERS}edit/" not in listing.content.decode()


def test_sellers_buyers_anonymous_visitors_and_editors_without_the_permission_cannot_reach_the_pages(
    client, tea_seller, django_user_model
):
    buyer = django_user_model.objects.create_user("nguoimua@example.vn", "x")
    editor = django_user_model.objects.create_user("bientap@example.vn", "x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    urls = seller_urls(tea_seller.pk)
    assert urls == [
        SELLERS, f"{SELLERS}history-results/{tea_seller.pk}/", f"{SELLERS}history/{tea_seller.pk}/",
        f"{SELLERS}inspect/{tea_seller.pk}/", f"{SELLERS}reinstate/{tea_seller.pk}/", f"{SELLERS}results/",
        f"{SELLERS}suspend/{tea_seller.pk}/",
    ]

    for user, location in [(None, "/cms-admin/login/"), (tea_seller.users.get(), "/cms-admin/login/"),
                           (buyer, "/cms-admin/login/"), (editor, "/cms-admin/")]:
        client.logout()
        if user:
            client.force_login(user)
        for url in urls:
            for method in ("get", "post"):
                response = getattr(client, method)(url, {"reason": "Tự đình chỉ"} if method == "post" else {})
                assert response.status_code == 302, f"{method} {url}"
                assert response["Location"].split("?")[0] == location, f"{method} {url}"

    tea_seller.refresh_from_db()
    assert tea_seller.is_active is True
    assert entries(tea_seller) == []


# --- suspending and reinstating ---------------------------------------------------------------------------


def test_a_suspension_without_a_reason_is_refused(staff_post, tea_seller, mailoutbox):
    refused = staff_post(f"{SELLERS}suspend/{tea_seller.pk}/", {"reason": "  \n "})

    assert refused.status_code == 200
    assert refused.context["form"].errors["reason"] == [
        "Hãy ghi lý do đình chỉ: người bán cần biết mình vi phạm điều gì."]
    tea_seller.refresh_from_db()
    assert tea_seller.is_active is True
    assert (mailoutbox, entries(tea_seller)) == ([], [])


def test_suspending_takes_the_products_off_the_storefront_tells_the_seller_once_and_is_logged(
    staff_post, province_staff, home_page, tea, tea_seller, place_order, mailoutbox
):
    buyer = Client()
    home_page.body = StreamValue(HomeBodyBlock(), [("featured_products", {"title": "Chè chọn lọc",
                                                                          "products": [tea]})])
    home_page.save_revision().publish()
    place_order((tea, 1))
    everywhere = {"product page": True, "search": True, "category": True, "catalogue": True,
                  "producer page": True, "api list": True, "api product": True, "home block": True,
                  "search document": True}
    assert storefront(buyer, tea) == everywhere

    response = staff_post(f"{SELLERS}suspend/{tea_seller.pk}/", {"reason": f"  {REASON} "})

    assert response["Location"] == f"{SELLERS}inspect/{tea_seller.pk}/"
    tea_seller.refresh_from_db()
    assert (tea_seller.is_active, tea_seller.status_reason, tea_seller.status_decided_by) == (
        False, REASON, province_staff)
    assert tea_seller.decision_email_sent_at is not None
    assert entries(tea_seller) == [("marketplace.seller.suspend", "canbo@example.vn", {"reason": REASON})]
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["htx.tancuong@example.vn"], "Sàn OCOP Thái Nguyên: gian hàng HTX Chè Tân Cương Xanh bị đình chỉ")]
    body = mailoutbox[0].body
    assert REASON in body
    assert "Bạn còn 1 phần đơn hàng chưa giao." in body
    assert "http://127.0.0.1:8000/dashboard/don-hang/" in body
    assert storefront(buyer, tea) == dict.fromkeys(everywhere, False)

    mailoutbox.clear()
    refused = staff_post(f"{SELLERS}reinstate/{tea_seller.pk}/", {"reason": ""})
    assert refused.context["form"].errors["reason"] == ["Hãy ghi lý do khôi phục: người bán đã khắc phục điều gì."]
    staff_post(f"{SELLERS}reinstate/{tea_seller.pk}/", {"reason": BACK})

    tea_seller.refresh_from_db()
    assert (tea_seller.is_active, tea_seller.status_reason) == (True, BACK)
    assert [action for action, _user, _data in entries(tea_seller)] == [
        "marketplace.seller.suspend", "marketplace.seller.reinstate"]
    assert entries(tea_seller)[-1] == ("marketplace.seller.reinstate", "canbo@example.vn", {"reason": BACK})
    assert [m.subject for m in mailoutbox] == [
        "Sàn OCOP Thái Nguyên: gian hàng HTX Chè Tân Cương Xanh đã được khôi phục"]
    assert BACK in mailoutbox[0].body
    assert storefront(buyer, tea) == everywhere


def test_the_audit_log_shows_who_and_why_in_the_site_history(staff_post, client, tea_seller):
    staff_post(f"{SELLERS}suspend/{tea_seller.pk}/", {"reason": REASON})

    history = client.get(f"{SELLERS}history/{tea_seller.pk}/").content.decode()
    site_history = client.get("/cms-admin/reports/site-history/").content.decode()

    assert f"Đã đình chỉ người bán: {REASON}" in history
    assert f"Đã đình chỉ người bán: {REASON}" in site_history


def test_a_decision_made_twice_is_refused_with_a_message(staff_post, client, tea_seller, mailoutbox):
    staff_post(f"{SELLERS}suspend/{tea_seller.pk}/", {"reason": REASON})
    mailoutbox.clear()

    again = staff_post(f"{SELLERS}suspend/{tea_seller.pk}/", {"reason": "Lần nữa"})

    assert again["Location"] == f"{SELLERS}inspect/{tea_seller.pk}/"
    page = client.get(again["Location"]).content.decode()
    assert "Người bán HTX Chè Tân Cương Xanh đang bị đình chỉ: không thể làm việc này." in page
    assert client.get(f"{SELLERS}suspend/{tea_seller.pk}/").status_code == 302
    tea_seller.refresh_from_db()
    assert tea_seller.status_reason == REASON
    assert mailoutbox == []
    assert len(entries(tea_seller)) == 1
    with pytest.raises(NotDecidable):
        suspension.suspend(tea_seller.pk, None, "x")
    suspension.reinstate(tea_seller.pk, None, BACK)
    with pytest.raises(NotDecidable):
        suspension.reinstate(tea_seller.pk, None, BACK)


def test_the_e_mail_is_sent_once_even_when_the_task_runs_twice(tea_seller, mailoutbox):
    suspension.suspend(tea_seller.pk, None, REASON)

    assert send_suspension_decision(tea_seller.pk) is True
    assert send_suspension_decision(tea_seller.pk) is False
    assert len(mailoutbox) == 1


# --- what the suspended seller and its buyers see ---------------------------------------------------------


def test_a_product_already_in_a_basket_can_no_longer_be_bought(client, tea, tea_seller):
    assert client.post(f"/basket/add/{tea.pk}/", {"quantity": 1}).status_code == 302

    suspension.suspend(tea_seller.pk, None, REASON)

    basket = client.get("/basket/")
    assert [line.purchase_info.availability.is_available_to_buy
            for line in basket.context["basket"].all_lines()] == [False]
    refused = client.post(f"/basket/add/{tea.pk}/", {"quantity": 1}, follow=True)
    assert refused.context["basket"].num_items == 1


def test_the_suspended_seller_still_signs_in_sees_why_and_ships_its_open_parts(
    client, tea, tea_seller, place_order
):
    order = place_order((tea, 1))
    Order.objects.filter(pk=order.pk).update(payment_state=Order.PaymentState.PAID)
    part = order.parts.get()
    suspension.suspend(tea_seller.pk, None, REASON)
    client.force_login(tea_seller.users.get())

    index = client.get("/dashboard/")
    assert index.status_code == 200
    page = index.content.decode()
    assert "Gian hàng của bạn đang bị đình chỉ" in page
    assert REASON in page
    assert client.get(f"/dashboard/don-hang/{part.pk}/").status_code == 200
    fulfilment.accept_part(part)
    response = client.post(f"/dashboard/don-hang/{part.pk}/",
                           {"action": "ship", "carrier": "Viettel Post", "tracking_number": "VTP123"})
    assert response.status_code == 302
    part.refresh_from_db()
    assert (part.status, part.tracking_number) == ("shipped", "VTP123")

    suspension.reinstate(tea_seller.pk, None, BACK)
    assert "Gian hàng của bạn đang bị đình chỉ" not in client.get("/dashboard/").content.decode()


# --- Django admin -----------------------------------------------------------------------------------------


def test_django_admin_refuses_to_link_a_staff_login_to_a_seller(admin_client, tea_seller, province_staff,
                                                                django_user_model):
    url = f"/django-admin/partner/partner/{tea_seller.pk}/change/"
    seller_login = tea_seller.users.get()
    # What the change form posts back unchanged.
    bound = admin_client.get(url).context["adminform"].form
    form = {name: str(bound[name].value()) for name in bound.fields
            if name != "users" and bound[name].value() is not None}

    refused = admin_client.post(url, {**form, "users": [seller_login.pk, province_staff.pk]})

    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["users"] == [
        "Không thể gắn tài khoản cán bộ hoặc quản trị viên vào người bán: canbo@example.vn. Hãy bỏ chọn tài "
        "khoản này; người bán cần một tài khoản riêng với email khác."]
    assert list(tea_seller.users.all()) == [seller_login]

    colleague = django_user_model.objects.create_user("ketoan.htx@example.vn", "x")
    accepted = admin_client.post(url, {**form, "users": [seller_login.pk, colleague.pk]})

    assert accepted.status_code == 302
    assert sorted(tea_seller.users.values_list("email", flat=True)) == [
        "htx.tancuong@example.vn", "ketoan.htx@example.vn"]
    assert Partner.objects.get(pk=tea_seller.pk).is_active is True
