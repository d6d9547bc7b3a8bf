"""Wagtail chooser viewsets for what editors pick from the marketplace: sellers, products, GIs.

Registered in wagtail_hooks.py; their `get_block_class()` gives the StreamField chooser blocks in
cms/blocks.py. The listings show live data (active or not, public or hidden, badges valid today)
so an editor sees what buyers will see before choosing.
"""

from django import forms
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
GeographicIndication = get_model("geo_indications", "GeographicIndication")


class NameSearchForm(BaseFilterForm):
    """A search box over the fields a chooser names in `search_fields`."""

    search_fields = ()

    q = forms.CharField(
        label=_("Tìm"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Tên, mã…")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        words = (self.cleaned_data.get("q") or "").split()
        for word in words:
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": word})
            objects = objects.filter(condition)
        if words:
            self.is_searching = True
            self.search_query = self.cleaned_data["q"]
        return objects


class SellerSearchForm(NameSearchForm):
    search_fields = ("name", "slug", "commune__name")


class ProductSearchForm(NameSearchForm):
    search_fields = ("title", "upc", "seller__name")


class GISearchForm(NameSearchForm):
    search_fields = ("name_vi", "name_en", "product_type")


class SellerColumns:
    filter_form_class = SellerSearchForm

    @property
    def columns(self):
        return [
            self.title_column,
            Column("kind", label=_("Loại hình"), accessor="get_kind_display"),
            Column("commune", label=_("Xã/phường"), accessor="commune"),
            Column("is_active", label=_("Tình trạng"), accessor=lambda seller: (
                _("Đang hoạt động") if seller.is_active else _("Ngừng hoạt động: không hiện trên trang")
            )),
        ]


def badges_today(product):
    """The badges a product shows today, as a short text for the chooser's listing."""
    badges = []
    if certificate := product.ocop_badge:
        badges.append(f"OCOP {certificate.stars}★")
    if gi := product.gi_badge:
        badges.append(f"CDĐL {gi.name_vi}")
    return ", ".join(badges) or "—"


class ProductColumns:
    filter_form_class = ProductSearchForm

    @property
    def columns(self):
        return [
            self.title_column,
            Column("seller", label=_("Người bán"), accessor="seller"),
            Column("badges", label=_("Huy hiệu hôm nay"), accessor=badges_today),
            Column("is_public", label=_("Hiển thị"), accessor=lambda product: (
                _("Công khai") if product.is_public else _("Đang ẩn: không hiện trên trang")
            )),
            Column("has_stock", label=_("Tồn kho"), accessor=lambda product: (
                _("Còn hàng") if product.has_stock else _("Hết hàng")
            )),
        ]


class GIColumns:
    filter_form_class = GISearchForm


class SellerChooserViewSet(ChooserViewSet):
    model = Partner
    icon = "group"
    choose_one_text = _("Chọn người bán")
    choose_another_text = _("Chọn người bán khác")
    edit_item_text = _("Sửa")
    per_page = 20
    choose_view_class = type("SellerChooseView", (SellerColumns, ChooseView), {})
    choose_results_view_class = type("SellerChooseResultsView", (SellerColumns, ChooseResultsView), {})

    def get_object_list(self):
        return Partner.objects.select_related("commune").order_by("-is_active", "name")


class ProductChooserViewSet(ChooserViewSet):
    model = Product
    icon = "tag"
    choose_one_text = _("Chọn sản phẩm")
    choose_another_text = _("Chọn sản phẩm khác")
    edit_item_text = _("Sửa")
    per_page = 20
    choose_view_class = type("ProductChooseView", (ProductColumns, ChooseView), {})
    choose_results_view_class = type("ProductChooseResultsView", (ProductColumns, ChooseResultsView), {})

    def get_object_list(self):
        # Variants are sold through their parent's page: editors choose the product itself.
        return (
            Product.objects.exclude(structure=Product.CHILD).with_provenance()
            .annotate(has_stock=ExpressionWrapper(
                # As search counts it (catalog.search.documents): some unit free in the product or
                # a variant, or a service (OCOP group 6), booked rather than stocked.
                Q(Exists(StockRecord.objects.filter(
                    Q(product=OuterRef("pk")) | Q(product__parent=OuterRef("pk")),
                    num_in_stock__gt=Coalesce(F("num_allocated"), 0),
                ))) | Q(product_class__track_stock=False),
                output_field=BooleanField(),
            ))
            .order_by("-date_created")
        )


class GIChooserViewSet(ChooserViewSet):
    model = GeographicIndication
    icon = "site"
    choose_one_text = _("Chọn chỉ dẫn địa lý")
    choose_another_text = _("Chọn chỉ dẫn địa lý khác")
    edit_item_text = _("Sửa")
    per_page = 20
    choose_view_class = type("GIChooseView", (GIColumns, ChooseView), {})
    choose_results_view_class = type("GIChooseResultsView", (GIColumns, ChooseResultsView), {})


seller_chooser_viewset = SellerChooserViewSet("seller_chooser", url_prefix="chon-nguoi-ban")
product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="chon-san-pham")
gi_chooser_viewset = GIChooserViewSet("gi_chooser", url_prefix="chon-chi-dan-dia-ly")
