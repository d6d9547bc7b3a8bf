"""Browse and search pages, served by the configured search backend (catalog/search/backends).

Every list page takes the same filter parameters in its URL (see params.py), so a filtered page can
be shared; a bad parameter is ignored with a message, never an error page.
"""

from dataclasses import asdict

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from catalog.ocop import OcopGroup
from catalog.search import params, service
from catalog.search.backends import get_backend
from catalog.search.facets import facet_groups, sort_options
from marketplace import caching

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


def listed_products():
    """What a list page loads of the products it found: only which they are, in order. Their cards
    are kept as fragments, and cached_cards loads for cards only the products whose card is not kept
    (loading all 24 for cards costs more than the rest of the page)."""
    return Product.objects.browsable().only("pk", "title", "slug")


class ProductListView(TemplateView):
    """A page of products found by the search backend, with facets and sorting."""

    summary = ""
    needs_query = False

    def scope(self) -> dict:
        """Filters fixed by the page itself (a category, an OCOP group)."""
        return {}

    def get(self, request, *args, **kwargs):
        query, errors = params.parse(request.GET)
        for error in errors:
            messages.warning(request, error)
        if self.scope():
            query = params.scoped(query, **self.scope())
        self.query = query
        if self.needs_query and not query.q:
            self.result = None
        else:
            self.query, self.result = service.run(query, listed_products())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result, query = self.result, self.query
        total = result.total if result else 0
        paginator = Paginator(range(total), query.per_page, allow_empty_first_page=True)
        page = paginator.get_page(query.page)
        page.object_list = result.products if result else []
        fixed = set(self.scope())
        context.update({
            "products": page.object_list,
            "paginator": paginator,
            "page_obj": page,
            "is_paginated": paginator.num_pages > 1,
            "summary": self.summary,
            "query": query.q,
            "search_result": result,
            "facet_groups": facet_groups(self.request.GET, result.facets, fixed) if result else [],
            "sort_options": sort_options(query.sort, has_query=bool(query.q)),
            "current_sort": query.sort,
            "spelling_suggestion": result.suggestion if result else "",
            "selected_facets": [],
        })
        if result is not None and not result.total:
            context["popular_categories"] = Category.get_root_nodes().filter(is_public=True)[:8]
        return context


class CatalogueView(ProductListView):
    template_name = "oscar/catalogue/browse.html"
    summary = gettext_lazy("Tất cả sản phẩm")


CATEGORIES = ["catalogue.Category"]


class ProductCategoryView(ProductListView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        # The category and its subtree are kept until a category is written (a move saves the node).
        self.category = caching.kept(
            f"category:{kwargs['pk']}", lambda: Category.objects.filter(pk=kwargs["pk"]).first(), reads=CATEGORIES
        )
        if self.category is None:
            raise Http404
        if not (self.category.is_public or request.user.is_staff):
            return redirect("catalogue:index")
        if request.path != self.category.get_absolute_url():
            return redirect(self.category.get_absolute_url(), permanent=True)
        return super().get(request, *args, **kwargs)

    @cached_property
    def _scope(self):
        subtree = caching.kept(
            f"category-subtree:{self.category.pk}",
            lambda: tuple(self.category.get_descendants_and_self().values_list("pk", flat=True)), reads=CATEGORIES,
        )
        return {"category_ids": subtree}

    def scope(self):
        # Read three times per request (parse, scope, context).
        return self._scope

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context


class OcopGroupView(ProductListView):
    """One of the six OCOP product groups (Decision 148/QĐ-TTg)."""

    template_name = "oscar/catalogue/browse.html"

    def get(self, request, *args, **kwargs):
        if kwargs["group"] not in OcopGroup.values:
            raise Http404(_("Không có nhóm OCOP này."))
        self.group = OcopGroup(kwargs["group"])
        return super().get(request, *args, **kwargs)

    def scope(self):
        return {"group": self.group.value}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("Nhóm %(number)s: %(label)s") % {
            "number": self.group.value, "label": self.group.label,
        }
        return context


class FacetedSearchView(ProductListView):
    template_name = "oscar/search/results.html"
    needs_query = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        q = self.query.q
        context["summary"] = _("Kết quả tìm kiếm «%(q)s»") % {"q": q} if q else ""
        return context


@require_GET
def suggest(request):
    """Suggestions while typing in the header search box: products, producers and GIs."""
    prefix = (request.GET.get("q") or "").strip()[: params.MAX_QUERY_LENGTH]
    suggestions = get_backend().suggest(prefix) if prefix else []
    response = JsonResponse(
        {"q": prefix, "suggestions": [asdict(s) for s in suggestions]}, json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = "public, max-age=60"
    return response
