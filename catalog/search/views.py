"""Browse and search pages served from the database.

Oscar's own views read a haystack index; ours list products straight from the catalogue with
everything a product card needs prefetched. The search issue adds relevance, facets and
Elasticsearch behind these same views.
"""

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.core.loading import get_model

from catalog.ocop import OcopGroup

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


class ProductListView(ListView):
    context_object_name = "products"
    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE
    summary = ""

    def get_queryset(self):
        return Product.objects.for_cards().order_by("-date_created", "-pk")

    def paginate_queryset(self, queryset, page_size):
        # A page past the end shows the last page rather than an error.
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = self.summary
        context["selected_facets"] = []
        return context


class CatalogueView(ProductListView):
    template_name = "oscar/catalogue/browse.html"
    summary = _("Tất cả sản phẩm")


class ProductCategoryView(ProductListView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            return redirect("catalogue:index")
        if request.path != self.category.get_absolute_url():
            return redirect(self.category.get_absolute_url(), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        categories = self.category.get_descendants_and_self()
        return super().get_queryset().filter(categories__in=categories).distinct()

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

    def get_queryset(self):
        return super().get_queryset().filter(product_class__ocop_group=self.group)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("Nhóm %(number)s: %(label)s") % {
            "number": self.group.value, "label": self.group.label,
        }
        return context


class FacetedSearchView(ProductListView):
    template_name = "oscar/search/results.html"

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()
        products = super().get_queryset()
        if not self.query:
            return products.none()
        return products.filter(
            Q(title__icontains=self.query) | Q(seller__name__icontains=self.query)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.query
        context["summary"] = _("Kết quả tìm kiếm «%(q)s»") % {"q": self.query} if self.query else ""
        return context
