from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.choosers import gi_chooser_viewset, product_chooser_viewset, seller_chooser_viewset
from cms.models import GIIntroduction


@hooks.register("register_admin_viewset")
def register_choosers():
    return [seller_chooser_viewset, product_chooser_viewset, gi_chooser_viewset]


class GIIntroductionViewSet(SnippetViewSet):
    """Province staff write (and translate) the introduction shown on each GI's page."""

    model = GIIntroduction
    icon = "site"
    menu_label = _("Giới thiệu CDĐL")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["geographic_indication", "locale"]


register_snippet(GIIntroductionViewSet)
