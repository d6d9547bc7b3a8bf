import pytest
from django.db import connection
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Page, Site

from cms.models import HomePage
from marketplace import caching, celery_app

pytest_plugins = ["tests.fixtures", "tests.seller_fixtures", "tests.browser_fixtures", "tests.checkout_fixtures",
                  "tests.order_fixtures", "tests.staff_fixtures"]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # Django flushes the database after a transactional test and restores the serialized rows only at
    # the start of the next serialized_rollback test; put them back at once, so tests that run later
    # (and the next --reuse-db run) find what migrations created: Wagtail's root page, staff groups.
    result = yield
    marker = item.get_closest_marker("django_db")
    contents = getattr(connection, "_test_serialized_contents", None)
    if marker and marker.kwargs.get("serialized_rollback") and contents:
        with item.config.stash[blocking_manager_key].unblock():
            connection.creation.deserialize_db_from_string(contents)
    return result


@pytest.fixture(autouse=True)
def _committed_rows_tasks_in_process(request):
    """A test whose rows are committed (transaction=True) runs the tasks they send in-process. CI's
    real worker reads the same test database: it could still be reading an order's rows when Django
    flushes the tables after the test, and the flush then deadlocks with it. The worker tests turn
    eagerness off themselves, for the tasks they mean the worker to run."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        yield
        return
    was = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = was
    # Celery marks "joining a result would block" in one process-wide flag around each eager task and
    # puts back what it found: eager tasks sent at once from several threads (concurrent buyers) can
    # leave it set, and a later test's result.get() would then refuse to wait for the real worker.
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def kept_fragments(settings):
    """Fragments and kept values as a running server keeps them (settings/test.py turns the caches
    off), each page still rendered: as for a signed-in visitor or one with a basket."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    settings.PAGE_CACHE_SECONDS = 0
    caching.bump_generation()  # nothing kept by an earlier test is reused


@pytest.fixture
def stored_pages(kept_fragments, settings):
    """Whole read pages stored too, as production serves them."""
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def home_page(db):
    """A published HomePage at the root of the default Wagtail site, as the demo loader makes it."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Sàn OCOP Thái Nguyên", slug="trang-chu"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "OCOP"},
    )
    return home
