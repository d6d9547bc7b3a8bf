"""Django's Redis cache, except that Redis being down is a cache miss, not a server error.

Everything the shop keeps in the cache can be recomputed or is only a convenience: facet counts and
the search generation (recomputed from the database), thumbnails' key-value store (sorl re-reads the
database), import progress (the job's row still tells its status), rate-limit counters (fail open: a
flood of applications is rarer than an outage, and the forms still validate). So when Redis does not
answer, reads miss, writes are dropped and the pages go on; a warning is logged once per outage.

After a failure Redis is left alone for `PAUSE_SECONDS`: a page makes several cache calls and each
would otherwise wait for its own connection attempt.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
PAUSE_SECONDS = 5.0


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, making one redis-py client per connection pool instead of one per cache call:
    each new one builds its table of response callbacks again (about 0.2 ms), and a page makes ten
    or so calls. A redis-py client may be shared between threads: its pool lends each command a
    connection."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """A RedisCache that logs and misses while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._down_until = 0.0

    def _attempt(self, operation, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return operation(*args, **kwargs)
        except UNREACHABLE as exc:
            if not self._down_until:
                logger.warning("Redis (bộ nhớ đệm) không trả lời (%s); các trang chạy tiếp không có bộ nhớ đệm.", exc)
            self._down_until = time.monotonic() + PAUSE_SECONDS
            return fallback

    def _answered(self):
        if self._down_until and time.monotonic() >= self._down_until:
            logger.info("Redis (bộ nhớ đệm) trả lời trở lại.")
        self._down_until = 0.0

    def _call(self, name, fallback, *args, **kwargs):
        missing = object()
        result = self._attempt(getattr(super(), name), missing, *args, **kwargs)
        if result is missing:
            return fallback
        self._answered()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call("incr", missing, key, delta, version)
        if result is missing:
            # What a cache that lost the key says; callers already handle it (they set a fresh value).
            raise ValueError(f"Key '{key}' not found (Redis unreachable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that failed to be inserted.
        return self._call("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)
