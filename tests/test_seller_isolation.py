"""Isolation, proven: every dashboard URL and every seller-facing URL, requested by seller A against
seller B's objects, by a buyer and by an anonymous visitor, for reading and for writing.

The URLs are found by walking the URL resolver, so a page added later is covered without touching
this file; a page whose URL takes arguments this file cannot map to B's objects fails the test
(`test_every_url_with_arguments_is_mapped`) instead of being skipped.
"""

import json
from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db.models import Q
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from oscar.core.loading import get_model

from marketplace.dashboard.catalogue.views import SellerProductFilterMixin
from sellers.access import SellerRequiredMixin
from tests import dashboard_sellers

pytestmark = pytest.mark.django_db

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
OcopCertificate = get_model("catalogue", "OcopCertificate")
GIRight = get_model("geo_indications", "GIRight")
Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
OrderNote = get_model("order", "OrderNote")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")

seller_account, seller_a, seller_b = (
    dashboard_sellers.seller_account, dashboard_sellers.seller_a, dashboard_sellers.seller_b
)

# Text found only in B's data: a page that answers A with 200 must show none of it.
B_MARKERS = ("Miến dong Na Rì thượng hạng", "MIEN-B-0001", "B-QĐ-OCOP-77", "B-QĐ-CDĐL-88",
             "Ngõ 99 Đường Bí Mật", "bang-gia-B.csv")

# Anyone may open these two: the dashboard's own sign-in and sign-out.
PUBLIC = {"dashboard:login", "dashboard:logout"}

# Oscar's staff-only pages about objects no seller owns (offers, vouchers, ranges, pages, e-mail
# templates, shipping methods, categories, product types, attributes, options, stock alerts). They
# are still requested, with placeholder arguments, and a seller must get 403 on each.
STAFF_ONLY = {
    "dashboard:catalogue-category-detail-list", "dashboard:catalogue-category-create-child",
    "dashboard:catalogue-category-update", "dashboard:catalogue-category-delete",
    "dashboard:catalogue-class-update", "dashboard:catalogue-class-delete",
    "dashboard:catalogue-attribute-option-group-update", "dashboard:catalogue-attribute-option-group-delete",
    "dashboard:catalogue-option-update", "dashboard:catalogue-option-delete",
    "dashboard:user-alert-delete", "dashboard:user-alert-update",
    "dashboard:page-update", "dashboard:page-delete",
    "dashboard:offer-metadata", "dashboard:offer-condition", "dashboard:offer-benefit",
    "dashboard:offer-restrictions", "dashboard:offer-delete", "dashboard:offer-detail",
    "dashboard:range-update", "dashboard:range-delete", "dashboard:range-products", "dashboard:range-reorder",
    "dashboard:reviews-update", "dashboard:reviews-delete",
    "dashboard:voucher-update", "dashboard:voucher-delete", "dashboard:voucher-stats",
    "dashboard:voucher-set-update", "dashboard:voucher-set-detail", "dashboard:voucher-set-download",
    "dashboard:voucher-set-delete",
    "dashboard:comms-update",
    "dashboard:shipping-method-detail", "dashboard:shipping-method-edit", "dashboard:shipping-method-delete",
    "dashboard:shipping-method-band-edit", "dashboard:shipping-method-band-delete",
}


@dataclass
class BWorld:
    seller: Partner
    user: object
    product: Product
    variant: Product
    order: Order
    part: OrderPart
    note: OrderNote
    certificate: OcopCertificate
    gi_right: GIRight


# For each URL with arguments: how to fill them from B's world, and whether they name B's objects
# (then A must get 403 or 404) or something shared (then A may get 200 but must see nothing of B's).
OWNED, SHARED = "owned", "shared"
MAPPED = {
    "dashboard:catalogue-product": (OWNED, lambda b: {"pk": b.product.pk}),
    "dashboard:catalogue-product-delete": (OWNED, lambda b: {"pk": b.variant.pk}),
    "dashboard:catalogue-product-create-child": (OWNED, lambda b: {"parent_pk": b.product.pk}),
    "dashboard:catalogue-product-create": (SHARED, lambda b: {"product_class_slug": b.product.product_class.slug}),
    "dashboard:seller-order-detail": (OWNED, lambda b: {"pk": b.part.pk}),
    "dashboard:order-detail": (OWNED, lambda b: {"number": b.order.number}),
    "dashboard:order-detail-note": (OWNED, lambda b: {"number": b.order.number, "note_id": b.note.pk}),
    "dashboard:order-line-detail": (OWNED, lambda b: {"number": b.order.number,
                                                      "line_id": b.order.lines.get().pk}),
    "dashboard:order-shipping-address": (OWNED, lambda b: {"number": b.order.number}),
    "dashboard:user-detail": (OWNED, lambda b: {"pk": b.user.pk}),
    "dashboard:user-password-reset": (OWNED, lambda b: {"pk": b.user.pk}),
    "dashboard:partner-manage": (OWNED, lambda b: {"pk": b.seller.pk}),
    "dashboard:partner-delete": (OWNED, lambda b: {"pk": b.seller.pk}),
    "dashboard:partner-user-create": (OWNED, lambda b: {"partner_pk": b.seller.pk}),
    "dashboard:partner-user-select": (OWNED, lambda b: {"partner_pk": b.seller.pk}),
    "dashboard:partner-user-link": (OWNED, lambda b: {"partner_pk": b.seller.pk, "user_pk": b.user.pk}),
    "dashboard:partner-user-unlink": (OWNED, lambda b: {"partner_pk": b.seller.pk, "user_pk": b.user.pk}),
    "dashboard:partner-user-update": (OWNED, lambda b: {"partner_pk": b.seller.pk, "user_pk": b.user.pk}),
    # The spreadsheet import (sellers/imports), mounted at /dashboard/nhap-tu-bang-tinh/.
    "seller_import:job": (OWNED, lambda b: {"pk": b_import_job(b).pk}),
    "seller_import:confirm": (OWNED, lambda b: {"pk": b_import_job(b).pk}),
    "seller_import:progress": (OWNED, lambda b: {"pk": b_import_job(b).pk}),
    "seller_import:template": (SHARED, lambda b: {"fmt": "csv"}),
}


def import_jobs():
    """The import app's model when it is installed (it is looked up, not imported, so that this
    file does not depend on an app another part of the project owns)."""
    from django.apps import apps

    try:
        return apps.get_model("partner", "ImportJob")
    except LookupError:
        return None


def b_import_job(b):
    ImportJob = import_jobs()
    return ImportJob.objects.get_or_create(
        seller=b.seller, original_name="bang-gia-B.csv",
        defaults={"file": "seller-imports/b.csv", "created_by": b.user, "total": 1},
    )[0]


@dataclass
class Route:
    name: str
    route: str
    arguments: tuple[str, ...]
    view_class: type | None


def _arguments(pattern) -> list[str]:
    if isinstance(pattern, RegexPattern):
        return list(pattern.regex.groupindex)
    return list(getattr(pattern, "converters", {}))


def _walk(patterns, prefix="", namespace="", arguments=()):
    for entry in patterns:
        here = arguments + tuple(_arguments(entry.pattern))
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}".strip(":") if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner, here)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}".strip(":") if entry.name else ""
            yield Route(name, prefix + str(entry.pattern), here, getattr(entry.callback, "view_class", None))


def _is_seller_facing(route: Route) -> bool:
    if route.route.lstrip("^").startswith("dashboard/"):
        return True
    view = route.view_class
    return view is not None and issubclass(view, (SellerRequiredMixin, SellerProductFilterMixin))


def seller_facing_routes() -> list[Route]:
    routes = {}
    for route in _walk(get_resolver().url_patterns):
        if _is_seller_facing(route):
            # One URL name may have two patterns (Oscar's product-create): check each.
            routes[(route.name, route.arguments)] = route
    return sorted(routes.values(), key=lambda route: (route.name, route.arguments))


ROUTES = seller_facing_routes()


def unmapped(routes) -> list[str]:
    return [
        f"{route.name or '(no name)'} {route.route}"
        for route in routes
        if (route.arguments and route.name not in MAPPED and route.name not in STAFF_ONLY) or not route.name
    ]


def test_every_url_with_arguments_is_mapped():
    assert ROUTES, "the resolver walk found no dashboard URL"
    assert unmapped(ROUTES) == [], (
        "These seller-facing URLs take arguments this test cannot map to seller B's objects; "
        "add them to MAPPED (or, for staff-only Oscar pages, STAFF_ONLY): " + ", ".join(unmapped(ROUTES))
    )


def test_the_walk_sees_the_seller_pages_and_oscars_staff_pages():
    names = {route.name for route in ROUTES}
    assert {"dashboard:index", "dashboard:catalogue-product", "dashboard:seller-order-detail",
            "dashboard:seller-certificate-list", "dashboard:order-detail", "dashboard:partner-manage",
            "dashboard:voucher-update"} <= names


@pytest.fixture
def b_world(seller_b, place_order, tan_cuong_gi):
    seller, user = seller_b
    product_class, _created = ProductClass.objects.get_or_create(name="Đồ uống", defaults={"ocop_group": 2})
    product = Product.objects.create(title="Miến dong Na Rì thượng hạng", product_class=product_class,
                                     seller=seller, structure=Product.PARENT)
    ProductCategory.objects.create(product=product, category=Category.add_root(name="Miến"))
    variant = Product.objects.create(parent=product, title="Gói 500 g", seller=seller,
                                     structure=Product.CHILD)
    StockRecord.objects.create(product=variant, partner=seller, partner_sku="MIEN-B-0001", price=45000,
                               price_currency="VND", num_in_stock=30)
    order = place_order((variant, 2))
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="VN", defaults={"name": "Việt Nam", "printable_name": "Việt Nam"}
    )
    order.shipping_address = ShippingAddress.objects.create(
        first_name="Lý", last_name="Văn Bình", line1="Ngõ 99 Đường Bí Mật", line4="Phường Gia Sàng",
        country=country, phone_number="+84987654321",
    )
    order.save()
    Order.objects.filter(pk=order.pk).update(payment_state=Order.PaymentState.PAID)
    note = OrderNote.objects.create(order=order, user=user, message="Ghi chú của B")
    certificate = OcopCertificate.objects.create(
        product=product, stars=4, group=1, decision_number="B-QĐ-OCOP-77", decision_date=date(2025, 3, 1),
        issuer=OcopCertificate.Issuer.PROVINCE, issuer_name="UBND tỉnh Thái Nguyên",
    )
    gi_right = GIRight.objects.create(seller=seller, geographic_indication=tan_cuong_gi,
                                      document_number="B-QĐ-CDĐL-88", valid_from=date(2024, 1, 1))
    return BWorld(seller, user, product, variant, order, order.parts.get(), note, certificate, gi_right)


def b_snapshot(b: BWorld) -> str:
    """Everything of B's, as JSON, to compare before and after A's requests."""
    products = Product.objects.filter(Q(seller=b.seller) | Q(parent__seller=b.seller))
    objects = [
        *Partner.objects.filter(pk=b.seller.pk),
        *get_user_model().objects.filter(pk=b.user.pk),
        *products,
        *StockRecord.objects.filter(Q(partner=b.seller) | Q(product__in=products)),
        *ProductImage.objects.filter(product__in=products),
        *ProductCategory.objects.filter(product__in=products),
        *OcopCertificate.objects.filter(product__in=products),
        *GIRight.objects.filter(seller=b.seller),
        *Order.objects.filter(pk=b.order.pk),
        *OrderPart.objects.filter(order=b.order),
        *Line.objects.filter(order=b.order),
        *OrderNote.objects.filter(order=b.order),
        *ShippingAddress.objects.filter(order=b.order),
        *(import_jobs().objects.filter(seller=b.seller) if import_jobs() else []),
    ]
    data = json.loads(serializers.serialize("json", objects))
    for row in data:
        row["fields"].pop("last_login", None)  # B never signs in here; A's sign-ins are not B's data
    return json.dumps(data, sort_keys=True, default=str)


def hostile_post(b: BWorld) -> dict:
    """A form naming B's objects in every field a page might read them from."""
    return {
        "product": b.product.pk, "parent": b.product.pk, "seller": b.seller.pk, "partner": b.seller.pk,
        "order": b.order.pk, "part": b.part.pk, "selected_product": [b.product.pk, b.variant.pk],
        "stockrecords-0-partner": b.seller.pk, "geographic_indication": b.gi_right.geographic_indication_id,
        "stars": 5, "group": 2, "decision_number": "A-tampers", "decision_date": "2025-01-01",
        "issuer": "province", "issuer_name": "A", "document_number": "A-tampers", "valid_from": "2025-01-01",
        "action": "cancel", "cancel_reason": "A cancels B", "carrier": "X", "tracking_number": "Y",
        "title": "A was here", "status": "cancelled", "note_id": b.note.pk, "message": "A was here",
    }


def url_for(route: Route, b: BWorld) -> str:
    if route.name in MAPPED:
        kwargs = MAPPED[route.name][1](b)
    else:
        # Placeholders for STAFF_ONLY pages (and argument-free URLs, which get none).
        kwargs = {name: "1" for name in route.arguments}
    return reverse(route.name, kwargs=kwargs)


SELLER_ROUTES = [route for route in ROUTES if route.name and route.name not in PUBLIC]


def _request(client, method, url, data):
    return getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)


def _check_every_route(client, b_world, sign_in, requests, judge):
    """Request every route as the given visitor; return what went wrong, route by route.

    One test per visitor rather than one per route: the world of seller B is built once, and B's
    data is compared after every single request, so a change is still traced to its request.
    """
    problems = []
    for route in SELLER_ROUTES:
        if route.arguments and route.name not in MAPPED and route.name not in STAFF_ONLY:
            problems.append(f"{route.name} ({route.route}): arguments not mapped to B's objects")
            continue
        url = url_for(route, b_world)
        for method, data in requests(b_world):
            before = b_snapshot(b_world)
            sign_in(client)
            response = _request(client, method, url, data)
            where = f"{route.name}: {method.upper()} {url} → {response.status_code}"
            problem = judge(route, response)
            if problem:
                problems.append(f"{where}: {problem}")
            if b_snapshot(b_world) != before:
                problems.append(f"{where}: changed seller B's data")
    return problems


def test_seller_a_cannot_read_or_change_seller_bs_objects(client, seller_a, b_world):
    def judge(route, response):
        status = response.status_code
        redirect = 300 <= status < 400
        if route.name in STAFF_ONLY:
            return None if status == 403 else "a staff-only page must answer 403"
        if route.arguments and MAPPED[route.name][0] == OWNED:
            # 405: the page does not take this method at all, so B's object is never looked at (the
            # page's other method is requested too and must answer 403 or 404).
            return None if status in (403, 404, 405) or redirect else "B's object must answer 403 or 404"
        # 400: a form the page could not read at all (a formset without its management form).
        if status not in (200, 400, 403, 404, 405) and not redirect:
            return "unexpected status"
        if status == 200 and not response.streaming:
            page = response.content.decode(errors="replace")
            shown = [marker for marker in B_MARKERS if marker in page]
            return f"shows B's data {shown}" if shown else None
        return None

    problems = _check_every_route(
        client, b_world, lambda c: c.force_login(seller_a[1]),
        lambda b: [("get", None), ("post", {}), ("post", hostile_post(b))], judge,
    )

    assert not problems, "\n".join(problems)


def test_anonymous_visitors_are_sent_to_sign_in(client, b_world):
    def judge(route, response):
        if response.status_code != 302 or "login" not in response.get("Location", ""):
            return "must redirect to the sign-in page"
        return None

    problems = _check_every_route(
        client, b_world, lambda c: c.logout(), lambda b: [("get", None), ("post", hostile_post(b))], judge
    )

    assert not problems, "\n".join(problems)


def test_a_buyer_is_refused(client, b_world, django_user_model):
    buyer = django_user_model.objects.create_user("nguoimua@example.vn", "mat-khau-nguoi-mua")

    def judge(route, response):
        status = response.status_code
        return None if status == 403 or 300 <= status < 400 else "a buyer must get 403 or a redirect"

    problems = _check_every_route(
        client, b_world, lambda c: c.force_login(buyer), lambda b: [("get", None), ("post", hostile_post(b))],
        judge,
    )

    assert not problems, "\n".join(problems)


# Every URL of /cms-admin/sellers/ (suspensions) is walked in tests/test_seller_suspension.py.
@pytest.mark.parametrize("url", ["/cms-admin/", "/cms-admin/pages/", "/cms-admin/sellers/", "/django-admin/",
                                 "/django-admin/partner/partner/"])
def test_sellers_never_get_into_wagtail_or_django_admin(client, seller_a, url):
    client.force_login(seller_a[1])

    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code in (302, 403), f"{method.upper()} {url} → {response.status_code}"
        if response.status_code == 302:
            assert "login" in response["Location"]
