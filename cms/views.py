from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import i18n
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# Pages for one visitor (basket, checkout, account), staff tools and machine endpoints.
PRIVATE_PATHS = (
    "/accounts/", "/basket/", "/checkout/", "/dashboard/", "/cms-admin/", "/django-admin/",
    "/payments/", "/api/",
)


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in PRIVATE_PATHS)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('cms:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def set_language(request):
    """Django's language switch, leading where the switch's button says (cms_tags.language_url).

    Django would translate `next` as a URL pattern: with Wagtail's pages under i18n_patterns, any
    page's address would just gain or lose /en/ rather than lead to its translation, whose slugs
    differ, or to the English home page when the page has no translation.
    """
    response = i18n.set_language(request)
    if response.status_code != 302:
        return response
    # Where Django would have gone before translating: `next`, else the page the switch was on.
    for target in (request.POST.get("next", request.GET.get("next")), request.META.get("HTTP_REFERER")):
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            response["Location"] = target
            break
    return response
