"""How long a seller's 5,000-row spreadsheet takes, phase by phase, and what a 50,000-row file costs.

    python manage.py migrate && python manage.py load_demo
    python bench/seller_import.py          # DATABASE_URL picks SQLite (default) or PostgreSQL

Builds a 5,000-row XLSX and CSV (2,000 products sold on their own, 1,000 with three pack sizes),
then times, for a demo seller: reading, checking (the preview), writing in one transaction, and the
commit with the search indexing it triggers (the index tasks run eagerly without a broker); then the
same file again with a quarter of the prices changed (updates) and unchanged (nothing written).
Finally it reads a 50,000-row file of each kind, which is refused at the limit, and prints the
time and the memory it took. The generated products (SKU BENCH-…) are removed at the start.
"""

import csv
import io
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from sellers.imports import checking, reading, writing  # noqa: E402
from sellers.imports.template import header_row  # noqa: E402

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")

STANDALONE, PARENTS, PACKS = 2_000, 1_000, (100, 200, 500)


def rows(price_shift=0):
    for n in range(STANDALONE):
        price = 150_000 + n + (price_shift if n % 4 == 0 else 0)
        yield [f"BENCH-{n:05d}", f"Chè búp Tân Cương lô {n:05d}", "Đồ uống", "", "", f"{price:,}".replace(",", "."),
               str(n % 40), "220", "Tân Cương", "Chè", "Chè búp sao tay, nước xanh, hậu ngọt.", ""]
    for n in range(PARENTS):
        for grams in PACKS:
            price = grams * 1_500 + n + (price_shift if n % 4 == 0 else 0)
            yield [f"BENCH-P{n:05d}-{grams}G", f"Chè móc câu lô {n:05d}", "Đồ uống", f"BENCH-P{n:05d}",
                   f"Gói {grams} g", str(price), "25", str(grams + 20), "Tân Cương", "Chè", "", ""]


def as_xlsx(data_rows):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header_row())
    for values in data_rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_csv(data_rows):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header_row())
    writer.writerows(data_rows)
    return buffer.getvalue().encode("utf-8-sig")


def clock():
    return time.perf_counter()


def run(label, data, seller):
    started = clock()
    sheet = reading.read_spreadsheet(data)
    read = clock()
    with transaction.atomic():
        plan, errors = checking.check(sheet, seller)
        checked = clock()
        if errors:
            raise SystemExit(f"{label}: {len(errors)} errors, first: {errors[0]}")
        counts = writing.write(plan, seller)
        written = clock()
    committed = clock()
    print(
        f"{label:<28} read {read - started:6.2f} s  check {checked - read:6.2f} s  "
        f"write {written - checked:6.2f} s  commit+index {committed - written:6.2f} s  "
        f"total {committed - started:6.2f} s  (created {counts.created}, updated {counts.updated}, "
        f"unchanged {counts.unchanged})"
    )


def refused(label, data):
    tracemalloc.start()
    started = clock()
    try:
        reading.read_spreadsheet(data)
        outcome = "read in full (not refused!)"
    except reading.FileRefused:
        outcome = "refused"
    elapsed = clock() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<28} {len(data) / 1e6:5.1f} MB file, {outcome} in {elapsed:5.2f} s (under tracemalloc), "
          f"peak Python memory {peak / 1e6:5.1f} MB")


def main():
    seller = Partner.objects.filter(is_active=True, commune__isnull=False).order_by("pk").first()
    if seller is None or not ProductClass.objects.filter(name="Đồ uống").exists():
        raise SystemExit("Run `python manage.py migrate && python manage.py load_demo` first.")
    print(f"Database: {connection.vendor}; seller: {seller}; row limit {settings.SELLER_IMPORT_MAX_ROWS}; "
          f"search indexed {'eagerly' if getattr(settings, 'SEARCH_INDEX_EAGERLY', False) else 'in batches on commit'}")
    Product.objects.filter(upc__startswith="BENCH-", structure=Product.CHILD).delete()
    Product.objects.filter(upc__startswith="BENCH-").delete()

    first = list(rows())
    xlsx_first, csv_first = as_xlsx(first), as_csv(first)
    print(f"5,000 rows: XLSX {len(xlsx_first) / 1e6:.2f} MB, CSV {len(csv_first) / 1e6:.2f} MB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    run("XLSX, new products", xlsx_first, seller)
    run("CSV, 1/4 prices changed", as_csv(rows(price_shift=1_000)), seller)
    run("XLSX, same file again", as_xlsx(rows(price_shift=1_000)), seller)
    print(f"Peak resident memory grew by {(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) / 1024:.0f} MB "
          "during the three imports")

    big = [
        [f"BIG-{n:06d}", f"Chè búp lô {n}", "Đồ uống", "", "", str(150_000 + n), "10", "120", "Tân Cương", "Chè",
         f"Mô tả số {n}", ""]
        for n in range(50_000)
    ]
    refused("50,000-row XLSX", as_xlsx(big))
    refused("50,000-row CSV", as_csv(big))


if __name__ == "__main__":
    main()
