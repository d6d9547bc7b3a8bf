"""The province's figures on the digital economy, each from one aggregate query.

Plain functions of a period (and of the day badges are judged on): no request, no template. Each
section runs one query whatever the number of sellers, products or orders, and returns `Figure`
tables that the page draws (chart and table) and the CSV export writes.

Definitions the numbers rest on:
- An active seller is a Partner with `is_active`; a product online is one the storefront lists
  (Oscar's `browsable()`: public, not a variant).
- Stars come only from certificates that may be shown as a badge (`OcopCertificate.objects.valid_on`),
  the best of them when a product holds several: the same rule as the storefront's badge.
- An order belongs to the day it was placed (local time). Sales are the paid orders
  (`payment_state == paid`): pending and expired orders were never paid, refunded ones gave the
  money back.
- Sales are the goods: the sum of the order lines (after discounts), in whole đồng. Shipping is not
  counted: it pays the carrier, not the producer, so it says nothing about the province's products,
  and it belongs to a seller's part of an order, not to a product, so it could not be split by
  commune or OCOP group; leaving it out everywhere keeps every table summing to the same total.
- A line's commune of origin is its product's (a variant's parent's), else its seller's commune; its
  OCOP group is its product class's.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    DecimalField,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.ocop import CERTIFIED_STARS, OcopGroup
from marketplace.checkout.payment_methods import LABELS as PAYMENT_METHODS  # by Source type code
from marketplace.figures.periods import Period
from marketplace.money import to_dong
from marketplace.text import fold

Line = get_model("order", "Line")
Order = get_model("order", "Order")
OcopCertificate = get_model("catalogue", "OcopCertificate")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
Source = get_model("payment", "Source")

TEXT, COUNT, DONG, PERCENT, MONTH = "text", "count", "dong", "percent", "month"
PAID = Q(order__payment_state=Order.PaymentState.PAID)
GROWING_LIMIT = 10


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = TEXT


@dataclass
class Figure:
    """One table of figures: its columns, its rows (raw values: ints for counts and đồng, Decimal
    percentages, dates for months), and which columns the bar chart uses."""

    slug: str
    title: str
    columns: list[Column]
    rows: list[tuple]
    chart: tuple[int, int] | None = (0, 1)  # (label column, value column)
    note: str = ""
    totals: tuple | None = field(default=None)


def _dong(amount) -> int:
    return to_dong(amount or 0)


def share(part: int, whole: int) -> Decimal:
    """Percentage with one decimal, halves up; 0.0 of nothing."""
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _ordered(counter: Counter, names: dict) -> list[tuple[str, int]]:
    """Largest first; ties in Vietnamese alphabetical order (the same on every database)."""
    rows = [(names[key], count) for key, count in counter.items()]
    return sorted(rows, key=lambda row: (-row[1], fold(row[0]), row[0]))


def _lines_placed_in(period: Period):
    start, end = period.bounds()
    return Line.objects.filter(order__date_placed__gte=start, order__date_placed__lt=end)


# --- Sellers and products: today's state, whatever the period -------------------------------------

def sellers(period: Period = None, day: date = None) -> list[Figure]:
    """Active sellers by kind and by commune (one query)."""
    rows = (
        Partner.objects.filter(is_active=True)
        .values("kind", "commune_id", "commune__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_kind, by_commune, names = Counter(), Counter(), {None: _("Chưa rõ xã/phường")}
    for row in rows:
        by_kind[row["kind"]] += row["n"]
        by_commune[row["commune_id"]] += row["n"]
        names.setdefault(row["commune_id"], row["commune__name"])
    kinds = [(str(label), by_kind[value]) for value, label in Partner.Kind.choices]
    total = sum(by_kind.values())
    return [
        Figure("nguoi-ban-theo-loai-hinh", _("Người bán đang hoạt động theo loại hình"),
               [Column(_("Loại hình")), Column(_("Người bán"), COUNT)], kinds, totals=(_("Tổng"), total)),
        Figure("nguoi-ban-theo-xa", _("Người bán đang hoạt động theo xã/phường"),
               [Column(_("Xã/phường")), Column(_("Người bán"), COUNT)], _ordered(by_commune, names),
               totals=(_("Tổng"), total)),
    ]


def ocop_products(period: Period = None, day: date = None) -> list[Figure]:
    """Products online by the stars of their best valid OCOP certificate, and by OCOP group (one query)."""
    day = day or timezone.localdate()
    valid = OcopCertificate.objects.valid_on(day)
    # The best star level first. Uncorrelated IN lists are hashed once by the database; a per-product
    # subquery ran 50,000 times (and, costed that high, got PostgreSQL to spend seconds on JIT).
    best_stars = Case(
        *(When(pk__in=valid.filter(stars=stars).values("product_id"), then=Value(stars))
          for stars in sorted(CERTIFIED_STARS, reverse=True)),
        default=None, output_field=IntegerField(),
    )
    rows = (
        Product.objects.browsable()
        .annotate(best_stars=best_stars)
        .values("best_stars", "product_class__ocop_group")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_stars, ocop_by_group, all_by_group = Counter(), Counter(), Counter()
    for row in rows:
        by_stars[row["best_stars"]] += row["n"]
        all_by_group[row["product_class__ocop_group"]] += row["n"]
        if row["best_stars"] is not None:
            ocop_by_group[row["product_class__ocop_group"]] += row["n"]
    star_rows = [(f"{stars}★", by_stars[stars]) for stars in sorted(CERTIFIED_STARS, reverse=True)]
    star_rows.append((_("Chưa có chứng nhận OCOP còn hiệu lực"), by_stars[None]))
    groups = [(value, str(label)) for value, label in OcopGroup.choices] + [(None, _("Chưa xếp nhóm OCOP"))]
    group_rows = [(f"{value}. {label}" if value else label, ocop_by_group[value], all_by_group[value])
                  for value, label in groups]
    ocop_total = sum(n for stars, n in by_stars.items() if stars is not None)
    return [
        Figure("san-pham-ocop-theo-sao", _("Sản phẩm đang bán theo hạng sao OCOP"),
               [Column(_("Hạng sao")), Column(_("Sản phẩm"), COUNT)], star_rows,
               note=_("Chỉ tính giấy chứng nhận đã xác minh, chưa thu hồi và còn hiệu lực hôm nay (%(day)s).")
               % {"day": day.strftime("%d/%m/%Y")},
               totals=(_("Tổng"), sum(by_stars.values()))),
        Figure("san-pham-ocop-theo-nhom", _("Sản phẩm OCOP đang bán theo nhóm"),
               [Column(_("Nhóm OCOP")), Column(_("Sản phẩm OCOP"), COUNT), Column(_("Mọi sản phẩm đang bán"), COUNT)],
               group_rows, totals=(_("Tổng"), ocop_total, sum(all_by_group.values()))),
    ]


# --- Orders and sales in the period -------------------------------------------------------------

def sales_by_month(period: Period, day: date = None) -> list[Figure]:
    """Orders placed, orders paid and sales, month by month (one query)."""
    rows = (
        _lines_placed_in(period)
        .values(month=TruncMonth("order__date_placed", output_field=DateField()))
        .annotate(
            placed=Count("order", distinct=True),
            paid=Count("order", distinct=True, filter=PAID),
            sales=Sum("line_price_incl_tax", filter=PAID),
        )
        .order_by()
    )
    found = {row["month"]: row for row in rows}
    table = []
    for month in period.months():
        row = found.get(month, {})
        table.append((month, row.get("placed", 0), row.get("paid", 0), _dong(row.get("sales"))))
    return [Figure(
        "don-hang-theo-thang", _("Đơn hàng và doanh số theo tháng"),
        [Column(_("Tháng"), MONTH), Column(_("Đơn đặt"), COUNT), Column(_("Đơn đã thanh toán"), COUNT),
         Column(_("Doanh số (đồng)"), DONG)],
        table, chart=(0, 3),
        totals=(_("Tổng"), *(sum(row[i] for row in table) for i in (1, 2, 3))),
    )]


def _paid_sales_by(period: Period, **keys):
    return (
        _lines_placed_in(period).filter(PAID)
        .values(**keys)
        .annotate(orders=Count("order", distinct=True), units=Sum("quantity"), sales=Sum("line_price_incl_tax"))
        .order_by()
    )


def _sales_columns():
    return [Column(_("Đơn đã thanh toán"), COUNT), Column(_("Số lượng bán"), COUNT),
            Column(_("Doanh số (đồng)"), DONG)]


def _split_note():
    return _("Một đơn có sản phẩm của nhiều nơi được tính ở mỗi nơi, nên cột đơn có thể cộng lớn hơn tổng số đơn.")


def sales_by_commune(period: Period, day: date = None) -> list[Figure]:
    """Paid sales by the commune the goods come from (one query)."""
    rows = _paid_sales_by(
        period,
        commune=Coalesce("product__origin_commune_id", "product__parent__origin_commune_id", "partner__commune_id"),
        # Picked in the same order as the id, so the name is always the chosen commune's.
        name=Coalesce("product__origin_commune__name", "product__parent__origin_commune__name",
                      "partner__commune__name"),
    )
    table = [(row["name"] or _("Chưa rõ xã/phường"), row["orders"], row["units"] or 0, _dong(row["sales"]))
             for row in rows]
    table.sort(key=lambda row: (-row[3], fold(row[0]), row[0]))
    return [Figure(
        "doanh-so-theo-xa", _("Doanh số theo xã/phường xuất xứ"),
        [Column(_("Xã/phường")), *_sales_columns()], table, chart=(0, 3), note=_split_note(),
        totals=(_("Tổng"), None, sum(row[2] for row in table), sum(row[3] for row in table)),
    )]


def sales_by_group(period: Period, day: date = None) -> list[Figure]:
    """Paid sales by OCOP product group (one query)."""
    rows = _paid_sales_by(
        period, group=Coalesce("product__product_class__ocop_group", "product__parent__product_class__ocop_group")
    )
    found = {row["group"]: row for row in rows}
    groups = [(value, f"{value}. {label}") for value, label in OcopGroup.choices] + [(None, _("Chưa xếp nhóm OCOP"))]
    table = []
    for value, label in groups:
        row = found.get(value, {})
        table.append((label, row.get("orders", 0), row.get("units") or 0, _dong(row.get("sales"))))
    return [Figure(
        "doanh-so-theo-nhom-ocop", _("Doanh số theo nhóm sản phẩm OCOP"),
        [Column(_("Nhóm OCOP")), *_sales_columns()], table, chart=(0, 3), note=_split_note(),
        totals=(_("Tổng"), None, sum(row[2] for row in table), sum(row[3] for row in table)),
    )]


def payment_methods(period: Period, day: date = None) -> list[Figure]:
    """Each cashless method's share of the paid orders and of sales (one query).

    The method is the type code of the order's payment Source (its first, should it have several).
    An order paid without one is counted as unknown rather than guessed.
    """
    # Orders with a source are joined to their first source only (an uncorrelated list the database
    # hashes once), orders without one are counted apart, and both halves come back in one query. A
    # subquery per line instead ran 35,000 times for three months of orders and drew PostgreSQL into
    # seconds of JIT compilation.
    start, end = period.bounds()
    first_sources = (
        Source.objects.filter(order__date_placed__gte=start, order__date_placed__lt=end,
                              order__payment_state=Order.PaymentState.PAID)
        .values("order_id").annotate(first=Min("pk")).values("first")
    )
    paid = _lines_placed_in(period).filter(PAID)
    totals = {"orders": Count("order", distinct=True), "sales": Sum("line_price_incl_tax")}
    with_source = (
        paid.filter(order__sources__pk__in=first_sources)
        .values(method=F("order__sources__source_type__code")).annotate(**totals).order_by()
    )
    without_source = (
        paid.filter(order__sources__isnull=True)
        .values(method=Value(None, output_field=CharField())).annotate(**totals).order_by()
    )
    rows = with_source.union(without_source, all=True)
    found = {row["method"]: (row["orders"], _dong(row["sales"])) for row in rows}
    codes = list(PAYMENT_METHODS) + sorted(code for code in found if code and code not in PAYMENT_METHODS) + [None]
    orders_total = sum(orders for orders, _sales in found.values())
    sales_total = sum(sales for _orders, sales in found.values())
    table = []
    for code in codes:
        orders, sales = found.get(code, (0, 0))
        label = str(PAYMENT_METHODS[code]) if code in PAYMENT_METHODS else code or _("Chưa ghi nhận phương thức")
        table.append((label, orders, share(orders, orders_total), sales, share(sales, sales_total)))
    return [Figure(
        "phuong-thuc-thanh-toan", _("Tỷ lệ các phương thức thanh toán không dùng tiền mặt"),
        [Column(_("Phương thức")), Column(_("Đơn đã thanh toán"), COUNT), Column(_("Tỷ lệ đơn (%)"), PERCENT),
         Column(_("Doanh số (đồng)"), DONG), Column(_("Tỷ lệ doanh số (%)"), PERCENT)],
        table, chart=(0, 2), totals=(_("Tổng"), orders_total, None, sales_total, None),
    )]


def fastest_growing(period: Period, day: date = None, limit: int = GROWING_LIMIT) -> list[Figure]:
    """The products whose sales grew most against the previous period of the same length (one query).

    Ranked by the increase in đồng, not by the rate: a rate puts a product going from one small sale
    to three above a cooperative adding tens of millions. The rate is shown beside it ("—" for a
    product that sold nothing before).
    """
    previous = period.previous()
    since, until = previous.bounds()[0], period.bounds()[1]
    this_period = Q(order__date_placed__gte=period.bounds()[0])
    zero = Value(Decimal(0), output_field=DecimalField(max_digits=20, decimal_places=2))
    rows = (
        Line.objects.filter(PAID, order__date_placed__gte=since, order__date_placed__lt=until, product__isnull=False)
        # Variants count towards the product the storefront lists.
        .values(product_key=Coalesce("product__parent_id", "product_id"),
                name=Coalesce("product__parent__title", "product__title"))
        .annotate(
            seller=Max("partner_name"),
            now=Coalesce(Sum("line_price_incl_tax", filter=this_period), zero),
            before=Coalesce(Sum("line_price_incl_tax", filter=~this_period), zero),
        )
        .annotate(growth=F("now") - F("before"))
        .filter(growth__gt=0)
        .order_by("-growth", "product_key")[:limit]
    )
    table = []
    for row in rows:
        now, before = _dong(row["now"]), _dong(row["before"])
        table.append((row["name"], row["seller"], now, before, now - before,
                      share(now - before, before) if before else None))
    return [Figure(
        "san-pham-tang-truong-nhanh", _("Sản phẩm tăng doanh số nhiều nhất"),
        [Column(_("Sản phẩm")), Column(_("Người bán")), Column(_("Doanh số kỳ này (đồng)"), DONG),
         Column(_("Doanh số kỳ trước (đồng)"), DONG), Column(_("Tăng thêm (đồng)"), DONG),
         Column(_("Tăng (%)"), PERCENT)],
        table, chart=(0, 4),
        note=_("So với kỳ trước cùng độ dài: %(start)s – %(end)s. “—”: chưa bán trong kỳ trước.")
        % {"start": previous.start.strftime("%d/%m/%Y"), "end": previous.end.strftime("%d/%m/%Y")},
    )]


SECTIONS = [sellers, ocop_products, sales_by_month, sales_by_commune, sales_by_group, payment_methods,
            fastest_growing]
# Which section computes each table, so that a CSV export runs only that section's query.
SECTION_OF = {
    "nguoi-ban-theo-loai-hinh": sellers, "nguoi-ban-theo-xa": sellers,
    "san-pham-ocop-theo-sao": ocop_products, "san-pham-ocop-theo-nhom": ocop_products,
    "don-hang-theo-thang": sales_by_month, "doanh-so-theo-xa": sales_by_commune,
    "doanh-so-theo-nhom-ocop": sales_by_group, "phuong-thuc-thanh-toan": payment_methods,
    "san-pham-tang-truong-nhanh": fastest_growing,
}


def all_figures(period: Period, day: date = None) -> list[Figure]:
    """Every table, in page order: one query per section."""
    day = day or timezone.localdate()
    return [figure for section in SECTIONS for figure in section(period, day)]


def figure(slug: str, period: Period, day: date = None) -> Figure:
    """One table by its slug (KeyError for an unknown one)."""
    section = SECTION_OF[slug]
    return next(f for f in section(period, day or timezone.localdate()) if f.slug == slug)
