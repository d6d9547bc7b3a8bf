"""The database backend keeps its measured relevance over the judged demo queries."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from catalog.models import Product
from catalog.search.backends.database import DatabaseBackend
from catalog.search.relevance import evaluate, mean, ndcg_at, precision_at
from tests.search_judgements import JUDGEMENTS

pytestmark = pytest.mark.django_db

# Measured with bench/search_relevance.py on the demo catalogue: 0.994 and 0.991 (November 2026).
PRECISION_AT_5_FLOOR = 0.95
NDCG_AT_10_FLOOR = 0.95


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for this module, then rolled back so other modules start empty."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")), \
            transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def test_there_are_at_least_forty_judged_queries_over_real_demo_products():
    upcs = set(Product.objects.values_list("upc", flat=True))
    assert len(JUDGEMENTS) >= 40
    assert {upc for _, relevant in JUDGEMENTS for upc in relevant} <= upcs


def test_database_backend_relevance_stays_above_its_floor():
    upc_of = dict(Product.objects.values_list("pk", "upc"))
    scores = evaluate(DatabaseBackend(), JUDGEMENTS, upc_of)
    assert mean(s.precision for s in scores) >= PRECISION_AT_5_FLOOR
    assert mean(s.ndcg for s in scores) >= NDCG_AT_10_FLOOR


def test_measures():
    assert precision_at(["a", "x", "b"], {"a", "b"}) == 1.0
    assert precision_at(["x", "y", "z", "w", "v", "a"], {"a"}) == 0.0
    assert ndcg_at(["a", "b"], {"a", "b"}) == 1.0
    assert round(ndcg_at(["x", "a"], {"a"}), 3) == 0.631
