"""The site's URLs plus the bare view bench/load.py compares every page with, and the middleware
that reports each response's SQL query count in a header (X-SQL-Queries)."""

from django.db import connections
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from marketplace.urls import urlpatterns as site_urlpatterns

# One row is about 100 bytes; the bench asks for as many as make the home page's size.
BARE_TEMPLATE = engines["django"].from_string(
    "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ title }}</title></head><body>"
    "<ol>{% for row in rows %}<li class=\"row\"><a href=\"/catalogue/{{ row }}/\">Sản phẩm số {{ row }}"
    "</a> <span>{{ title }}</span></li>\n{% endfor %}</ol></body></html>"
)


def bare(request):
    """No database, no session: Django and a template render of the requested size."""
    size = min(int(request.GET.get("bytes", "50000") or 0), 2_000_000)
    rows = range(max(1, size // 100))
    return HttpResponse(BARE_TEMPLATE.render({"title": "Trang trần", "rows": rows}))


def sql_count_middleware(get_response):
    def middleware(request):
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        wrappers = [connection.execute_wrapper(counter) for connection in connections.all()]
        for wrapper in wrappers:
            wrapper.__enter__()
        try:
            response = get_response(request)
        finally:
            for wrapper in reversed(wrappers):
                wrapper.__exit__(None, None, None)
        response["X-SQL-Queries"] = str(count[0])
        return response

    return middleware


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
