"""The per-IP counter moved to marketplace.ratelimit, which now also limits sign-in and password
reset; these names stay importable from here."""

from marketplace.ratelimit import client_ip, hit

__all__ = ["client_ip", "hit"]
