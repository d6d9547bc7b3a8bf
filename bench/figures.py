"""Time the province's figures (marketplace.figures) on 50,000 products and 200,000 order lines.

    createdb -h 127.0.0.1 -U postgres ocop_figures
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_figures
    python manage.py migrate
    python bench/figures.py

Runs on whatever database DATABASE_URL names (PostgreSQL is what the numbers are for). Products,
sellers, certificates and orders already there are reused; what is missing up to 50,000 products
and 200,000 order lines is generated with bulk_create (deterministic, products `FIG-…`, orders
`FIG…`), and the time that took is printed. Then each figure section and the whole page are timed
(median of several rounds, per period): the page computing its figures and the page while they
are kept in the cache; then the figures of "this year" are printed.
"""

import itertools
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from catalog.ocop import certificate_expiry  # noqa: E402
from marketplace.figures import display, periods, queries  # noqa: E402

Commune = get_model("geo_indications", "Commune")
Line = get_model("order", "Line")
OcopCertificate = get_model("catalogue", "OcopCertificate")
Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()

PRODUCTS = 50_000
LINES = 200_000
SELLERS = 120
DAYS = 730  # orders spread over the last two years, more of them lately
BATCH = 5_000
ROUNDS = 5
PRICES = [35_000, 60_000, 85_000, 120_000, 150_000, 220_000, 350_000, 480_000]
STEMS = ["Chè búp Tân Cương", "Miến dong Na Rì", "Mật ong rừng", "Quýt Bắc Kạn", "Gạo nếp vải", "Trà hoa vàng",
         "Khăn thổ cẩm", "Giỏ mây tre", "Homestay bản Pác Ngòi", "Cao dược liệu", "Hồng không hạt", "Bánh chưng"]


def generated(label, started):
    print(f"  {label}: {time.perf_counter() - started:.1f} s")


def ensure_sellers(rng):
    if not Commune.objects.filter(province_id=settings.MARKETPLACE_PROVINCE_CODE).exists():
        call_command("load_admin_units")
    missing = SELLERS - Partner.objects.count()
    if missing <= 0:
        return
    communes = list(Commune.objects.filter(province_id=settings.MARKETPLACE_PROVINCE_CODE)
                    .order_by("pk").values_list("pk", flat=True)[:80])
    kinds = [kind for kind, _label in Partner.Kind.choices]
    start = Partner.objects.filter(name__startswith="FIG ").count()
    Partner.objects.bulk_create([
        Partner(name=f"FIG Người bán {n:03d}", slug=f"fig-nguoi-ban-{n:03d}", kind=kinds[n % len(kinds)],
                commune_id=rng.choice(communes), is_active=n % 10 != 0)
        for n in range(start, start + missing)
    ])


def ensure_products(rng):
    missing = PRODUCTS - Product.objects.exclude(structure=Product.CHILD).count()
    if missing <= 0:
        return
    classes = {}
    for group in range(1, 7):
        classes[group] = ProductClass.objects.filter(ocop_group=group).first() or ProductClass.objects.create(
            name=f"Nhóm OCOP {group}", ocop_group=group, track_stock=group != 6
        )
    sellers = list(Partner.objects.order_by("pk").values_list("pk", "commune_id"))
    staff = User.objects.filter(is_superuser=True).first()
    start = Product.objects.filter(upc__startswith="FIG-").count()
    today = timezone.localdate()
    for first in range(start, start + missing, BATCH):
        numbers = range(first, min(first + BATCH, start + missing))
        with transaction.atomic():
            products = []
            for n in numbers:
                seller_id, commune_id = sellers[n % len(sellers)]
                products.append(Product(
                    upc=f"FIG-{n:06d}", title=f"{STEMS[n % len(STEMS)]} (lô {n:06d})", slug=f"fig-{n:06d}",
                    structure=Product.STANDALONE, product_class=classes[n % 6 + 1], seller_id=seller_id,
                    origin_commune_id=commune_id if n % 5 else None, is_public=n % 20 != 0,
                ))
            Product.objects.bulk_create(products)
            StockRecord.objects.bulk_create([
                StockRecord(product=product, partner_id=product.seller_id, partner_sku=product.upc,
                            price=Decimal(PRICES[n % len(PRICES)]), price_currency="VND", num_in_stock=n % 50)
                for n, product in zip(numbers, products, strict=True)
            ])
            certificates = []
            for n, product in zip(numbers, products, strict=True):
                if n % 3:
                    continue  # a third of the products hold a certificate
                decided = today - timedelta(days=rng.randrange(0, 4 * 365))  # some have expired
                status = (OcopCertificate.Status.VERIFIED if n % 30 else OcopCertificate.Status.PENDING)
                certificates.append(OcopCertificate(
                    product=product, stars=5 if n % 99 == 0 else 4 if n % 7 == 0 else 3,
                    group=n % 6 + 1, decision_number=f"{n}/QĐ-UBND", decision_date=decided,
                    valid_until=certificate_expiry(decided), issuer=OcopCertificate.Issuer.PROVINCE,
                    issuer_name="UBND tỉnh Thái Nguyên", status=status, verified_by=staff,
                ))
            OcopCertificate.objects.bulk_create(certificates)


def ensure_orders(rng):
    missing = LINES - Line.objects.count()
    if missing <= 0:
        return
    offers = list(StockRecord.objects.filter(product__structure__in=[Product.STANDALONE, Product.CHILD])
                  .values_list("pk", "product_id", "partner_id", "partner__name", "partner_sku", "price",
                               "product__title"))
    # A few products sell much more than most, as in any shop.
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 0.6 for rank in range(len(offers))))
    methods = [SourceType.objects.get_or_create(code=code, defaults={"name": name})[0]
               for code, name in (("vietqr", "VietQR"), ("card", "Thẻ"))]
    now = timezone.now()
    start = Order.objects.filter(number__startswith="FIG").count()
    n = start
    while missing > 0:
        with transaction.atomic():
            orders, lines_of = [], []
            while missing > 0 and len(orders) < BATCH:
                # Squared so that recent days get more orders: the figures have growth to find.
                age = DAYS * (1 - rng.random() ** 0.5)
                placed = now - timedelta(days=age)
                chosen = rng.choices(offers, cum_weights=cumulative, k=min(missing, rng.choice((1, 1, 2, 3, 4, 4))))
                missing -= len(chosen)
                lines = []
                for stockrecord_id, product_id, partner_id, partner_name, sku, price, title in chosen:
                    quantity = rng.choice((1, 1, 1, 2, 3))
                    amount = price * quantity
                    lines.append(Line(
                        partner_id=partner_id, partner_name=partner_name, partner_sku=sku,
                        stockrecord_id=stockrecord_id, product_id=product_id, title=title, quantity=quantity,
                        line_price_incl_tax=amount, line_price_excl_tax=amount,
                        line_price_before_discounts_incl_tax=amount, line_price_before_discounts_excl_tax=amount,
                        unit_price_incl_tax=price, unit_price_excl_tax=price, num_allocated=quantity,
                    ))
                goods = sum(line.line_price_incl_tax for line in lines)
                roll = rng.random()
                state = (Order.PaymentState.PAID if roll < 0.82 else
                         Order.PaymentState.EXPIRED if roll < 0.95 else Order.PaymentState.PENDING)
                orders.append(Order(
                    number=f"FIG{n:08d}", currency="VND", total_incl_tax=goods + 30_000, total_excl_tax=goods + 30_000,
                    shipping_incl_tax=30_000, shipping_excl_tax=30_000, status="", date_placed=placed,
                    payment_state=state, paid_at=placed + timedelta(minutes=5) if state == "paid" else None,
                ))
                lines_of.append(lines)
                n += 1
            Order.objects.bulk_create(orders)
            all_lines, sources = [], []
            for order, lines in zip(orders, lines_of, strict=True):
                for line in lines:
                    line.order = order
                    all_lines.append(line)
                if order.payment_state == Order.PaymentState.PAID and rng.random() < 0.88:
                    method = methods[0] if rng.random() < 0.68 else methods[1]
                    sources.append(Source(order=order, source_type=method, currency="VND",
                                          amount_allocated=order.total_incl_tax, amount_debited=order.total_incl_tax))
            Line.objects.bulk_create(all_lines)
            Source.objects.bulk_create(sources)


def median_ms(call, rounds=ROUNDS):
    timings = []
    for _round in range(rounds):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def page_client():
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user = User.objects.filter(is_superuser=True).first()
    if user is None:
        user = User.objects.create_superuser("bench-figures@ocop.local", "bench-figures-password")
    client = Client()
    client.force_login(user)
    return client


def main():
    settings.DEBUG = False  # timings without Django's query log
    print(f"Cơ sở dữ liệu: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    rng = random.Random(2026)
    started = time.perf_counter()
    print("Sinh dữ liệu còn thiếu:")
    step = time.perf_counter()
    ensure_sellers(rng)
    generated("người bán", step)
    step = time.perf_counter()
    ensure_products(rng)
    generated("sản phẩm, giá, chứng nhận", step)
    step = time.perf_counter()
    ensure_orders(rng)
    generated("đơn hàng, dòng đơn, phương thức thanh toán", step)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    generated("tổng", started)
    print(f"Dữ liệu: {Partner.objects.count()} người bán, "
          f"{Product.objects.exclude(structure=Product.CHILD).count()} sản phẩm, "
          f"{OcopCertificate.objects.count()} chứng nhận, {Order.objects.count()} đơn, "
          f"{Line.objects.count()} dòng đơn")

    today = timezone.localdate()
    choices = {
        "tháng này": periods.this_month(today),
        "3 tháng": periods.last_3_months(today),
        "năm nay": periods.this_year(today),
        "2 năm": periods.Period(today - timedelta(days=DAYS), today),
    }
    client = page_client()
    # The same machine runs other work: its load says how far these times are from an idle server's.
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nThời gian (ms, trung vị {ROUNDS} lượt; {os.cpu_count()} CPU, tải trung bình {load}):")
    names = [section.__name__ for section in queries.SECTIONS]
    # "tính lại": the page computing every figure (its "compute again" button); "đã giữ": the page
    # while its figures are kept (FIGURES_CACHE_SECONDS, marketplace/figures/caching.py).
    print(f"  {'kỳ':<10}" + "".join(f"{name:>18}" for name in names) + f"{'trang tính lại':>16}{'trang đã giữ':>14}")
    for label, period in choices.items():
        cells = [median_ms(lambda s=section, p=period: s(p, today)) for section in queries.SECTIONS]
        params = {"start": period.start.isoformat(), "end": period.end.isoformat()}
        response = client.get("/cms-admin/figures/", params)
        assert response.status_code == 200, response.status_code
        page = median_ms(lambda p=params: client.get("/cms-admin/figures/", {**p, "fresh": "1"}))
        kept = median_ms(lambda p=params: client.get("/cms-admin/figures/", p))
        print(f"  {label:<10}" + "".join(f"{cell:>18.1f}" for cell in cells) + f"{page:>16.1f}{kept:>14.1f}")

    with CaptureQueriesContext(connection) as captured:
        client.get("/cms-admin/figures/", {"preset": "this_year", "fresh": "1"})
    with CaptureQueriesContext(connection) as captured_kept:
        client.get("/cms-admin/figures/", {"preset": "this_year"})
    print(f"\nSố truy vấn SQL của cả trang: {len(captured)} khi tính lại (trong đó {len(queries.SECTIONS)} "
          f"truy vấn số liệu), {len(captured_kept)} khi số liệu đã được giữ "
          f"(FIGURES_CACHE_SECONDS={settings.FIGURES_CACHE_SECONDS})")

    period = choices["năm nay"]
    print(f"\nSố liệu năm nay ({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}):")
    for figure in queries.all_figures(period, today):
        print(f"\n  {figure.title}")
        kinds = [column.kind for column in figure.columns]
        print("    " + " | ".join(column.title for column in figure.columns))
        for row in figure.rows[:12]:
            print("    " + " | ".join(display.shown(value, kind) for value, kind in zip(row, kinds, strict=True)))
        if len(figure.rows) > 12:
            print(f"    … và {len(figure.rows) - 12} dòng nữa")


if __name__ == "__main__":
    main()
