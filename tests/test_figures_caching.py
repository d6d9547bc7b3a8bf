"""The figures are kept for FIGURES_CACHE_SECONDS once computed: the page says when they were computed,
answers without the figures' queries while they are kept, and computes them again on request."""

import csv
import io
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.celery import app as celery_app
from marketplace.figures import caching, queries, tasks
from marketplace.figures.periods import PRESETS, Period
from tests import figures_fixtures
from tests.figures_fixtures import local

pytestmark = pytest.mark.django_db
figures_market = figures_fixtures.figures_market

PAGE = "/cms-admin/figures/"
OCTOBER = {"start": "2026-10-01", "end": "2026-10-31"}
OCTOBER_PERIOD = Period(date(2026, 10, 1), date(2026, 10, 31))
SEPTEMBER_PERIOD = Period(date(2026, 9, 1), date(2026, 9, 30))


def _keys():
    today = timezone.localdate()
    periods = [OCTOBER_PERIOD, SEPTEMBER_PERIOD] + [period_of(today) for _label, period_of in PRESETS.values()]
    return [caching.section_key(section, period, today) for section in queries.SECTIONS for period in periods]


@pytest.fixture
def kept(settings):
    """Figures kept five minutes, on a cache holding none of this module's keys (the cache may be a
    Redis other tests share: only these keys are dropped, never the whole cache)."""
    settings.FIGURES_CACHE_SECONDS = 300
    cache.delete_many(_keys())
    yield
    cache.delete_many(_keys())


def october_sales(response):
    table = next(table for table in response.context["tables"] if table["figure"].slug == "don-hang-theo-thang")
    return table["figure"].rows[0]  # (month, placed, paid, sales)


def test_kept_figures_are_served_without_their_queries_until_computed_again(
    client, province_staff, figures_market, kept
):
    client.force_login(province_staff)
    first = client.get(PAGE, OCTOBER)
    assert october_sales(first) == (date(2026, 10, 1), 5, 4, 1_000_000)
    computed_at = first.context["computed_at"]

    figures_market["order"](local(2026, 10, 10, 10), [(figures_market["products"]["P3"], 1)])
    with CaptureQueriesContext(connection) as captured:
        again = client.get(PAGE, OCTOBER)
    fresh = client.get(PAGE, {**OCTOBER, "fresh": "1"})
    after = client.get(PAGE, OCTOBER)

    # Kept: the same figures and time, and no query reads an order line.
    assert october_sales(again) == (date(2026, 10, 1), 5, 4, 1_000_000)
    assert again.context["computed_at"] == computed_at
    assert not [query for query in captured.captured_queries if '"order_line"' in query["sql"]]
    # Computed again on request, and kept from then on.
    assert october_sales(fresh) == (date(2026, 10, 1), 6, 5, 1_200_000)
    assert fresh.context["computed_at"] > computed_at
    assert october_sales(after) == (date(2026, 10, 1), 6, 5, 1_200_000)


def test_the_page_says_when_its_figures_were_computed_and_how_long_they_are_kept(
    client, province_staff, figures_market, kept
):
    client.force_login(province_staff)

    response = client.get(PAGE, OCTOBER)

    page = response.content.decode()
    at = timezone.localtime(response.context["computed_at"])
    assert f"Số liệu tính lúc {at:%H:%M %d/%m/%Y}." in page
    assert "Số liệu đã tính được giữ tối đa 5 phút rồi tính lại" in page
    assert '<button type="submit" name="fresh" value="1"' in page
    assert '<input type="hidden" name="start" value="2026-10-01">' in page


def test_a_csv_export_uses_the_tables_the_page_kept(client, province_staff, figures_market, kept):
    client.force_login(province_staff)
    client.get(PAGE, OCTOBER)
    figures_market["order"](local(2026, 10, 10, 10), [(figures_market["products"]["P3"], 1)])

    response = client.get(f"{PAGE}csv/don-hang-theo-thang/", OCTOBER)

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["2026-10", "5", "4", "1000000"]


def test_each_period_has_its_own_figures_and_todays_state_is_shared(figures_market, kept):
    today = timezone.localdate()

    october, _at = caching.all_figures(OCTOBER_PERIOD, today)
    with CaptureQueriesContext(connection) as captured:
        september, _at = caching.all_figures(SEPTEMBER_PERIOD, today)

    assert [figure.rows for figure in october + september if figure.slug == "don-hang-theo-thang"] == [
        [(date(2026, 10, 1), 5, 4, 1_000_000)], [(date(2026, 9, 1), 1, 1, 550_000)]]
    # Sellers and products online are today's state: September reused October's.
    assert len(captured.captured_queries) == len(queries.SECTIONS) - len(caching.TODAYS_STATE)
    assert caching.section_key(queries.sellers, OCTOBER_PERIOD, today) == caching.section_key(
        queries.sellers, SEPTEMBER_PERIOD, today)
    assert caching.section_key(queries.sales_by_month, OCTOBER_PERIOD, today) != caching.section_key(
        queries.sales_by_month, SEPTEMBER_PERIOD, today)


def test_nothing_is_kept_when_the_setting_is_zero(client, province_staff, figures_market, settings):
    settings.FIGURES_CACHE_SECONDS = 0
    cache.delete_many(_keys())
    client.force_login(province_staff)
    client.get(PAGE, OCTOBER)
    figures_market["order"](local(2026, 10, 10, 10), [(figures_market["products"]["P3"], 1)])

    response = client.get(PAGE, OCTOBER)

    assert october_sales(response) == (date(2026, 10, 1), 6, 5, 1_200_000)
    assert "giữ tối đa" not in response.content.decode()
    assert cache.get_many(_keys()) == {}


def test_the_preset_periods_are_computed_before_anyone_asks(client, province_staff, figures_market, kept):
    assert tasks.keep_presets_computed() == 3
    client.force_login(province_staff)

    for preset in PRESETS:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(PAGE, {"preset": preset})
        assert response.status_code == 200
        assert not [query for query in captured.captured_queries if '"order_line"' in query["sql"]], preset


def test_nothing_is_computed_ahead_when_figures_are_not_kept(settings, figures_market):
    settings.FIGURES_CACHE_SECONDS = 0
    cache.delete_many(_keys())

    assert tasks.keep_presets_computed() == 0
    assert cache.get_many(_keys()) == {}


def test_the_presets_are_computed_again_before_the_kept_figures_expire():
    entry = celery_app.conf.beat_schedule["keep-figures-computed"]

    # The schedule follows base settings' default (figures kept 300 s), whatever the tests set.
    assert (entry["task"], entry["schedule"]) == ("figures.keep_presets_computed", 240)
