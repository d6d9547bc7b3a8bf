"""The storefront under load: gunicorn with production settings on PostgreSQL and Redis, 8 clients.

    .venv/bin/python bench/load.py            # one command; options: --seconds 15 --clients 8 --workers 3

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust; or LOAD_DATABASE_URL) and Redis on
127.0.0.1:6379 (database 5, emptied at start; or LOAD_REDIS_URL). It creates the database
`ocop_load` if missing, migrates, loads the demo data and 50,000 generated products once
(`load_demo --products`), collects static files into a temporary folder, then starts gunicorn on
127.0.0.1:8101 with bench/load_settings.py (production settings plus plain HTTP, the bare view and
an X-SQL-Queries header). Every scenario is warmed up (each of its addresses once), then driven by
`--clients` threads of this process, each with its own cookies, for `--seconds`. The read scenarios'
visitors have no basket (the CSRF and history cookies only), so they get the pages anonymous
visitors are served (marketplace/caching.py); each read scenario then runs again as visitors with
one thing in their basket (rows "+ giỏ": stored pages, each with the visitor's own basket drawn in)
and as signed-in buyers (rows "+ đăng nhập": the same stored pages, each with the buyer's own basket,
account links, wish lists and review buttons drawn in). Add to basket and checkout use visitors with
baskets.
Last, a mix of read pages is read by visitors without a basket, then read again while orders keep
arriving (row "mixed + đơn hàng": ten a second reserve a unit of one of four products whose pages
are in the mix, through StockRecord.allocate as checkout does). Then a product none of the mix's
pages shows is edited, and each page of the mix requested once, as a visitor and as a signed-in
buyer: what a page costs drawn again after an edit (the mean, and the three that cost most); then
the same after an edit of the newest product, which the home page shows, its card drawn again.
`PAGE_CACHE_SECONDS=0 python bench/load.py` also renders the anonymous visitors' pages every time.

Prints per scenario: requests per second, p50/p95/p99 latency, SQL queries per request (mean and
max), share answered from the page cache, errors, and the ratio of its throughput to the bare view's
(a template of the home page's size, no database) measured in the same run, before and after the
others; then the RSS of each gunicorn worker and the machine's load. Gunicorn is stopped on exit.
"""

import argparse
import http.client
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOST, PORT = "127.0.0.1", 8101
DATABASE_URL = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ocop_load")
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/5")
GENERATED = 50_000
ORDERS_PER_SECOND, ORDERED = 10, 4
SEARCHES = ["chè", "che tan cuong", "mien dong", "mật ong", "gạo nếp", "quyt bac kan", "trà xanh",
            "măng", "nấm", "rượu"]
DEMO_BUYER, DEMO_PASSWORD = "nguoimua@ocop.local", "ocop-demo-2026"  # made by load_demo
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def configure_environment():
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        # A deployment keeps its connections; one new PostgreSQL connection per request costs more
        # than most pages.
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(48),
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "ocop_load_static"),
        "CELERY_BROKER_URL": "",
        "LOG_LEVEL": "WARNING",
    })


def create_database():
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"Tạo cơ sở dữ liệu {name}")


def prepare_site():
    """Migrate, load the demo data and the generated products once, collect static files; returns
    the addresses each scenario visits."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connections
    from oscar.core.loading import get_model

    call_command("migrate", "--noinput", verbosity=0)
    Product = get_model("catalogue", "Product")
    from cms.models import HomePage

    if not HomePage.objects.exists() or Product.objects.filter(upc__startswith="GEN-").count() < GENERATED:
        print("Nạp dữ liệu mẫu và 50.000 sản phẩm sinh tự động (một lần, vài phút)…", flush=True)
        call_command("load_demo", "--products", str(GENERATED), verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    cache.clear()  # Redis database 5 is ours: start from an empty cache, as after a deployment
    urls = scenario_urls(Product)
    connections.close_all()
    return urls


def scenario_urls(Product):
    from oscar.core.loading import get_model

    Category = get_model("catalogue", "Category")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")
    browsable = Product.objects.browsable().order_by("pk")
    demo = list(browsable.exclude(upc__startswith="GEN-")[:20])
    generated = list(browsable.filter(upc__startswith="GEN-")[::2500])
    categories = [c for c in Category.objects.filter(is_public=True).order_by("path") if c.get_num_children() == 0]
    facets = [{"in_stock": 1}, {"stars": 4}, {"sort": "price"}, {"seller_type": "htx", "in_stock": 1}]
    # Standalone products with plenty of stock, so that thousands of additions never run out.
    addable = list(
        StockRecord.objects.filter(product__structure="standalone", product__is_public=True, num_in_stock__gte=40)
        .order_by("product_id").values_list("product_id", flat=True)[:2000]
    )
    return {
        "home": ["/"],
        "category": [f"{c.get_absolute_url()}?{urlencode(f)}" for c in categories[:6] for f in facets],
        "search": [f"/search/?{urlencode({'q': q})}" for q in SEARCHES],
        "product": [p.get_absolute_url() for p in demo + generated],
        "producer": [f"/sellers/{s.slug}/" for s in Partner.objects.filter(is_active=True).order_by("pk")],
        "api-search": [f"/api/v1/products?{urlencode({'q': q})}" for q in SEARCHES],
        "addable": addable,
        # Orders keep arriving (place_orders) while these are read: products among them are ordered.
        "mixed": ["/", *[f"{c.get_absolute_url()}?{urlencode(facets[0])}" for c in categories[:4]],
                  *[f"/search/?{urlencode({'q': q})}" for q in SEARCHES[:4]],
                  *[p.get_absolute_url() for p in demo[:4]],
                  *[p.get_absolute_url() for p in Product.objects.filter(pk__in=addable[:ORDERED])],
                  *[f"/sellers/{s.slug}/" for s in Partner.objects.filter(is_active=True).order_by("pk")[:4]]],
    }


def place_orders(product_ids, stop, placed):
    """What orders do to stock, ORDERS_PER_SECOND times a second until `stop` is set: one unit of
    one of these products reserved (StockRecord.allocate, as checkout does), and the previous
    reservation cancelled, so that stock stays where it was. Writes through the same signals as the
    site, to the same Redis, so the site sees each as it would see an order."""
    from django.db import connections, transaction
    from oscar.core.loading import get_model

    StockRecord = get_model("partner", "StockRecord")
    previous = None
    while not stop.wait(1 / ORDERS_PER_SECOND):
        product_id = product_ids[placed[0] % len(product_ids)]
        with transaction.atomic():
            record = StockRecord.objects.select_related("product").get(product_id=product_id)
            record.allocate(1)
            if previous is not None:
                StockRecord.objects.select_related("product").get(pk=previous).cancel_allocation(1)
        previous = record.pk
        placed[0] += 1
    if previous is not None:
        StockRecord.objects.select_related("product").get(pk=previous).cancel_allocation(1)
    connections.close_all()


def redrawn_after_an_edit(paths, cookies, shown) -> dict:
    """What each page costs when it is drawn again after a seller edits a product: one it does not
    show (a generated one: none of the mix's pages shows it), or, `shown`, the newest, on the home
    page and first in the lists sorted by date, whose card is drawn again. Its SQL query count, by
    address, each requested once."""
    from django.db import connections
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    if shown:
        product = Product.objects.browsable().order_by("-date_created", "-pk").first()
    else:
        product = Product.objects.filter(upc__startswith="GEN-").order_by("pk")[1234]
    product.save()  # through the same signals as the site's dashboard, to the same Redis
    connections.close_all()
    return {path: int(header(request("GET", path, dict(cookies)), "X-SQL-Queries")) for path in dict.fromkeys(paths)}


# --- the server ---------------------------------------------------------------------------------


def start_gunicorn(workers, log_path):
    command = [
        sys.executable, "-m", "gunicorn", "marketplace.wsgi:application", "--bind", f"{HOST}:{PORT}",
        "--workers", str(workers), "--chdir", str(ROOT), "--log-level", "warning",
        "--error-logfile", str(log_path),
    ]
    server = subprocess.Popen(command, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn đã dừng (mã {server.returncode}); xem {log_path}")
        try:
            if request("GET", "/healthz").status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    stop(server)
    sys.exit(f"gunicorn không trả lời sau 60 giây; xem {log_path}")


def stop(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def worker_rss(master_pid):
    """RSS in MB of each process whose parent is the gunicorn master."""
    rss = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master_pid):
            rss[int(entry.name)] = int(fields["VmRSS"].split()[0]) / 1024
    return rss


# --- the clients --------------------------------------------------------------------------------


class Reply:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body


def request(method, path, cookies=None, body=None):
    conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
    headers = {"Host": HOST, "Accept-Language": "vi"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        reply = Reply(response.status, response.getheaders(), response.read())
    finally:
        conn.close()
    if cookies is not None:
        for name, value in reply.headers:
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if cookie_value in ('""', "") or "max-age=0" in value.lower():
                    cookies.pop(key, None)
                else:
                    cookies[key] = cookie_value
    return reply


def header(reply, name):
    name = name.lower()
    return next((value for key, value in reply.headers if key.lower() == name), None)


class Client:
    """One visitor: its own cookies (so its own basket and CSRF token)."""

    def __init__(self, number, urls):
        self.number, self.urls, self.cookies, self.token, self.added = number, urls, {}, None, 0

    def csrf(self, product_path):
        reply = request("GET", product_path, self.cookies)
        found = CSRF_INPUT.search(reply.body)
        if not found:
            raise RuntimeError(f"không có mã CSRF trên {product_path}")
        self.token = found.group(1).decode()

    def sign_in(self, email, password):
        reply = request("GET", "/accounts/login/", self.cookies)
        token = CSRF_INPUT.search(reply.body).group(1).decode()
        body = urlencode({"csrfmiddlewaretoken": token, "login-username": email, "login-password": password,
                          "login_submit": "1"})
        reply = request("POST", "/accounts/login/", self.cookies, body)
        if reply.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"{email} không đăng nhập được (mã {reply.status})")

    def add_to_basket(self):
        addable = self.urls["addable"]
        # Never the same product twice in one basket: each addition makes a new line.
        product_id = addable[(self.number * 97 + self.added) % len(addable)]
        body = urlencode({"csrfmiddlewaretoken": self.token, "quantity": 1})
        reply = request("POST", f"/basket/add/{product_id}/", self.cookies, body)
        self.added += 1
        if self.added % 5 == 0:
            # A new visitor's basket every five additions: baskets stay the size buyers' are.
            self.cookies.pop("oscar_open_basket", None)
        return reply


def drive(name, clients, seconds, urls):
    """Every client requests the scenario's addresses in turn for `seconds`; returns the samples."""
    samples, lock = [], threading.Lock()
    deadline = time.monotonic() + seconds

    def run(client):
        step = 0
        mine = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                if name == "add-to-basket":
                    reply = client.add_to_basket()
                    ok = reply.status in (301, 302, 303)
                elif name == "checkout":
                    reply = request("GET", "/checkout/", client.cookies)
                    ok = reply.status == 200
                else:
                    paths = urls[name]
                    reply = request("GET", paths[(client.number + step) % len(paths)], client.cookies)
                    ok = reply.status == 200
            except OSError:
                reply, ok = None, False
            elapsed = (time.perf_counter() - started) * 1000
            queries = header(reply, "X-SQL-Queries") if reply else None
            hit = header(reply, "X-Page-Cache") == "hit" if reply else False
            mine.append((elapsed, ok, int(queries) if queries is not None else None, hit))
            step += 1
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=run, args=(client,)) for client in clients]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples, time.monotonic() - started


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def summary(samples, duration):
    times = [s[0] for s in samples]
    queries = [s[2] for s in samples if s[2] is not None]
    return {
        "rps": len(samples) / duration,
        "p50": statistics.median(times), "p95": percentile(times, 0.95), "p99": percentile(times, 0.99),
        "sql": statistics.mean(queries) if queries else float("nan"), "sql_max": max(queries, default=0),
        "hits": sum(s[3] for s in samples) / len(samples), "errors": sum(not s[1] for s in samples),
        "n": len(samples),
    }


def basket_lines() -> int:
    from django.db import connections
    from oscar.core.loading import get_model

    count = get_model("basket", "Line").objects.count()
    connections.close_all()
    return count


def load_average():
    return Path("/proc/loadavg").read_text().split()[:3]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="only these scenarios (the bare view always runs)")
    args = parser.parse_args()

    configure_environment()
    create_database()
    urls = prepare_site()
    log_path = Path(tempfile.gettempdir()) / "ocop_load_gunicorn.log"
    server = start_gunicorn(args.workers, log_path)
    try:
        run(args, urls, server)
    finally:
        stop(server)


def run(args, urls, server):
    home_size = len(request("GET", "/").body)
    bare_size = len(request("GET", f"/bench/bare/?bytes={home_size}").body)
    # Rows are about 100 bytes: scale once so that the bare page weighs what the home page does.
    urls["bare"] = [f"/bench/bare/?bytes={home_size * home_size // max(bare_size, 1)}"]
    bare_size = len(request("GET", urls["bare"][0]).body)
    print(f"Trang chủ {home_size:,} byte; trang trần {bare_size:,} byte. {args.clients} khách, "
          f"{args.seconds:g} s mỗi kịch bản, {args.workers} worker gunicorn; tải máy {' '.join(load_average())}")

    # Readers browse without a basket (they hold the CSRF and history cookies a product page sets);
    # buyers put things in theirs; checkout's visitors each have one thing in theirs.
    readers = [Client(n, urls) for n in range(args.clients)]
    buyers = [Client(n + 50, urls) for n in range(args.clients)]
    for client in readers + buyers:
        client.csrf(urls["product"][0])
    # Checkout needs a basket: these visitors each put one thing in theirs first; so do the readers
    # of the "+ giỏ" rows.
    checkout_clients = [Client(n + 100, urls) for n in range(args.clients)]
    basket_readers = [Client(n + 150, urls) for n in range(args.clients)]
    for client in checkout_clients + basket_readers:
        client.csrf(urls["product"][0])
        client.add_to_basket()
    # Signed in, a buyer is served the stored pages with its own parts drawn (marketplace/personal_parts.py).
    members = [Client(n + 200, urls) for n in range(args.clients)]
    for client in members:
        client.sign_in(DEMO_BUYER, DEMO_PASSWORD)

    scenarios = ["home", "category", "search", "product", "producer", "add-to-basket", "checkout", "api-search"]
    if args.only:
        scenarios = [s for s in scenarios if s in args.only]
    # Warm up: every address once, as a running site has them (templates compiled, caches filled).
    for name in ["bare", *scenarios, *([] if args.only else ["mixed"])]:
        if name in urls:
            for path in urls[name]:
                request("GET", path, {})
        else:
            drive(name, {"add-to-basket": buyers, "checkout": checkout_clients}[name], 1, urls)

    results = {}
    results["bare"] = summary(*drive("bare", readers, args.seconds, urls))
    for name in scenarios:
        chosen = {"add-to-basket": buyers, "checkout": checkout_clients}.get(name, readers)
        lines_before = basket_lines()
        results[name] = summary(*drive(name, chosen, args.seconds, urls))
        if name == "add-to-basket":
            # A redirect is also what a refused addition answers: count what reached the baskets.
            added = basket_lines() - lines_before
            results[name]["errors"] += max(0, results[name]["n"] - added)
    reads = [n for n in scenarios if n not in ("add-to-basket", "checkout")]
    for name in reads:
        results[f"{name} + giỏ"] = summary(*drive(name, basket_readers, args.seconds, urls))
    for name in reads:
        results[f"{name} + đăng nhập"] = summary(*drive(name, members, args.seconds, urls))
    if not args.only:
        results["mixed"] = summary(*drive("mixed", readers, args.seconds, urls))
        stop, placed = threading.Event(), [0]
        orders = threading.Thread(target=place_orders, args=(urls["addable"][:ORDERED], stop, placed))
        orders.start()
        results["mixed + đơn hàng"] = summary(*drive("mixed", readers, args.seconds, urls))
        stop.set()
        orders.join()
        print(f"Trong lúc đọc: {placed[0]} đơn giữ hàng ({placed[0] / args.seconds:.1f}/s)")
    if not args.only:
        for shown, edited in ((False, "một sản phẩm không có trên các trang"), (True, "sản phẩm mới nhất")):
            for label, cookies in (("khách", {}), ("người mua đã đăng nhập", members[0].cookies)):
                counts = redrawn_after_an_edit(urls["mixed"], cookies, shown)
                heaviest = sorted(((n, path) for path, n in counts.items()), reverse=True)[:3]
                print(f"Sau khi sửa {edited}, {label}: {len(counts)} trang vẽ lại, "
                      f"SQL trung bình {statistics.mean(counts.values()):.1f}; nhiều nhất "
                      + ", ".join(f"{path} {n}" for n, path in heaviest))
    bare_again = summary(*drive("bare", readers, args.seconds, urls))
    bare_rps = (results["bare"]["rps"] + bare_again["rps"]) / 2
    results["bare (again)"] = bare_again

    print(f"\n{'kịch bản':<24}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'SQL/req':>9}{'SQL max':>8}"
          f"{'cache':>7}{'÷ trần':>8}{'lỗi':>6}{'n':>7}")
    for name, r in results.items():
        print(f"{name:<24}{r['rps']:8.1f}{r['p50']:9.1f}{r['p95']:9.1f}{r['p99']:9.1f}{r['sql']:9.1f}"
              f"{r['sql_max']:8d}{r['hits']:7.0%}{r['rps'] / bare_rps:8.0%}{r['errors']:6d}{r['n']:7d}")
    rss = worker_rss(server.pid)
    print("\nRSS các worker gunicorn: " + ", ".join(f"{mb:.0f} MB" for mb in sorted(rss.values()))
          + f" (tiến trình chính {worker_rss_of(server.pid):.0f} MB)")
    print(f"Tải máy sau khi đo: {' '.join(load_average())} ({os.cpu_count()} lõi)")
    with_basket = [f"{n} + giỏ" for n in reads]
    signed_in = [f"{n} + đăng nhập" for n in reads]
    for label, names, pages in (("khách chưa có giỏ", scenarios, reads), ("khách có giỏ", with_basket, with_basket),
                                ("người mua đã đăng nhập", signed_in, signed_in)):
        slow = [n for n in pages if results[n]["rps"] < 0.4 * bare_rps]
        late = [n for n in names if results[n]["p95"] >= 150]
        heavy = [n for n in names if results[n]["sql_max"] > 12]
        print(f"Mục tiêu, {label}: trang đọc ≥ 40% trang trần: "
              + ("đạt" if not slow else "chưa đạt " + ", ".join(slow))
              + "; p95 < 150 ms: " + ("đạt" if not late else "chưa đạt " + ", ".join(late))
              + "; ≤ 12 truy vấn SQL: " + ("đạt" if not heavy else "chưa đạt " + ", ".join(heavy)))


def worker_rss_of(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    main()
