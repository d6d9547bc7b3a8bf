from django.http import HttpResponse
from django.urls import reverse
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
