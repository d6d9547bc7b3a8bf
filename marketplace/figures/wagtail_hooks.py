from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from marketplace.figures.views import CsvView, FiguresView, permission_policy


class FiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return permission_policy.user_has_permission(request.user, "view")


class FiguresViewSet(ViewSet):
    """The figures page (figures:index) and its CSV exports (figures:csv) at /cms-admin/figures/."""

    name = "figures"
    icon = "table"
    menu_label = gettext_lazy("Số liệu kinh tế số")
    menu_order = 260
    add_to_admin_menu = True

    @cached_property
    def menu_item_class(self):
        return FiguresMenuItem

    def get_urlpatterns(self):
        return [
            path("", FiguresView.as_view(csv_url_name=self.get_url_name("csv")), name="index"),
            path("csv/<slug:slug>/", CsvView.as_view(), name="csv"),
        ]


@hooks.register("register_admin_viewset")
def register_figures():
    return FiguresViewSet()


@hooks.register("register_permissions")
def figures_permissions():
    # Listed in Wagtail's group editor, so administrators can grant it to other groups too.
    return Permission.objects.filter(content_type__app_label="figures", codename="view_figures")
