"""Security headers: the Content-Security-Policy per part of the site, and Permissions-Policy.

The storefront and the CMS pages run only our own scripts: files from 'self', and the few inline
<script> tags the templates carry, each with the request's nonce. A payload that slipped through
escaping therefore cannot run there. So does Oscar's dashboard, where sellers work. Wagtail's and
Django's admin, for staff only, get a relaxed policy (see ADMIN_DIRECTIVES).
"""

import json
import logging
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger(__name__)

# Stripe Checkout is a hosted page: our card form POSTs to us and is redirected there, and Chrome
# applies form-action to that redirect.
STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com"

EMBED_ORIGINS = ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://www.facebook.com"]

STOREFRONT_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    # Oscar's storefront templates still carry a few style="" attributes (basket, checkout); a
    # style cannot run code, so inline styles are allowed while scripts stay strict.
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF, STRIPE_CHECKOUT_ORIGIN],
    # CMS video blocks embed the players of the providers staff paste (cms.blocks.VideoBlock).
    "frame-src": [SELF, *EMBED_ORIGINS],
    "frame-ancestors": [NONE],
    # Browsers report what the policy refused (csp_report below), so a page it breaks shows in the logs.
    "report-uri": ["/csp-report/"],
}

# Wagtail's admin inlines scripts and styles and frames its own preview, and Django's admin inlines
# a few scripts, so a nonce cannot cover them. Only signed-in staff reach these pages, and every
# text they show is escaped by the templates (tests/test_xss_corpus.py). Oscar's dashboard, which
# sellers use, keeps the storefront's policy: its inline start-up script carries the nonce
# (templates/oscar/base.html) and its few inline handlers are bound by page-actions.js instead.
ADMIN_DIRECTIVES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    # Wagtail shows editors' Gravatar pictures and image previews as blobs.
    "img-src": [SELF, "data:", "blob:", "https://www.gravatar.com"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}
ADMIN_PATH_PREFIXES = ("/cms-admin/", "/django-admin/")

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
                    "payment", "usb")
)


def stripe_form_origins() -> list[str]:
    """Where the card form may be redirected: Stripe, or the API base a test points it at."""
    base = getattr(settings, "STRIPE_API_BASE", "")
    if not base:
        return []
    parts = urlsplit(base)
    return [f"{parts.scheme}://{parts.netloc}"]


class MarketplaceCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if request.path_info.startswith(ADMIN_PATH_PREFIXES):
            # Replacing script-src drops the nonce too: a nonce in the header would make browsers
            # ignore 'unsafe-inline'.
            parts.replace = {**ADMIN_DIRECTIVES, **(parts.replace or {})}
        else:
            extra = stripe_form_origins()
            if extra:
                parts.update = {"form-action": extra, **(parts.update or {})}
        return parts


def permissions_policy_middleware(get_response):
    """No page of the marketplace needs the camera, location or sensors: say so to the browser."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware



# A report is a few hundred bytes; anything larger is not a browser's report.
CSP_REPORT_MAX_BYTES = 16 * 1024
CSP_REPORTS_PER_MINUTE = 60


@csrf_exempt  # browsers post reports without cookies or a token; the view only writes a log line
@require_POST
def csp_report(request):
    """Log one Content-Security-Policy violation report (a page the policy breaks, or an attack)."""
    from marketplace import ratelimit

    if not ratelimit.hit("csp-report", ratelimit.client_ip(request), CSP_REPORTS_PER_MINUTE, 60):
        return HttpResponse(status=429)
    if int(request.META.get("CONTENT_LENGTH") or 0) > CSP_REPORT_MAX_BYTES:
        return HttpResponse(status=413)
    try:
        report = json.loads(request.body or b"{}").get("csp-report", {})
    except (ValueError, AttributeError):
        return HttpResponse(status=400)
    if not isinstance(report, dict):
        return HttpResponse(status=400)
    logger.warning(
        "CSP refused %s on %s (%s)", str(report.get("blocked-uri", ""))[:200],
        str(report.get("document-uri", ""))[:200], str(report.get("violated-directive", ""))[:100],
    )
    return HttpResponse(status=204)
