"""Redis is down (the cache and the Celery broker at a closed port): the storefront still serves, an
order is still placed, and the work that could not be enqueued is kept and runs once the broker is
back, exactly once. The shared Redis is never stopped: settings point at 127.0.0.1:1 instead."""

import contextlib
import logging
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.models import Category
from catalog.search import documents
from marketplace import background, caching, ratelimit
from marketplace.celery import app as celery_app
from marketplace.models import PendingTask
from marketplace.tasks import ping, send_pending_tasks

Order = get_model("order", "Order")
CLOSED = "redis://127.0.0.1:1/0"


@contextlib.contextmanager
def celery_broker(url, *, eager):
    """Point the Celery app at another broker (or run tasks eagerly, as the embedded default does),
    with fresh connection pools, and put everything back afterwards."""
    conf = celery_app.conf
    # Celery fixes the read and write URLs from broker_url when it is configured: all three move.
    names = ("task_always_eager", "broker_url", "broker_read_url", "broker_write_url")
    saved = {name: conf[name] for name in names}
    pools = (celery_app._pool, celery_app.amqp._producer_pool)
    conf.update(task_always_eager=eager, broker_url=url, broker_read_url=url, broker_write_url=url)
    celery_app._pool = celery_app.amqp._producer_pool = None
    try:
        yield
    finally:
        conf.update(saved)
        celery_app._pool, celery_app.amqp._producer_pool = pools


@pytest.fixture
def cache_down(settings):
    settings.CACHES = {"default": {
        "BACKEND": "marketplace.resilient_cache.ResilientRedisCache", "LOCATION": CLOSED,
        "KEY_PREFIX": "ocop", "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }}
    yield cache
    # The next test gets the configured cache back (override_settings resets the handlers).


@pytest.fixture
def broker_down():
    with celery_broker(CLOSED, eager=False):
        yield


@pytest.fixture
def broker_back():
    """The broker answers again. Tasks run eagerly here so the test sees what they did; a real worker
    consuming them is what test_celery.py proves."""
    return celery_broker(django_settings.CELERY_BROKER_URL or "memory://", eager=True)


@pytest.fixture(autouse=True)
def _forget_kept_tasks(monkeypatch):
    monkeypatch.setattr(background, "_kept_by_this_process", False)


def buy(client, make_seller, make_product, make_rule, thai_nguyen, capture):
    """A guest buys one tea through every checkout step; what the order enqueues is sent on commit."""
    province, communes = thai_nguyen
    seller = make_seller()
    make_rule(seller, province, first_charge=20000)
    product = make_product(seller, price="150000")
    assert client.post(f"/basket/add/{product.pk}/", {"quantity": 1}).status_code == 302
    assert client.get("/basket/").status_code == 200
    client.post("/checkout/", {"username": "khach@example.vn", "options": "anonymous"})
    assert client.post("/checkout/shipping-address/", {
        "last_name": "Nguyễn Văn An", "phone_number": "0912345678", "province": "19",
        "commune": str(communes["Phường Gia Sàng"].pk), "line1": "Số 5, đường Z115",
    }).status_code == 302
    assert client.get("/checkout/shipping-method/").url == "/checkout/payment-method/"
    assert client.post("/checkout/payment-method/", {"method": "vietqr"}).url == "/checkout/preview/"
    with capture(execute=True):
        response = client.post("/checkout/preview/", {"action": "place_order"})
    assert response.url == "/checkout/thank-you/"
    assert client.get(response.url).status_code == 200
    return Order.objects.get()


# The storefront -----------------------------------------------------------------------------------

@pytest.mark.django_db
def test_with_redis_down_the_pages_answer_and_an_order_is_placed_with_its_email_kept(
    cache_down, broker_down, home_page, make_seller, make_product, make_rule, thai_nguyen,
    django_capture_on_commit_callbacks, mailoutbox, caplog,
):
    client = Client()
    assert client.get("/").status_code == 200
    product = make_product(make_seller("HTX Miến dong Côn Minh"), "Miến dong Côn Minh")
    assert client.get(product.get_absolute_url()).status_code == 200
    search = client.get("/search/", {"q": "mien dong"})
    assert search.status_code == 200
    assert [p.pk for p in search.context["search_result"].products] == [product.pk]
    assert client.get("/search/suggest", {"q": "mien"}).status_code == 200
    order = buy(client, make_seller, make_product, make_rule, thai_nguyen, django_capture_on_commit_callbacks)

    assert (order.total_incl_tax, order.payment_state, order.lines.count()) == (170000, "pending", 1)
    # The buyer's confirmation could not reach the broker: it waits in the outbox, not lost.
    assert list(PendingTask.objects.values_list("name", "args", "kwargs")) == [
        ("order.send_order_email", ["order_placed", order.pk], {})
    ]
    assert mailoutbox == []
    records = caplog.get_records("setup") + caplog.get_records("call")  # fixtures already hit the cache
    warnings = [r.getMessage() for r in records if r.levelno == logging.WARNING]
    assert sum("Redis (bộ nhớ đệm) không trả lời" in w for w in warnings) == 1  # once per outage
    assert sum("Không gửi được tác vụ order.send_order_email" in w for w in warnings) == 1


@pytest.fixture
def storefront_caches_on(settings):
    """The page and fragment caches as production has them (settings/test.py turns them off)."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 600


CACHED = ("page", "fragment", "card")  # marketplace/caching.py's key prefixes: whole pages, fragments, cards


@pytest.mark.django_db
def test_with_redis_down_the_cached_pages_and_fragments_are_drawn_afresh(
    cache_down, storefront_caches_on, home_page, make_seller, make_product, monkeypatch,
):
    product = make_product(make_seller("HTX Miến dong Côn Minh"), "Miến dong Côn Minh")
    category = Category.add_root(name="Miến dong", slug="mien-dong")
    product.categories.add(category)
    caching.bump_generation()  # the increment a change makes: refused, then a dropped write
    backend, asked = caches["default"], []
    for name in ("get", "get_many", "set", "set_many"):
        monkeypatch.setattr(backend, name, _noting(getattr(backend, name), name, asked))
    pages = {
        "home": "/", "category": category.get_absolute_url(), "product": product.get_absolute_url(),
        "search": "/search/?q=mien+dong",
    }
    client = Client()
    for _visit in range(2):
        asked.clear()
        answers = {name: client.get(url) for name, url in pages.items()}
        assert {name: response.status_code for name, response in answers.items()} == dict.fromkeys(pages, 200)
        # Each kind of entry was looked for and offered to the dead cache...
        assert sorted(set(asked)) == sorted(f"{call}:{prefix}" for call, prefix in [
            ("get", "page"), ("get", "fragment"), ("get_many", "card"),
            ("set", "page"), ("set", "fragment"), ("set_many", "card"),
        ])
        # ...and nothing could be kept, so the second visit is drawn afresh too, with every card.
        assert [name for name, response in answers.items() if "X-Page-Cache" in response.headers] == []
        assert [name for name in ("category", "product", "search")
                if "Miến dong Côn Minh" not in answers[name].content.decode()] == []
        assert [p.pk for p in answers["search"].context["search_result"].products] == [product.pk]


def _noting(method, name, asked):
    """The cache method, noting which of the storefront's kinds of entry it was called for."""
    def noted(keys, *args, **kwargs):
        for key in [keys] if isinstance(keys, str) else list(keys):
            if key.split(":")[0] in CACHED:
                asked.append(f"{name}:{key.split(':')[0]}")
        return method(keys, *args, **kwargs)
    return noted


@pytest.mark.django_db
def test_kept_work_runs_once_the_broker_is_back_and_only_once(
    broker_down, broker_back, make_seller, make_product, make_rule, thai_nguyen,
    django_capture_on_commit_callbacks, mailoutbox,
):
    order = buy(Client(), make_seller, make_product, make_rule, thai_nguyen, django_capture_on_commit_callbacks)
    assert PendingTask.objects.count() == 1
    assert background.send_pending() == 0  # still down: kept, one more failed attempt recorded
    kept = PendingTask.objects.get()
    assert (kept.attempts, kept.claimed_until) == (1, None)
    assert "Connection refused" in kept.last_error

    with broker_back:
        assert send_pending_tasks.delay().get() == 1
        assert send_pending_tasks.delay().get() == 0
    assert PendingTask.objects.count() == 0
    assert [(m.subject, m.to) for m in mailoutbox] == [
        (mailoutbox[0].subject, ["khach@example.vn"])
    ]
    assert order.number in mailoutbox[0].subject + mailoutbox[0].body


@pytest.mark.django_db
def test_the_next_successful_send_also_sends_what_was_kept(broker_down, broker_back, mailoutbox):
    background.send(ping)
    assert list(PendingTask.objects.values_list("name", flat=True)) == ["marketplace.ping"]
    with broker_back, mock.patch.object(ping, "run", wraps=ping.run) as ran:
        assert background.send(ping) is True
    assert ran.call_count == 2  # the new one and the kept one
    assert PendingTask.objects.count() == 0


@pytest.mark.django_db
def test_a_task_another_sender_has_claimed_is_not_sent_twice(broker_down, broker_back):
    background.send(ping)
    other_sender_until = timezone.now() + timedelta(minutes=5)
    PendingTask.objects.update(claimed_until=other_sender_until)
    with broker_back, mock.patch.object(ping, "run", wraps=ping.run) as ran:
        assert background.send_pending() == 0
        assert ran.call_count == 0
        # A sender that died holding the claim: once it lapses, the task is sent.
        PendingTask.objects.update(claimed_until=timezone.now() - timedelta(seconds=1))
        assert background.send_pending() == 1
        assert background.send_pending() == 0
        assert ran.call_count == 1


def test_a_publish_to_a_broker_that_is_down_is_retried_once_quickly():
    # Celery's default is three retries, each waiting for its own connection attempt.
    assert celery_app.conf.task_publish_retry_policy == {
        "max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2,
    }
    assert celery_app.conf.broker_connection_timeout == 2
    assert celery_app.conf.broker_transport_options["socket_connect_timeout"] == 2


@pytest.mark.django_db
def test_eager_tasks_still_raise_their_own_errors(broker_back):
    with broker_back, mock.patch.object(ping, "run", side_effect=RuntimeError("a bug in the task")):
        with pytest.raises(RuntimeError, match="a bug in the task"):
            background.send(ping)
    assert PendingTask.objects.count() == 0


# The cache ------------------------------------------------------------------------------------

def test_with_the_cache_down_reads_miss_and_writes_are_dropped(cache_down):
    assert cache_down.get("anything", "default") == "default"
    assert cache_down.set("k", 1) is None
    assert cache_down.add("k", 1) is False
    assert cache_down.get_or_set("k", 5) == 5
    assert cache_down.get_many(["a", "b"]) == {}
    assert cache_down.has_key("k") is False
    assert cache_down.delete("k") is False
    assert cache_down.set_many({"a": 1, "b": 2}) == ["a", "b"]
    with pytest.raises(ValueError):
        cache_down.incr("k")


def test_with_the_cache_down_rate_limits_fail_open_and_the_search_generation_holds(cache_down):
    assert all(ratelimit.hit("seller-apply", "203.0.113.5", 3, 3600) for _ in range(10))
    assert documents.index_generation() == 1
    documents._bump_generation()  # no error: the next answer is computed from the database anyway
    assert documents.index_generation() == 1


def test_the_cache_leaves_redis_alone_for_a_moment_after_a_failure(cache_down, monkeypatch):
    from marketplace import resilient_cache

    calls = []
    real_get = resilient_cache.RedisCache.get
    monkeypatch.setattr(resilient_cache.RedisCache, "get", lambda *a, **k: calls.append(1) or real_get(*a, **k))
    for _ in range(5):
        assert cache_down.get("k") is None
    assert len(calls) == 1
    caches["default"]._down_until = 0.0  # the pause is over
    cache_down.get("k")
    assert len(calls) == 2


@pytest.mark.skipif(not django_settings.REDIS_URL, reason="no Redis configured: the embedded cache is in-process")
def test_with_redis_up_the_cache_is_plain_redis():
    assert type(caches["default"]).__name__ == "ResilientRedisCache"
    cache.set("faults:probe", 41)
    assert cache.incr("faults:probe") == 42
    cache.delete("faults:probe")


@pytest.mark.django_db
def test_administrators_see_the_kept_tasks_and_can_send_them(broker_down, broker_back, admin_client):
    background.send(ping)
    page = admin_client.get("/django-admin/marketplace/pendingtask/")
    assert page.status_code == 200
    assert "marketplace.ping" in page.content.decode()
    with broker_back:
        response = admin_client.post("/django-admin/marketplace/pendingtask/", {
            "action": "send_now", "_selected_action": [PendingTask.objects.get().pk],
        }, follow=True)
    assert "Đã gửi 1 tác vụ; còn 0 tác vụ chờ." in response.content.decode()
    assert PendingTask.objects.count() == 0


def redis_answers() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_answers(), reason="no Redis answers on 127.0.0.1:6379")
def test_one_redis_client_serves_every_call_from_every_thread_each_its_own_answer():
    import threading

    from marketplace.resilient_cache import ResilientRedisCache

    shared = ResilientRedisCache("redis://127.0.0.1:6379/9", {"KEY_PREFIX": "test-shared-client"})
    clients, wrong, lock = set(), [], threading.Lock()

    def work(thread):
        for n in range(50):
            key = f"t{thread}:{n}"
            shared.set(key, (thread, n))
            got = shared.get_many([key, f"t{thread}:missing"])
            with lock:
                clients.add(id(shared._cache.get_client()))
                if got != {key: (thread, n)}:
                    wrong.append((key, got))

    threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    shared.delete_many([f"t{t}:{n}" for t in range(8) for n in range(50)])

    assert wrong == []
    assert len(clients) == 1
