from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from oscar.apps.dashboard import views as oscar_views

from marketplace.dashboard.figures import seller_figures
from sellers.access import seller_of


class IndexView(oscar_views.IndexView):
    """Staff see Oscar's shop-wide figures; a seller sees only its own (Oscar's partner view still
    counts whole orders, baskets and customers shared with other sellers)."""

    def get_template_names(self):
        if self.request.user.is_staff:
            return super().get_template_names()
        return ["oscar/dashboard/index_seller.html"]

    def get_context_data(self, **kwargs):
        if self.request.user.is_staff:
            return super().get_context_data(**kwargs)
        seller = seller_of(self.request.user)
        if seller is None:
            raise PermissionDenied
        return TemplateView.get_context_data(self, seller=seller, figures=seller_figures(seller), **kwargs)
