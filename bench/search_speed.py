"""Search latency over the demo catalogue plus 50,000 generated products, on PostgreSQL.

    createdb -h 127.0.0.1 -U postgres ocop_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench
    python manage.py migrate && python manage.py load_demo
    python bench/search_speed.py            # adds the 50,000 products (load_demo --products) if missing

Prints p50 and p95 of a search with every facet counted (the backend call the pages and the API
make): cold (facet counts computed every time) and as a running server sees it (facet counts of a
query cached until the index changes, the ranked page always computed), and of the whole result
(search plus loading the page's products for their cards).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from catalog.search import service  # noqa: E402
from catalog.search.backends import get_backend  # noqa: E402
from catalog.search.backends.base import Filters, SearchQuery  # noqa: E402

GENERATED = 50_000
MAINTAINED = ("search_productsearchdocument", "search_searchword", "catalogue_product", "partner_stockrecord",
              "catalogue_productcategory", "catalogue_ocopcertificate", "catalogue_productimage")
ROUNDS = 30
QUERIES = [
    SearchQuery(q="chè"),
    SearchQuery(q="che tan cuong", filters=Filters(in_stock=True)),
    SearchQuery(q="trà", sort="price"),
    SearchQuery(q="mien dong", filters=Filters(stars=4)),
    SearchQuery(q="mật ong rừng"),
    SearchQuery(q="quyt bac kan", filters=Filters(seller_type="htx")),
    SearchQuery(q="gạo nếp", filters=Filters(min_price=50_000, max_price=200_000)),
    SearchQuery(q="cuongg"),
    SearchQuery(filters=Filters(group=1), sort="newest"),
    SearchQuery(filters=Filters(province=19, in_stock=True), sort="-price", page=3),
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(call):
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def main():
    if connection.vendor != "postgresql":
        sys.exit("Cần PostgreSQL: đặt DATABASE_URL=postgres://…")
    Product = get_model("catalogue", "Product")
    if Product.objects.filter(upc__startswith="GEN-").count() < GENERATED:
        call_command("load_demo", "--products", str(GENERATED))
    # Statistics and visibility as autovacuum leaves them on a server that has been up a while: just
    # after 50,000 rows were generated the planner still believes the tables are nearly empty (and
    # loading a page's products scanned them all).
    with connection.cursor() as cursor:
        for table in MAINTAINED:
            cursor.execute(f"VACUUM ANALYZE {table}")
    Document = get_model("search", "ProductSearchDocument")
    backend = get_backend()
    print(f"{Document.objects.count()} sản phẩm trong chỉ mục; backend {backend.name}; "
          f"{len(QUERIES)} truy vấn × {ROUNDS} lượt; tải máy {os.getloadavg()[0]:.1f} trên {os.cpu_count()} lõi")
    # Cold: facet counts computed for every query (their cache emptied before each call).
    cold_ms = []
    for _round in range(3):
        for query in QUERIES:
            cache.clear()
            cold_ms.append(timed(lambda q=query: backend.search(q)))
    search_ms, page_ms = [], []
    for _round in range(ROUNDS):
        for query in QUERIES:
            search_ms.append(timed(lambda q=query: backend.search(q)))
            page_ms.append(timed(lambda q=query: service.run(q)))
    for label, values in (("tìm kiếm + đếm bộ lọc, lạnh", cold_ms), ("tìm kiếm + đếm bộ lọc", search_ms),
                          ("trang kết quả (+ nạp sản phẩm)", page_ms)):
        print(f"{label:<32} p50 = {statistics.median(values):6.1f} ms   p95 = {percentile(values, 0.95):6.1f} ms")
    slowest = {}
    for i, value in enumerate(search_ms):
        key = QUERIES[i % len(QUERIES)]
        slowest[key] = max(slowest.get(key, 0), value)
    for query, value in sorted(slowest.items(), key=lambda kv: -kv[1])[:3]:
        print(f"  chậm nhất: q={query.q!r} {query.filters} → {value:.1f} ms")


if __name__ == "__main__":
    main()
