"""StreamField blocks shared by CMS pages, each with its own template, icon, description and preview.

Blocks that show marketplace data (producers, products, collections, stories) store only what the
editor chose and read the live rows when the page is drawn: a product that sold out says so, one
that lost a badge shows without it, and an inactive seller or a hidden or deleted product simply
drops out. Each such block costs a fixed number of queries, whatever the number of items.
"""

from django.core.exceptions import ValidationError
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.finders import get_finders
from wagtail.images.blocks import ImageChooserBlock

from catalog.ocop import CERTIFIED_STARS, OcopGroup
from cms import showcase
from cms.choosers import gi_chooser_viewset, product_chooser_viewset, seller_chooser_viewset
from cms.safety import is_safe_link

SellerChooserBlock = seller_chooser_viewset.get_block_class("SellerChooserBlock", module_path="cms.blocks")
ProductChooserBlock = product_chooser_viewset.get_block_class("ProductChooserBlock", module_path="cms.blocks")
GIChooserBlock = gi_chooser_viewset.get_block_class("GIChooserBlock", module_path="cms.blocks")

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]
MAX_ITEMS = 24


def _preview(model_name, **filters):
    """Up to four real rows for a block's preview in the editor's block picker."""
    def rows():
        model = get_model(*model_name.split("."))
        return list(model.objects.filter(**filters).order_by("-pk")[:4])
    return rows


class LinkBlock(blocks.CharBlock):
    """A link an editor types: a path on this site (/catalogue/) or an http(s) address, never a script."""

    def clean(self, value):
        value = super().clean(value)
        if value and not is_safe_link(value):
            raise ValidationError(_(
                "Đường dẫn phải bắt đầu bằng «/» (một trang trên sàn) hoặc «https://»."
            ))
        return value


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Tiêu đề"), max_length=120)
    text = blocks.TextBlock(label=_("Lời giới thiệu"), required=False, max_length=400)
    image = ImageChooserBlock(label=_("Ảnh nền"), required=False)
    link_text = blocks.CharBlock(label=_("Chữ trên nút"), required=False, max_length=40)
    link_url = LinkBlock(label=_("Đường dẫn của nút"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "cms/blocks/hero.html"
        label = _("Ảnh bìa")
        description = _("Dải ảnh lớn đầu trang với tiêu đề, lời giới thiệu và một nút.")
        preview_value = {
            "heading": "Đặc sản OCOP Thái Nguyên",
            "text": "Chè Tân Cương, miến dong, quýt Bắc Kạn, mua thẳng từ hợp tác xã.",
            "link_text": "Xem sản phẩm",
            "link_url": "/catalogue/",
        }


class RichTextBlock(blocks.RichTextBlock):
    """Rich text, rendered through the project's sanitiser whatever reached the database."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Đoạn văn")
        template = "cms/blocks/paragraph.html"
        description = _("Văn bản có tiêu đề nhỏ, chữ đậm, nghiêng, liên kết và danh sách.")
        preview_value = (
            "<h2>Mua tận gốc, tin từng huy hiệu</h2>"
            "<p>Mỗi sao OCOP trên sàn đều được cán bộ tỉnh đối chiếu với quyết định công nhận.</p>"
        )


class FeaturedProducersBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tiêu đề"), max_length=120, default=_("Nhà sản xuất tiêu biểu"))
    producers = blocks.ListBlock(
        SellerChooserBlock(label=_("Người bán")), min_num=1, max_num=MAX_ITEMS, label=_("Người bán")
    )

    class Meta:
        icon = "group"
        template = "cms/blocks/featured_producers.html"
        label = _("Nhà sản xuất nổi bật")
        description = _("Người bán do cán bộ chọn; người bán ngừng hoạt động tự ẩn khỏi trang.")

    def get_preview_value(self):
        return self.normalize({"title": _("Nhà sản xuất tiêu biểu"),
                               "producers": _preview("partner.Partner", is_active=True)()})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["producers"] = showcase.live_sellers(value["producers"])
        return context


class FeaturedProductsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tiêu đề"), max_length=120, default=_("Sản phẩm nổi bật"))
    products = blocks.ListBlock(
        ProductChooserBlock(label=_("Sản phẩm")), min_num=1, max_num=MAX_ITEMS, label=_("Sản phẩm")
    )

    class Meta:
        icon = "tag"
        template = "cms/blocks/featured_products.html"
        label = _("Sản phẩm nổi bật")
        description = _("Sản phẩm do cán bộ chọn, với giá, tình trạng còn hàng và huy hiệu của hôm nay.")

    def get_preview_value(self):
        return self.normalize({"title": _("Sản phẩm nổi bật"),
                               "products": _preview("catalogue.Product", is_public=True, parent=None)()})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["products"] = showcase.live_products(value["products"])
        return context


class CollectionBlock(blocks.StructBlock):
    """A named selection: products chosen by hand, or a saved filter (GI, OCOP group, stars)."""

    title = blocks.CharBlock(label=_("Tên bộ sưu tập"), max_length=120)
    intro = blocks.TextBlock(label=_("Lời giới thiệu"), required=False, max_length=600)
    products = blocks.ListBlock(
        ProductChooserBlock(label=_("Sản phẩm")), min_num=0, max_num=MAX_ITEMS,
        label=_("Sản phẩm chọn tay"),
        help_text=_("Để trống để sàn tự chọn theo bộ lọc bên dưới."),
    )
    gi = GIChooserBlock(label=_("Lọc theo chỉ dẫn địa lý"), required=False)
    group = blocks.ChoiceBlock(
        choices=OcopGroup.choices, required=False, label=_("Lọc theo nhóm OCOP")
    )
    stars = blocks.ChoiceBlock(
        choices=[(s, f"{s}★") for s in CERTIFIED_STARS], required=False, label=_("Lọc theo số sao OCOP")
    )
    limit = blocks.IntegerBlock(label=_("Số sản phẩm tối đa"), default=8, min_value=1, max_value=MAX_ITEMS)

    class Meta:
        icon = "folder-open-inverse"
        template = "cms/blocks/collection.html"
        label = _("Bộ sưu tập")
        description = _("Ví dụ «Trà Tân Cương», «Quà Tết»: sản phẩm chọn tay hoặc theo bộ lọc đã lưu.")

    def get_preview_value(self):
        return self.normalize({
            "title": "Trà Tân Cương",
            "intro": "Búp chè vùng chỉ dẫn địa lý Tân Cương, sao tay trên chảo gang.",
            "products": [], "gi": None, "group": 2, "stars": None, "limit": 4,
        })

    @staticmethod
    def selects_something(value) -> bool:
        return bool(value["products"]) or bool(value["gi"] or value["group"] or value["stars"])

    def clean(self, value):
        value = super().clean(value)
        if not self.selects_something(value):
            raise StructBlockValidationError(block_errors={"products": ValidationError(_(
                "Hãy chọn ít nhất một sản phẩm, hoặc một bộ lọc (chỉ dẫn địa lý, nhóm OCOP, số sao)."
            ))})
        return value

    def render(self, value, context=None):
        # clean() refuses to save this state; it arises when the only filter (a GI) is deleted. The
        # block then drops out, like a block of products that are all gone.
        if not self.selects_something(value):
            return ""
        return super().render(value, context)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        products, more_url = showcase.collection_products(
            chosen=value["products"], gi=value["gi"], group=value["group"], stars=value["stars"],
            limit=value["limit"] or 8,
        )
        context.update(products=products, more_url=more_url)
        return context


class StoriesBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tiêu đề"), max_length=120, default=_("Câu chuyện nhà sản xuất"))
    stories = blocks.ListBlock(
        blocks.PageChooserBlock(page_type=["cms.ProducerStoryPage", "cms.NewsPage"], label=_("Bài viết")),
        min_num=1, max_num=12, label=_("Câu chuyện và tin tức"),
    )

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/stories.html"
        label = _("Câu chuyện")
        description = _("Liên kết tới câu chuyện nhà sản xuất và tin tức; bài đã gỡ tự ẩn.")

    def get_preview_value(self):
        from cms.models import ProducerStoryPage
        return self.normalize({"title": _("Câu chuyện nhà sản xuất"),
                               "stories": list(ProducerStoryPage.objects.live()[:3])})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["story_ids"] = " ".join(str(page.pk) for page in value["stories"] if page is not None)
        # Read only when the block's kept fragment is not there (templates/cms/blocks/stories.html).
        context["stories"] = SimpleLazyObject(lambda: showcase.live_stories(value["stories"]))
        return context


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Địa chỉ video"), max_width=1110,
        help_text=_("Dán đường dẫn YouTube hoặc Facebook của buổi livestream đã ghi lại."),
    )
    title = blocks.CharBlock(label=_("Tiêu đề"), required=False, max_length=160)
    caption = blocks.TextBlock(label=_("Chú thích"), required=False, max_length=400)

    class Meta:
        icon = "media"
        template = "cms/blocks/video.html"
        label = _("Video")
        description = _("Video nhúng từ YouTube hoặc Facebook, ví dụ buổi livestream bán chè đã ghi lại.")
        preview_value = {"title": "Livestream: sao chè Tân Cương", "caption": "Phát lại buổi livestream."}

    def clean(self, value):
        video = value.get("video")
        # Only the providers of WAGTAILEMBEDS_FINDERS, those the CSP lets pages frame; asked before
        # the embed is fetched, so another provider's address is refused without calling anyone.
        if video and not any(finder.accept(video.url) for finder in get_finders()):
            raise StructBlockValidationError(block_errors={"video": ValidationError(_(
                "Chỉ nhúng được video YouTube hoặc Facebook: hãy dán đường dẫn của video trên một trong hai trang này."
            ))})
        return super().clean(value)


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"
        label = _("Ảnh")
        description = _("Một ảnh với chú thích.")


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(ImageBlock(), min_num=1, max_num=30, label=_("Ảnh"))

    class Meta:
        icon = "doc-full-inverse"
        template = "cms/blocks/gallery.html"
        label = _("Bộ ảnh")
        description = _("Nhiều ảnh xếp lưới: vườn chè, xưởng sao, sản phẩm.")


class BodyBlock(blocks.StreamBlock):
    """What a plain content page is made of."""

    hero = HeroBlock()
    paragraph = RichTextBlock()
    image = ImageBlock()
    video = VideoBlock()


class HomeBodyBlock(blocks.StreamBlock):
    """What the home page is made of."""

    hero = HeroBlock()
    featured_producers = FeaturedProducersBlock()
    featured_products = FeaturedProductsBlock()
    collection = CollectionBlock()
    stories = StoriesBlock()
    video = VideoBlock()
    paragraph = RichTextBlock()


class ArticleBodyBlock(blocks.StreamBlock):
    """What a producer story or a news article is made of."""

    paragraph = RichTextBlock()
    image = ImageBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
