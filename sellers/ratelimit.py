"""A small per-IP counter in the cache, to slow down floods of application forms."""

from django.core.cache import cache


def client_ip(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is written by the client unless a trusted proxy sets it.
    # Behind a reverse proxy, the proxy must pass the client's address as REMOTE_ADDR.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit; False once more than `limit` hits fell in the current window."""
    cache_key = f"ratelimit:{scope}:{key}"
    # add() starts the window only if no counter exists; incr() is atomic in Redis and locmem.
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
