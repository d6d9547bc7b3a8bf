"""Settings come from the environment; production refuses to start insecurely."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marketplace.env import env_bool, env_list

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, django; from django.conf import settings as s; django.setup(); print(json.dumps({"
    "'engine': s.DATABASES['default']['ENGINE'], 'db': str(s.DATABASES['default']['NAME']),"
    "'cache': s.CACHES['default']['BACKEND'], 'eager': s.CELERY_TASK_ALWAYS_EAGER,"
    "'broker': s.CELERY_BROKER_URL, 'es': s.ELASTICSEARCH_URL, 'debug': s.DEBUG,"
    "'hosts': s.ALLOWED_HOSTS, 'lang': s.LANGUAGE_CODE, 'tz': s.TIME_ZONE,"
    "'currency': s.OSCAR_DEFAULT_CURRENCY, 'stripe': s.STRIPE_SECRET_KEY}))"
)
SETTING_NAMES = (
    "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "ELASTICSEARCH_URL",
    "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "STRIPE_SECRET_KEY",
)


def run_with(settings_module, **env):
    clean = {k: v for k, v in os.environ.items() if k not in SETTING_NAMES}
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_embedded_defaults_need_nothing_installed():
    result = run_with("marketplace.settings.dev")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["db"].endswith("db.sqlite3")
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["eager"] is True
    assert values["es"] == ""
    assert values["debug"] is True
    assert (values["lang"], values["tz"], values["currency"]) == ("vi", "Asia/Ho_Chi_Minh", "VND")


def test_services_are_chosen_by_the_environment():
    result = run_with(
        "marketplace.settings.dev",
        DATABASE_URL="postgres://ocop@db.internal:5432/ocop",
        REDIS_URL="redis://cache.internal:6379/1",
        CELERY_BROKER_URL="redis://cache.internal:6379/0",
        ELASTICSEARCH_URL="http://search.internal:9200",
        DEBUG="false",
        ALLOWED_HOSTS="ocop.thainguyen.gov.vn, www.ocop.thainguyen.gov.vn",
        STRIPE_SECRET_KEY="sk_test_123",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["db"] == "ocop"
    assert values["cache"] == "marketplace.resilient_cache.ResilientRedisCache"  # Redis down is a miss
    assert values["eager"] is False
    assert values["broker"] == "redis://cache.internal:6379/0"
    assert values["es"] == "http://search.internal:9200"
    assert values["debug"] is False
    assert values["hosts"] == ["ocop.thainguyen.gov.vn", "www.ocop.thainguyen.gov.vn"]
    assert values["stripe"] == "sk_test_123"


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with("marketplace.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_the_deployment_checklist():
    env = {k: v for k, v in os.environ.items() if k not in SETTING_NAMES}
    env.update(
        DJANGO_SETTINGS_MODULE="marketplace.settings.production",
        SECRET_KEY="k" * 20 + "-a-long-random-production-secret-for-tests-only-9f3c",
        ALLOWED_HOSTS="ocop.thainguyen.gov.vn",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_boolean_flags_are_strict(monkeypatch):
    monkeypatch.setenv("DEBUG", "Yes")
    assert env_bool("DEBUG", False) is True
    monkeypatch.setenv("DEBUG", "0")
    assert env_bool("DEBUG", True) is False
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ValueError, match="DEBUG='maybe' is not a boolean"):
        env_bool("DEBUG", False)


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "a.vn, ,b.vn")
    assert env_list("ALLOWED_HOSTS", []) == ["a.vn", "b.vn"]
    monkeypatch.delenv("ALLOWED_HOSTS")
    assert env_list("ALLOWED_HOSTS", ["x"]) == ["x"]


@pytest.mark.django_db
def test_postgresql_connections_price_pages_as_cached_ones_and_run_no_parallel_workers():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1",)
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)
