from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES, ArticleBodyBlock, BodyBlock, HomeBodyBlock


class KeptViewRestrictions:
    """Wagtail looks for view restrictions on a page and its ancestors at every request, in two
    queries. Most sites have none: while no page has one (known until one is written), none is
    looked for."""

    def get_view_restrictions(self):
        from marketplace import caching

        if not caching.kept("any-page-view-restriction", PageViewRestriction.objects.exists,
                            reads=["wagtailcore.PageViewRestriction"]):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(KeptViewRestrictions, Page):
    """The marketplace's front page, curated by province staff from StreamField blocks."""

    body = StreamField(HomeBodyBlock(), blank=True, verbose_name=_("nội dung"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ContentPage", "cms.StoryIndexPage", "cms.NewsIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        from cms.showcase import featured_products

        context = super().get_context(request, *args, **kwargs)
        # Read only when the page's kept fragment is not there (templates/cms/home_page.html).
        context["featured_products"] = SimpleLazyObject(featured_products)
        return context


class ContentPage(KeptViewRestrictions, Page):
    """A plain content page: about the marketplace, guides for sellers, policies."""

    intro = RichTextField(_("tóm tắt"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("nội dung"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]

    class Meta:
        verbose_name = _("trang nội dung")


class ArticlePage(KeptViewRestrictions, Page):
    """What producer stories and news articles share: a summary, a cover image and a body."""

    intro = models.TextField(
        _("tóm tắt"), max_length=400, blank=True,
        help_text=_("Hai, ba câu hiện trên thẻ bài viết và khi chia sẻ lên mạng xã hội."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("ảnh bìa"),
    )
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("nội dung"))

    is_article = True
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True

    @property
    def social_image(self):
        return self.cover_image


class StoryIndexPage(KeptViewRestrictions, Page):
    """The list of producer stories."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProducerStoryPage"]
    template = "cms/index_page.html"

    class Meta:
        verbose_name = _("danh sách câu chuyện nhà sản xuất")

    def get_context(self, request, *args, **kwargs):
        from cms.showcase import with_card_images

        context = super().get_context(request, *args, **kwargs)
        stories = ProducerStoryPage.objects.child_of(self).live().public().order_by("-first_published_at")
        context["stories"] = with_card_images(list(stories))
        return context


class ProducerStoryPage(ArticlePage):
    """A producer's story (rich text, gallery, video), shown on the seller's own page too."""

    seller = models.ForeignKey(
        "partner.Partner", on_delete=models.SET_NULL, null=True, related_name="stories",
        verbose_name=_("người bán"),
        help_text=_("Câu chuyện hiện trên trang của người bán này."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("seller"), FieldPanel("intro"), FieldPanel("cover_image"), FieldPanel("body"),
    ]
    search_fields = ArticlePage.search_fields + [index.FilterField("seller")]
    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("câu chuyện nhà sản xuất")


class NewsIndexPage(KeptViewRestrictions, Page):
    """The list of news articles, newest first."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    template = "cms/index_page.html"

    class Meta:
        verbose_name = _("danh sách tin tức")

    def get_context(self, request, *args, **kwargs):
        from cms.showcase import with_card_images

        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.child_of(self).live().public().order_by("-date", "-first_published_at")
        context["stories"] = with_card_images(list(news[:50]))
        return context


class NewsPage(ArticlePage):
    """A news article: a fair, a new OCOP decision, a training for sellers."""

    date = models.DateField(_("ngày đăng"), default=timezone.localdate)

    content_panels = Page.content_panels + [
        FieldPanel("date"), FieldPanel("intro"), FieldPanel("cover_image"), FieldPanel("body"),
    ]
    search_fields = ArticlePage.search_fields + [index.FilterField("date")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tin tức")


class GIIntroduction(TranslatableMixin, models.Model):
    """The editable introduction shown at the top of a geographic indication's page (/gi/<slug>/),
    one per GI and language."""

    geographic_indication = models.ForeignKey(
        "geo_indications.GeographicIndication", on_delete=models.CASCADE, related_name="introductions",
        verbose_name=_("chỉ dẫn địa lý"),
    )
    body = RichTextField(_("lời giới thiệu"), features=RICH_TEXT_FEATURES)
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("ảnh"),
    )

    panels = [FieldPanel("geographic_indication"), FieldPanel("body"), FieldPanel("image")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("giới thiệu chỉ dẫn địa lý")
        verbose_name_plural = _("giới thiệu chỉ dẫn địa lý")
        constraints = [
            models.UniqueConstraint(
                fields=["geographic_indication", "locale"], name="cms_one_gi_introduction_per_language",
                violation_error_message=_("Chỉ dẫn địa lý này đã có lời giới thiệu bằng ngôn ngữ này."),
            )
        ]

    def __str__(self):
        return str(self.geographic_indication)
