"""A Celery worker killed (SIGKILL) in the middle of a seller's import or of a search rebuild leaves
nothing half-done, and the work, delivered again, completes exactly once.

A real worker runs in a subprocess on this test's database, with its own broker (Redis database 8,
results in 9), so it never takes work meant for CI's worker. To kill it at a known point, the worker
is started with a hook that stops it inside the work (after some rows, or after some batches) and
leaves a marker file; the test then sends SIGKILL, as the OOM killer or a lost machine would.

Why this is safe, with the settings in marketplace/settings/base.py:
- tasks are acknowledged late (CELERY_TASK_ACKS_LATE): a message is removed from the broker only
  when its task finished, so a killed worker's task is delivered again rather than lost;
- Redis gives an unacknowledged message back after the visibility timeout (3600 s). It must exceed
  the longest task, or a task still running would be started a second time; an import whose worker
  died is "running" in the database, and the import claims such a job again only once it is older
  than sellers.imports.tasks.STALE_AFTER (30 min), which the redelivery, an hour later, always is.
  The second worker here restores the message at once (visibility 1 s) and the job is aged by hand:
  the same path, without waiting an hour.
- when only a prefork pool's process dies, the worker gives the message back at once
  (CELERY_TASK_REJECT_ON_WORKER_LOST); the run it starts finds the job running and retries once the
  job is stale. That worker here has STALE_AFTER cut to seconds: the same path, without waiting half
  an hour.
"""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from catalog.models import Product, ProductClass
from catalog.search import documents
from catalog.search.models import ProductSearchDocument
from catalog.search.tasks import rebuild_index
from marketplace.celery import app as celery_app
from sellers.imports import tasks as import_tasks
from sellers.imports.models import ImportJob
from sellers.imports.tasks import run_import
from sellers.models import StockRecord
from tests.seller_import_files import csv_bytes, row

pytest_plugins = ["tests.seller_import_fixtures"]


def broker_urls():
    """The faults' own Redis databases, on the Redis the settings name (or the local default)."""
    configured = urlsplit(django_settings.CELERY_BROKER_URL or "")
    netloc = configured.netloc if configured.scheme.startswith("redis") else "127.0.0.1:6379"
    return f"redis://{netloc}/8", f"redis://{netloc}/9"


BROKER, RESULTS = broker_urls()


def broker_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(BROKER, socket_connect_timeout=1).ping())
    except redis.exceptions.RedisError:
        return False


pytestmark = [
    pytest.mark.skipif(not broker_reachable(), reason=f"no Redis answers at {BROKER}: a real worker needs a broker"),
    # Committed for real so that the worker sees the rows; the flush afterwards is limited to these apps.
    pytest.mark.django_db(transaction=True, available_apps=[
        "sellers", "catalog", "catalog.search", "geo_indications", "marketplace",
    ]),
]

WORKER = r"""
import os, pathlib, time
import django

django.setup()
from marketplace.celery import app

app.conf.broker_transport_options = {
    "visibility_timeout": float(os.environ["FAULTS_VISIBILITY"]),
    "unacked_restore_interval": 1, "unacked_restore_throttle": 1,
}
if os.environ.get("FAULTS_STALE_AFTER"):
    from datetime import timedelta

    from sellers.imports import tasks

    # Before the pool forks: its processes claim a job as stale after seconds, not half an hour.
    tasks.STALE_AFTER = timedelta(seconds=float(os.environ["FAULTS_STALE_AFTER"]))
hang = os.environ.get("FAULTS_HANG", "")
if hang:
    kind, after = hang.split(":")
    marker, calls = pathlib.Path(os.environ["FAULTS_MARKER"]), [0]

    def stopping(original):
        def wrapper(*args, **kwargs):
            calls[0] += 1
            # Once per worker: a pool process forked after the first one was killed works on.
            if calls[0] > int(after) and not marker.exists():
                marker.write_text(str(os.getpid()))
                time.sleep(3600)  # killed here, inside the task's open transaction
            return original(*args, **kwargs)
        return wrapper

    if kind == "import":
        from sellers.imports import writing

        writing.Writer.save = stopping(writing.Writer.save)
    else:
        from catalog.search import documents
        from catalog.search.models import ProductSearchDocument

        documents.BATCH_SIZE = 20
        ProductSearchDocument.objects.bulk_create = stopping(ProductSearchDocument.objects.bulk_create)
app.worker_main(["worker", f"--pool={os.environ['FAULTS_POOL']}", "--concurrency=1", "--loglevel=warning",
                 "--without-heartbeat", "--without-mingle", "--without-gossip",
                 "--hostname", os.environ["FAULTS_HOSTNAME"]])
"""


def database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """A Celery worker subprocess on this test's database and the faults' broker."""

    def __init__(self, tmp_path, name, *, hang="", visibility=3600, pool="solo", stale_after=None):
        self.marker = tmp_path / f"{name}.stopped"
        self.log = open(tmp_path / f"{name}.log", "w+")  # noqa: SIM115  (closed in stop())
        env = {
            **os.environ, "DJANGO_SETTINGS_MODULE": "marketplace.settings.test", "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": BROKER, "CELERY_RESULT_BACKEND": RESULTS, "REDIS_URL": "",
            "FAULTS_HANG": hang, "FAULTS_MARKER": str(self.marker), "FAULTS_VISIBILITY": str(visibility),
            "FAULTS_HOSTNAME": f"faults-{name}@%h", "FAULTS_POOL": pool,
            "FAULTS_STALE_AFTER": "" if stale_after is None else str(stale_after.total_seconds()),
        }
        self.process = subprocess.Popen([sys.executable, "-c", WORKER], cwd=django_settings.BASE_DIR, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)

    def output(self):
        self.log.seek(0)
        return self.log.read()

    def wait_for_marker(self, timeout=90):
        deadline = time.monotonic() + timeout
        while not self.marker.exists():
            assert self.process.poll() is None, f"the worker exited:\n{self.output()}"
            assert time.monotonic() < deadline, f"the worker never reached the stop point:\n{self.output()}"
            time.sleep(0.2)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def kill_the_process_running_the_task(self):
        """With the prefork pool, the child the task runs in (what the OOM killer picks), not the worker."""
        child = int(self.marker.read_text())
        assert child != self.process.pid
        os.kill(child, signal.SIGKILL)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


@pytest.fixture
def workers(tmp_path):
    import redis

    redis.Redis.from_url(BROKER).flushdb()  # the faults' own database: no message of an earlier run
    started = []

    def start(name, **options):
        worker = Worker(tmp_path, name, **options)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def faults_broker():
    """The test process sends to the faults' broker (and does not run tasks eagerly)."""
    conf = celery_app.conf
    # Celery fixes the read and write URLs from broker_url when it is configured: all three move.
    names = ("task_always_eager", "broker_url", "broker_read_url", "broker_write_url")
    saved = {name: conf[name] for name in names}
    pools = (celery_app._pool, celery_app.amqp._producer_pool)
    conf.update(task_always_eager=False, broker_url=BROKER, broker_read_url=BROKER, broker_write_url=BROKER)
    celery_app._pool = celery_app.amqp._producer_pool = None
    yield
    conf.update(saved)
    celery_app._pool, celery_app.amqp._producer_pool = pools


def broker_is_idle() -> bool:
    """No message waiting and none delivered but unacknowledged."""
    import redis

    client = redis.Redis.from_url(BROKER)
    return client.llen("celery") == 0 and client.hlen("unacked") == 0


def wait_until(condition, what, worker, timeout=120):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what} within {timeout} s:\n{worker.output()}"
        time.sleep(0.25)


def test_the_visibility_timeout_outlasts_a_stale_import():
    visibility = timedelta(seconds=django_settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"])
    assert visibility > import_tasks.STALE_AFTER
    assert (django_settings.CELERY_TASK_ACKS_LATE, django_settings.CELERY_TASK_REJECT_ON_WORKER_LOST) == (True, True)


# A seller's import ----------------------------------------------------------------------------

ROWS = 120


def import_state(seller):
    return (
        Product.objects.filter(seller=seller).count(),
        StockRecord.objects.filter(partner=seller).count(),
    )


def test_a_worker_killed_mid_import_leaves_no_product_and_the_job_completes_once_delivered_again(
    tmp_path, workers, faults_broker, make_seller, product_types, tea_category, settings,
):
    settings.PRIVATE_MEDIA_ROOT = settings.BASE_DIR / ".test-media-private"  # the worker's (settings/test.py)
    seller = make_seller()
    rows = [row(sku=f"CHE-{n:04d}", name=f"Chè búp Tân Cương loại {n}", price="150.000") for n in range(ROWS)]
    job = ImportJob(seller=seller, original_name="san-pham.csv", status=ImportJob.Status.QUEUED, total=ROWS)
    job.file.save("san-pham.csv", ContentFile(csv_bytes(rows)), save=False)
    job.save()
    try:
        first = workers("import-1", hang="import:60")
        run_import.delay(job.pk)
        first.wait_for_marker()
        first.kill()

        # Sixty rows were written in the import's transaction; the kill rolled all of them back.
        job.refresh_from_db()
        assert import_state(seller) == (0, 0)
        assert (job.status, job.done, job.created_count) == ("running", 0, 0)

        # Celery delivers the message again after the visibility timeout, by then the job is stale.
        ImportJob.objects.filter(pk=job.pk).update(
            started_at=timezone.now() - import_tasks.STALE_AFTER - timedelta(minutes=1)
        )
        second = workers("import-2", visibility=1)
        wait_until(lambda: ImportJob.objects.get(pk=job.pk).is_finished, "the import did not finish", second)
        wait_until(broker_is_idle, "the redelivered message was not acknowledged", second)

        job.refresh_from_db()
        assert (job.status, job.created_count, job.updated_count, job.errors) == ("done", ROWS, 0, [])
        assert import_state(seller) == (ROWS, ROWS)
        assert sorted(StockRecord.objects.filter(partner=seller).values_list("partner_sku", flat=True)) == [
            f"CHE-{n:04d}" for n in range(ROWS)
        ]

        # A duplicate delivery of the same job changes nothing.
        run_import.delay(job.pk)
        wait_until(broker_is_idle, "the duplicate was not acknowledged", second)
        assert import_state(seller) == (ROWS, ROWS)
        assert ImportJob.objects.get(pk=job.pk).created_count == ROWS
    finally:
        job.file.delete(save=False)


# The prefork pool's worker claims a job as stale after this instead of STALE_AFTER: long enough that
# no second run can start before the test has looked at what the killed one left, short enough to wait for.
PREFORK_STALE_AFTER = timedelta(seconds=10)


def test_a_job_whose_pool_process_was_killed_is_redelivered_at_once_and_completes_once_stale(
    tmp_path, workers, faults_broker, make_seller, product_types, tea_category, settings,
):
    settings.PRIVATE_MEDIA_ROOT = settings.BASE_DIR / ".test-media-private"
    seller = make_seller()
    rows = [row(sku=f"CHE-{n:04d}", name=f"Chè búp Tân Cương loại {n}", price="150.000") for n in range(20)]
    job = ImportJob(seller=seller, original_name="san-pham.csv", status=ImportJob.Status.QUEUED, total=20)
    job.file.save("san-pham.csv", ContentFile(csv_bytes(rows)), save=False)
    job.save()
    try:
        worker = workers("import-prefork", hang="import:10", pool="prefork", stale_after=PREFORK_STALE_AFTER)
        run_import.delay(job.pk)
        worker.wait_for_marker()
        worker.kill_the_process_running_the_task()
        job.refresh_from_db()
        assert import_state(seller) == (0, 0)
        assert job.status == "running"
        killed_run_started = job.started_at

        # The worker notices its lost child and rejects the message (CELERY_TASK_REJECT_ON_WORKER_LOST):
        # delivered again at once, the run finds the job running and comes back once it is stale.
        wait_until(lambda: ImportJob.objects.get(pk=job.pk).is_finished, "the import did not finish", worker)
        wait_until(broker_is_idle, "the redelivered message was not acknowledged", worker)
        job.refresh_from_db()
        # A second run doing the work again would have found the products there: created 0, unchanged 20.
        assert (job.status, job.created_count, job.updated_count, job.unchanged_count, job.errors) == (
            "done", 20, 0, 0, [])
        # Claimed again only as stale: never while the killed run could still have been at work.
        assert job.started_at >= killed_run_started + PREFORK_STALE_AFTER
        assert import_state(seller) == (20, 20)
        assert sorted(StockRecord.objects.filter(partner=seller).values_list("partner_sku", flat=True)) == [
            f"CHE-{n:04d}" for n in range(20)
        ]
    finally:
        job.file.delete(save=False)


# A search rebuild -----------------------------------------------------------------------------

PRODUCTS = 100


def test_a_worker_killed_mid_rebuild_leaves_every_product_a_document_and_the_rebuild_completes(
    tmp_path, workers, faults_broker, make_seller,
):
    seller = make_seller()
    tea, _ = ProductClass.objects.get_or_create(name="Đồ uống", defaults={"ocop_group": 2})
    Product.objects.bulk_create([
        Product(title=f"Chè búp số {n}", slug=f"che-bup-so-{n}", product_class=tea, seller=seller,
                structure=Product.STANDALONE, is_public=True)
        for n in range(PRODUCTS)
    ])
    assert documents.rebuild_all() == PRODUCTS
    # Renamed without signals: only a rebuild brings the new titles into the documents.
    for product in Product.objects.all():
        Product.objects.filter(pk=product.pk).update(title=f"Trà xanh số {product.title.rsplit(' ', 1)[1]}")

    def state():
        return (
            ProductSearchDocument.objects.count(),
            ProductSearchDocument.objects.filter(title__startswith=" tra xanh ").count(),
        )

    first = workers("rebuild-1", hang="rebuild:3")
    rebuild_index.delay()
    first.wait_for_marker()
    first.kill()

    # Three batches of twenty were committed; the fourth had deleted its documents when the worker
    # died, and that deletion rolled back with its batch: no product is left without a document.
    assert state() == (PRODUCTS, 60)
    assert set(ProductSearchDocument.objects.values_list("product_id", flat=True)) == set(
        Product.objects.values_list("pk", flat=True)
    )

    second = workers("rebuild-2", visibility=1)
    wait_until(lambda: state() == (PRODUCTS, PRODUCTS), "the rebuild did not complete", second)
    wait_until(broker_is_idle, "the redelivered rebuild was not acknowledged", second)
    assert state() == (PRODUCTS, PRODUCTS)
