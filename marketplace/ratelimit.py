"""Rate limits against brute force and floods: counters in the cache, per IP and per account.

Sign-in forms (the shop's, checkout's, the dashboard's, Wagtail's and Django's admin) count failed sign-ins,
as Django reports them (`user_login_failed`), both for the client's address and for the account
named: one address cannot try many accounts, and many addresses cannot hammer one account. Once
either count is over its limit, the form's POSTs are answered 429 until the window ends: nobody is
locked out for longer than that, and a successful sign-in clears its account's count.
Password-reset forms count every POST, as each one sends an e-mail.
The seller application form counts its POSTs per address (sellers.views).

With the cache down the counters cannot be kept and the limits fail open: the forms keep working.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXIES reverse proxies, the address
    the first of them saw in X-Forwarded-For (entries further left are written by the client)."""
    proxies = int(getattr(settings, "TRUSTED_PROXIES", 0))
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, key: str) -> str:
    return f"ratelimit:{scope}:{key}"


def hit(scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit; False once more than `limit` hits fell in the current window."""
    cache_key = _key(scope, key)
    # add() starts the window only if no counter exists; incr() is atomic in Redis and locmem.
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    return count <= limit


def count(scope: str, key: str) -> int:
    return cache.get(_key(scope, key)) or 0


def reset(scope: str, key: str) -> None:
    cache.delete(_key(scope, key))


@dataclass(frozen=True)
class Limit:
    """Up to `per_ip` and `per_account` counted events in `window` seconds (from settings)."""

    scope: str
    per_ip: str
    per_account: str
    window: str
    defaults: tuple[int, int, int]

    def values(self) -> tuple[int, int, int]:
        names = (self.per_ip, self.per_account, self.window)
        return tuple(int(getattr(settings, name, default)) for name, default in zip(names, self.defaults, strict=True))


# Ten wrong passwords for one account in 15 minutes is more than a person mistyping; fifty from one
# address leaves room for an office or a mobile network's shared address.
LOGIN = Limit("login-failed", "RATELIMIT_LOGIN_FAILURES_PER_IP", "RATELIMIT_LOGIN_FAILURES_PER_ACCOUNT",
              "RATELIMIT_LOGIN_WINDOW_SECONDS", (50, 10, 15 * 60))
PASSWORD_RESET = Limit("password-reset", "RATELIMIT_PASSWORD_RESETS_PER_IP",
                       "RATELIMIT_PASSWORD_RESETS_PER_ACCOUNT", "RATELIMIT_PASSWORD_RESET_WINDOW_SECONDS",
                       (20, 5, 60 * 60))

@dataclass(frozen=True)
class SignInForm:
    """The POST fields that may name the account, and, for a form that is not always a sign-in,
    the (field, value) that makes a POST one."""

    account_fields: tuple[str, ...]
    signs_in_when: tuple[str, str] | None = None

    def is_sign_in(self, post) -> bool:
        return self.signs_in_when is None or post.get(self.signs_in_when[0]) == self.signs_in_when[1]


# Oscar's shop form prefixes its fields; checkout's first step signs in only a returning customer
# (a guest from a blocked address still buys).
SIGN_IN_PATHS = {
    "/accounts/login/": SignInForm(("login-username",)),
    "/dashboard/login/": SignInForm(("username",)),
    "/cms-admin/login/": SignInForm(("username",)),
    "/django-admin/login/": SignInForm(("username",)),
    "/checkout/": SignInForm(("username",), signs_in_when=("options", "existing")),
}
PASSWORD_RESET_PATHS = {
    "/password-reset/": ("email",),
    "/cms-admin/password_reset/": ("email",),
}


def _account(value) -> str:
    return (value or "").strip().casefold()[:254]


def _account_from(request, fields) -> str:
    return next((_account(request.POST.get(field)) for field in fields if request.POST.get(field)), "")


def _blocked(limit: Limit, ip: str, account: str) -> bool:
    per_ip, per_account, _window = limit.values()
    return count(f"{limit.scope}:ip", ip) >= per_ip or (
        bool(account) and count(f"{limit.scope}:account", account) >= per_account
    )


def _count(limit: Limit, ip: str, account: str) -> None:
    per_ip, per_account, window = limit.values()
    hit(f"{limit.scope}:ip", ip, per_ip, window)
    if account:
        hit(f"{limit.scope}:account", account, per_account, window)


@receiver(user_login_failed, dispatch_uid="ratelimit-login-failed")
def _count_failed_sign_in(sender, credentials, request=None, **kwargs):
    if request is None:  # authenticate() called outside a request (tests, shell): nothing to limit
        return
    account = _account(credentials.get("username") or credentials.get("email"))
    _count(LOGIN, client_ip(request), account)


@receiver(user_logged_in, dispatch_uid="ratelimit-logged-in")
def _clear_account_on_sign_in(sender, request, user, **kwargs):
    # The address's count stays: an attacker's own good sign-in must not wipe it.
    for value in {user.get_username(), getattr(user, "email", "")}:
        if value:
            reset(f"{LOGIN.scope}:account", _account(value))


def _too_many(request, message: str, window: int):
    response = render(request, "marketplace/too_many_attempts.html", {"message": message}, status=429)
    response["Retry-After"] = str(window)
    return response


class RateLimitMiddleware:
    """Refuses sign-in and password-reset POSTs over their limits before the form is read.

    In process_view, so that Django's CSRF check (earlier in MIDDLEWARE) has refused a forged POST
    first: a POST without a valid token never counts against anyone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        path = request.path_info
        if path in SIGN_IN_PATHS and SIGN_IN_PATHS[path].is_sign_in(request.POST):
            ip, account = client_ip(request), _account_from(request, SIGN_IN_PATHS[path].account_fields)
            if _blocked(LOGIN, ip, account):
                window = LOGIN.values()[2]
                return _too_many(request, _(
                    "Có quá nhiều lần đăng nhập sai từ mạng của bạn hoặc vào tài khoản này. Vì an toàn, "
                    "hãy đợi khoảng %(minutes)s phút rồi thử lại, hoặc đặt lại mật khẩu nếu bạn quên."
                ) % {"minutes": window // 60}, window)
        elif path in PASSWORD_RESET_PATHS:
            ip, account = client_ip(request), _account_from(request, PASSWORD_RESET_PATHS[path])
            if _blocked(PASSWORD_RESET, ip, account):
                window = PASSWORD_RESET.values()[2]
                return _too_many(request, _(
                    "Đã có quá nhiều yêu cầu đặt lại mật khẩu cho địa chỉ này hoặc từ mạng của bạn. "
                    "Hãy kiểm tra hộp thư (cả thư rác) hoặc đợi khoảng %(minutes)s phút rồi thử lại."
                ) % {"minutes": window // 60}, window)
            _count(PASSWORD_RESET, ip, account)
        return None
