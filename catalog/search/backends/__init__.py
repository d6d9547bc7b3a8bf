"""Search backends behind one interface (base.py); `get_backend()` picks the configured one."""

import logging

from django.conf import settings

logger = logging.getLogger(__name__)


def get_backend():
    """Elasticsearch when ELASTICSEARCH_URL is set, otherwise the database; see FallbackBackend."""
    from catalog.search.backends.database import DatabaseBackend

    if not settings.ELASTICSEARCH_URL:
        return DatabaseBackend()
    from catalog.search.backends.elastic import ElasticsearchBackend, FallbackBackend

    return FallbackBackend(ElasticsearchBackend(settings.ELASTICSEARCH_URL), DatabaseBackend())
