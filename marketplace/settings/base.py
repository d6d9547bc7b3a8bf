"""Settings shared by every environment, read from the environment (12-factor).

Defaults are the embedded ones: SQLite, an in-process cache, eager Celery tasks and
database-backed search, so that a fresh clone runs with nothing installed.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's settings are the base we override)
from wagtail.embeds.oembed_providers import youtube as youtube_oembed

from marketplace.dashboard.navigation import dashboard_navigation
from marketplace.env import env_bool, env_list, env_str
from marketplace.money import VND_FORMAT
from marketplace.security import STOREFRONT_DIRECTIVES

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-do-not-use-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# How many reverse proxies in front of the app append the client's address to X-Forwarded-For
# (0: REMOTE_ADDR is the client); rate limits count per client address (marketplace.ratelimit).
TRUSTED_PROXIES = int(env_str("TRUSTED_PROXIES", "0"))

INSTALLED_APPS = [
    "marketplace.users",
    "marketplace",
    "marketplace.payments",
    "marketplace.payouts",
    "marketplace.admin_site.SuperuserAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # Oscar, with our forks in place of the apps we extend.
    "marketplace.shop.MarketplaceShop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "marketplace.checkout.apps.CheckoutConfig",
    "marketplace.address.apps.AddressConfig",
    "marketplace.shipping.apps.ShippingConfig",
    "catalog.apps.CatalogueConfig",
    "catalog.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "sellers.apps.PartnerConfig",
    "marketplace.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "marketplace.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "catalog.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "marketplace.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "marketplace.dashboard.orders.apps.OrdersDashboardConfig",
    "marketplace.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Our domain apps.
    "geo_indications",
    "cms",
    "marketplace.figures",
    # Wagtail.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
]

MIDDLEWARE = [
    # Outermost: a database lost mid-request answers a 503 page, not a traceback.
    "marketplace.db_unavailable.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "marketplace.security.MarketplaceCSPMiddleware",
    "marketplace.security.permissions_policy_middleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "marketplace.locale.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "marketplace.basket.middleware.BasketMiddleware",
    # Sign-in and password-reset forms over their limits get 429 (after the basket: the page needs it).
    "marketplace.ratelimit.RateLimitMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: read pages served whole to anonymous visitors, inside everything above (marketplace/caching.py).
    "marketplace.caching.PageCacheMiddleware",
]

# Security headers (marketplace.security): a strict Content-Security-Policy with a per-request nonce
# for the storefront and CMS pages, relaxed only for the back offices.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": STOREFRONT_DIRECTIVES}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                # Not Oscar's notification count: the header's account links count them themselves,
                # on stored pages too (marketplace/personal_parts.py).
                "oscar.core.context_processors.metadata",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env_str("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's default random_page_cost (4) prices pages as if read from a spinning disk, so the
    # planner scans every search document rather than use the full-text index for a broad word
    # ("chè" matches 60% of them): twice as slow when, as here, the tables live in memory. Even at
    # 1.1 a freshly vacuumed table tipped it back; pricing random reads as sequential ones is what
    # PostgreSQL's manual advises for a database held in RAM. Parallel workers are off: on a web
    # server's few cores they take the CPU that concurrent requests need, and the planner chose them
    # for exactly those broad searches. DATABASE_PG_OPTIONS overrides both.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = env_str(
        "DATABASE_PG_OPTIONS", "-c random_page_cost=1 -c max_parallel_workers_per_gather=0"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    "marketplace.auth_backends.EmailBackend",
    "marketplace.auth_backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"

# Vietnamese first, English available.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
SITE_ID = 1

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "marketplace" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Papers sellers send (identity, certificates, GI rights, spreadsheets) are kept outside MEDIA_ROOT,
# which the web server publishes: marketplace/private_storage.py.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {"BACKEND": "marketplace.private_storage.PrivateStorage"},
}

# Cache: Redis when REDIS_URL is given, otherwise in-process memory.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down is a cache miss, not a 500 (marketplace/resilient_cache.py).
            "BACKEND": "marketplace.resilient_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ocop",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    # Sessions read from Redis (written through to the database, read from it on a miss or with
    # Redis down): a signed-in buyer's stored page then costs no query for its session. Not with
    # the in-process cache, which each server process would hold a copy of (a sign-out in one would
    # not reach the others).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Seconds a whole read page (anonymous visitors) and a template fragment are kept; any change to what
# they show invalidates them sooner (marketplace/caching.py). 0 turns them off.
PAGE_CACHE_SECONDS = int(env_str("PAGE_CACHE_SECONDS", "600"))
FRAGMENT_CACHE_SECONDS = int(env_str("FRAGMENT_CACHE_SECONDS", "600"))
# Seconds the province's figures are kept once computed (marketplace/figures/caching.py); 0: never kept.
FIGURES_CACHE_SECONDS = int(env_str("FIGURES_CACHE_SECONDS", "300"))

# Celery: a real broker when CELERY_BROKER_URL is given, otherwise tasks run eagerly in-process.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL or "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_BEAT_SCHEDULE = {
    "expire-unpaid-orders": {"task": "order.expire_unpaid_orders", "schedule": 300},
    # Certificates and GI rights expire by date; a nightly rebuild keeps facet counts on today's badges.
    "rebuild-search-index": {"task": "search.rebuild_index", "schedule": crontab(hour=2, minute=30)},
    # Reminders and cancellations are decided by the clock, so any interval is correct; this one is prompt.
    "enforce-accept-deadlines": {"task": "order.enforce_accept_deadlines", "schedule": 600},
    "retry-card-refunds": {"task": "payouts.retry_card_refunds", "schedule": 900},
    # Tasks the broker could not take when they were enqueued (marketplace/background.py).
    "send-pending-tasks": {"task": "marketplace.send_pending_tasks", "schedule": 60},
    # The figures of the preset periods, replaced before the kept ones expire (marketplace/figures/tasks.py).
    "keep-figures-computed": {"task": "figures.keep_presets_computed",
                              "schedule": max(60, FIGURES_CACHE_SECONDS * 4 // 5)},
}
# A broker that is down must not hold a request for long: the outbox keeps what could not be sent
# (marketplace/background.py). Celery's default retries a publish three times; one quick retry rides
# over a blip.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
# Redis redelivers a task whose worker died (acks_late) after this many seconds; it must exceed the
# longest task (a full search rebuild, a 5,000-row import), or a running task would start twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 2}
CELERY_ACCEPT_CONTENT = ["json"]

# Search: the database backend unless an Elasticsearch cluster is given.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
# Oscar still needs haystack configured, although our own search serves the pages.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# E-mail: printed to the console unless an SMTP host is given.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(env_str("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Sàn OCOP Thái Nguyên <no-reply@ocop.local>")
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Payments (used by the checkout; empty keys disable a method).
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "")  # empty: Stripe's own API; tests point it at a double
BANK_TRANSFER_WEBHOOK_API_KEY = env_str("BANK_TRANSFER_WEBHOOK_API_KEY", "")
# How long an order keeps its stock while waiting for payment.
PAYMENT_DEADLINE_MINUTES = int(env_str("PAYMENT_DEADLINE_MINUTES", "60"))
# Payment methods the checkout offers, in this order ("vietqr", "card"); card also needs Stripe keys.
PAYMENT_METHODS = env_list("PAYMENT_METHODS", ["vietqr", "card"])
VIETQR_BANK_BIN = env_str("VIETQR_BANK_BIN", "970436")
VIETQR_ACCOUNT_NUMBER = env_str("VIETQR_ACCOUNT_NUMBER", "0011001234567")
VIETQR_ACCOUNT_NAME = env_str("VIETQR_ACCOUNT_NAME", "SAN OCOP THAI NGUYEN")
# A paid order's part not accepted by its seller: reminded after this many hours, cancelled and
# refunded after that many (counted from payment).
ORDER_ACCEPT_REMINDER_HOURS = int(env_str("ORDER_ACCEPT_REMINDER_HOURS", "24"))
ORDER_ACCEPT_DEADLINE_HOURS = int(env_str("ORDER_ACCEPT_DEADLINE_HOURS", "72"))
# The marketplace's commission on a seller's goods (not shipping), in percent; per-seller rates
# override it (payouts.CommissionRate).
MARKETPLACE_COMMISSION_PERCENT = env_str("MARKETPLACE_COMMISSION_PERCENT", "5")

# Oscar.
OSCAR_SHOP_NAME = env_str("SHOP_NAME", "Sàn OCOP Thái Nguyên")
OSCAR_SHOP_TAGLINE = _("Đặc sản OCOP và chỉ dẫn địa lý")
OSCAR_DEFAULT_CURRENCY = "VND"
OSCAR_CURRENCY_FORMAT = {"VND": {"format": VND_FORMAT}}
# The home page in the visitor's language: "/" in Vietnamese, "/en/" (its translation) in English.
OSCAR_HOMEPAGE = reverse_lazy("wagtail_serve", args=[""])
OSCAR_SLUG_FUNCTION = "marketplace.text.slugify_vi"
OSCAR_ALLOW_ANON_CHECKOUT = True
# Reviews: only signed-in buyers who received the product (catalog.reviews.eligibility), shown
# once province staff approve them.
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
# Staff see Oscar's menu; a seller sees only its own shop's pages (marketplace.dashboard.navigation).
OSCAR_DASHBOARD_NAVIGATION = dashboard_navigation(OSCAR_DASHBOARD_NAVIGATION)  # noqa: F405

# The province this deployment serves (official statistics office code; Thái Nguyên = 19).
MARKETPLACE_PROVINCE_CODE = int(env_str("MARKETPLACE_PROVINCE_CODE", "19"))

# Bulk listing from a spreadsheet (sellers/imports): rows per file and upload size.
SELLER_IMPORT_MAX_ROWS = int(env_str("SELLER_IMPORT_MAX_ROWS", "5000"))
SELLER_IMPORT_MAX_BYTES = int(env_str("SELLER_IMPORT_MAX_BYTES", str(10 * 1024 * 1024)))

# Wagtail.
WAGTAIL_SITE_NAME = OSCAR_SHOP_NAME
# Base URL for links in e-mails and the CMS.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL
# Pages and snippets in Vietnamese (default) and English, translated with simple_translation.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Video blocks embed only players the storefront's CSP lets pages frame (marketplace.security.EMBED_ORIGINS:
# YouTube and Facebook); an address of any other provider is refused when the block is saved. The
# player's HTML is shown as the provider sends it, so the list is also the list of HTML we trust.
# Facebook's oEmbed answers only with an app's token (FACEBOOK_APP_ID, FACEBOOK_APP_SECRET); its
# script is left out, which the CSP would block anyway.
WAGTAILEMBEDS_FINDERS = [
    {"class": "wagtail.embeds.finders.oembed", "providers": [youtube_oembed]},
    {"class": "wagtail.embeds.finders.facebook", "omitscript": True,
     "app_id": env_str("FACEBOOK_APP_ID", ""), "app_secret": env_str("FACEBOOK_APP_SECRET", "")},
]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per background task and per page action is noise at INFO for a marketplace.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
