"""Relevance of every available search backend over the judged queries (tests/search_judgements.py).

    DATABASE_URL=… python manage.py load_demo
    DATABASE_URL=… python bench/search_relevance.py [-v]

Prints precision@5 and nDCG@10 per backend (Elasticsearch too when ELASTICSEARCH_URL is set);
-v lists the queries that score below 1.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from catalog.search.backends.database import DatabaseBackend  # noqa: E402
from catalog.search.relevance import evaluate, mean  # noqa: E402
from tests.search_judgements import JUDGEMENTS  # noqa: E402


def backends():
    yield DatabaseBackend()
    if settings.ELASTICSEARCH_URL:
        from catalog.search.backends.elastic import ElasticsearchBackend

        yield ElasticsearchBackend(settings.ELASTICSEARCH_URL)


def main(verbose=False):
    Product = get_model("catalogue", "Product")
    upc_of = dict(Product.objects.exclude(upc__startswith="GEN-").values_list("pk", "upc"))
    print(f"{len(JUDGEMENTS)} truy vấn đã đánh giá")
    for backend in backends():
        scores = evaluate(backend, JUDGEMENTS, upc_of)
        print(f"{backend.name:<14} precision@5 = {mean(s.precision for s in scores):.3f}   "
              f"nDCG@10 = {mean(s.ndcg for s in scores):.3f}")
        if verbose:
            for s in scores:
                if s.precision < 1 or s.ndcg < 1:
                    print(f"   {s.query!r}: P@5 {s.precision:.2f} nDCG@10 {s.ndcg:.2f} → {s.found[:5]}")


if __name__ == "__main__":
    main(verbose="-v" in sys.argv)
