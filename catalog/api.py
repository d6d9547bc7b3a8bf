"""The public, read-only JSON API (/api/v1/) for the province's citizen app and open data.

The same parameters as the storefront's filter URLs (catalog/search/params.py), answered by the same
search backend. Any bad parameter is a 400 with a Vietnamese message, never a 422 or a 500.
"""

from datetime import date

from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer
from oscar.core.loading import get_model

from catalog.search import params, service
from catalog.search.models import ProductSearchDocument

GIRight = get_model("geo_indications", "GIRight")
Product = get_model("catalogue", "Product")

class VietnameseJSONRenderer(JSONRenderer):
    # Vietnamese text as UTF-8 rather than \u escapes: a third of the bytes, and readable.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=VietnameseJSONRenderer(),
    title="Sàn OCOP — API công khai",
    version="1",
    description="Sản phẩm OCOP, nguồn gốc, chứng nhận và chỉ dẫn địa lý (chỉ đọc).",
    urls_namespace="api-v1",
    openapi_url="/schema",
    docs_url="/docs",
)


class Error(Schema):
    detail: str
    errors: list[str] = []


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    names = sorted({str(error.get("loc", ["", "?"])[-1]) for error in exc.errors})
    message = _("Tham số không hợp lệ: %(names)s.") % {"names": ", ".join(names)}
    return api.create_response(request, {"detail": message, "errors": [message]}, status=400)


class BadParameters(Exception):
    def __init__(self, errors):
        super().__init__(" ".join(errors))
        self.errors = errors


@api.exception_handler(BadParameters)
def bad_parameters(request, exc):
    return api.create_response(request, {"detail": str(exc), "errors": exc.errors}, status=400)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, {"detail": str(exc), "errors": []}, status=exc.status_code)


class Place(Schema):
    commune: str | None
    commune_code: int | None
    province: str | None
    province_code: int | None


class Seller(Schema):
    name: str
    slug: str | None
    kind: str
    url: str | None


class GI(Schema):
    slug: str
    name: str


class ProductOut(Schema):
    id: int
    title: str
    url: str
    price: int | None  # whole đồng
    seller: Seller | None
    origin: Place
    stars: int | None
    gi: GI | None


class FacetOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class ProductList(Schema):
    count: int
    page: int
    num_pages: int
    suggestion: str
    results: list[ProductOut]
    facets: dict[str, list[FacetOut]]


class Certificate(Schema):
    stars: int
    decision_number: str
    decision_date: date
    valid_until: date
    issuer: str


class GIRightOut(Schema):
    document_number: str
    valid_from: date
    valid_until: date | None


class Provenance(Schema):
    seller: Seller | None
    origin: Place
    ocop_certificate: Certificate | None
    gi: GI | None
    gi_right: GIRightOut | None


class ProductDetail(ProductOut):
    description: str
    provenance: Provenance


def _seller(seller):
    if seller is None:
        return None
    return {"name": seller.name, "slug": seller.slug, "kind": seller.kind,
            "url": seller.get_absolute_url() if seller.slug else None}


def _origin(product):
    commune = product.origin_commune or (product.seller.commune if product.seller else None)
    return {
        "commune": commune.name if commune else None, "commune_code": commune.code if commune else None,
        "province": commune.province.name if commune else None,
        "province_code": commune.province_id if commune else None,
    }


def _card(product, price):
    badge, gi = product.ocop_badge, product.gi_badge
    return {
        "id": product.pk, "title": product.get_title(), "url": product.get_absolute_url(), "price": price,
        "seller": _seller(product.seller), "origin": _origin(product),
        "stars": badge.stars if badge else None,
        "gi": {"slug": gi.slug, "name": gi.name_vi} if gi else None,
    }


def _products():
    return Product.objects.for_cards().select_related("seller__commune__province")


@api.get("/products", response={200: ProductList, 400: Error}, summary="Tìm và lọc sản phẩm")
def list_products(
    request, q: str = "", stars: int | None = None, group: int | None = None, gi: str | None = None,
    province: int | None = None, commune: int | None = None, seller: str | None = None,
    seller_type: str | None = None, min_price: int | None = None, max_price: int | None = None,
    in_stock: bool | None = None, sort: str = "relevance", page: int = 1,
):
    """Sản phẩm khớp với từ khóa và bộ lọc (cùng tham số với trang tìm kiếm), kèm số lượng theo từng bộ lọc."""
    query, errors = params.parse(request.GET)
    if errors:
        raise BadParameters(errors)
    query, result = service.run(query, _products())
    prices = dict(ProductSearchDocument.objects.filter(product_id__in=result.product_ids).values_list(
        "product_id", "price"))
    return {
        "count": result.total, "page": query.page,
        "num_pages": service.last_page(result.total, query.per_page), "suggestion": result.suggestion,
        "results": [_card(p, prices.get(p.pk)) for p in result.products],
        "facets": {name: [vars(v) for v in values] for name, values in result.facets.items()},
    }


@api.get("/products/{int:product_id}", response={200: ProductDetail, 404: Error},
         summary="Một sản phẩm và nguồn gốc của nó")
def product_detail(request, product_id: int):
    """Sản phẩm với người bán, xã/phường xuất xứ, giấy chứng nhận OCOP còn hiệu lực và chỉ dẫn địa lý."""
    product = _products().filter(pk=product_id).first()
    if product is None:
        raise HttpError(404, _("Không có sản phẩm này."))
    price = ProductSearchDocument.objects.filter(product_id=product.pk).values_list("price", flat=True).first()
    card = _card(product, price)
    badge, gi = product.ocop_badge, product.gi_badge
    right = None
    if gi is not None:
        right = GIRight.objects.valid_on().filter(
            seller=product.seller, geographic_indication=gi
        ).order_by("-valid_from").first()
    return {
        **card,
        "description": product.description,
        "provenance": {
            "seller": card["seller"], "origin": card["origin"],
            "ocop_certificate": {
                "stars": badge.stars, "decision_number": badge.decision_number,
                "decision_date": badge.decision_date, "valid_until": badge.valid_until,
                "issuer": badge.issuer_name,
            } if badge else None,
            "gi": card["gi"],
            "gi_right": {"document_number": right.document_number, "valid_from": right.valid_from,
                         "valid_until": right.valid_until} if right else None,
        },
    }



