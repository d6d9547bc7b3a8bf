"""Tests: whatever database and broker the environment names, with fast hashing."""

from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-media-private"  # noqa: F405
WHITENOISE_AUTOREFRESH = True

# pytest runs with --reuse-db; SQLite's default test database lives in memory and cannot be kept,
# so it is a file beside the database DATABASE_URL names (db.sqlite3 → db.test.sqlite3).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _name = Path(DATABASES["default"]["NAME"])  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(_name.with_name(_name.stem + ".test.sqlite3"))}  # noqa: F405

# Tests run inside transactions that never commit, so on-commit indexing would never happen: the
# search index is updated as soon as a product changes (tests of the batching turn this off).
SEARCH_INDEX_EAGERLY = True

# Tests roll their rows back without a signal, so pages and fragments cached in one test could show
# in the next: off, except in the tests of caching itself (tests/test_page_caching.py).
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0
FIGURES_CACHE_SECONDS = 0  # on in tests/test_figures_caching.py
