"""StreamField blocks shared by CMS pages, each with its own template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Tiêu đề"), max_length=120)
    text = blocks.TextBlock(label=_("Lời giới thiệu"), required=False, max_length=400)
    image = ImageChooserBlock(label=_("Ảnh nền"), required=False)
    link_text = blocks.CharBlock(label=_("Chữ trên nút"), required=False, max_length=40)
    link_url = blocks.CharBlock(label=_("Đường dẫn của nút"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "cms/blocks/hero.html"
        label = _("Ảnh bìa")


class BodyBlock(blocks.StreamBlock):
    hero = HeroBlock()
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        icon="pilcrow",
        label=_("Đoạn văn"),
        template="cms/blocks/paragraph.html",
    )
