"""Vietnamese first: the site speaks Vietnamese unless the visitor chose English on it."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without the browser's Accept-Language header.

    A phone set to English would otherwise turn the marketplace English for a Vietnamese buyer;
    only the language switch (the language cookie) changes the language. Wagtail's pages are the
    exception: their address says their language (i18n_patterns in marketplace/urls.py).
    """

    def process_request(self, request):
        # CMS pages carry their language in their address (/en/… English, no prefix Vietnamese).
        language = translation.get_language_from_path(request.path_info)
        if language is None:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            supported = {code for code, _name in settings.LANGUAGES}
            language = chosen if chosen in supported else settings.LANGUAGE_CODE
            if language != settings.LANGUAGE_CODE and not _shop_path(request, language):
                # An address without a prefix that only Wagtail answers is a Vietnamese page.
                language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def _shop_path(request, language) -> bool:
    """Whether the shop (not Wagtail) answers this path: its pages speak the visitor's language."""
    with translation.override(language):
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return False
    return match.url_name != "wagtail_serve"
