"""Production settings as bench/load.py serves them: only what the benchmark itself needs is added.

Plain HTTP on 127.0.0.1 (no HTTPS redirect), the bare view's URL, and a middleware that reports how
many SQL queries each response took. Production itself stays as it is.
"""

from marketplace.settings.production import *  # noqa: F403
from marketplace.settings.production import MIDDLEWARE

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
ROOT_URLCONF = "bench.load_urls"
# Outermost, so that the count includes the session, basket and cache middleware's own queries.
MIDDLEWARE = ["bench.load_urls.sql_count_middleware", *MIDDLEWARE]
