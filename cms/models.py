from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock


class HomePage(Page):
    """The marketplace's front page, curated by province staff."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("nội dung"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ContentPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        from cms.showcase import featured_products

        context = super().get_context(request, *args, **kwargs)
        context["featured_products"] = featured_products()
        return context


class ContentPage(Page):
    """A plain content page: about the marketplace, guides for sellers, policies."""

    intro = RichTextField(_("tóm tắt"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("nội dung"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]

    class Meta:
        verbose_name = _("trang nội dung")
