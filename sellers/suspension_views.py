"""Province staff suspend and reinstate sellers in Wagtail's admin (/cms-admin/sellers/): every seller,
active or suspended, searchable by name and filtered by status; a reason for each decision.

Listing, inspecting and deciding need `partner.suspend_partner` (SuspensionPermissionPolicy,
registered in sellers/wagtail_hooks.py).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy

from marketplace.decision_views import Decision, QueueViewSet
from sellers import suspension
from sellers.models import Partner


class SuspensionPermissionPolicy(ModelPermissionPolicy):
    """What Wagtail's admin asks about sellers: viewing and changing one there is suspending or
    reinstating it, granted by `partner.suspend_partner`. Django's view/change_partner are not used:
    they also open Oscar's dashboard partner pages, where sellers' logins are managed."""

    def _get_permission_codename(self, action):
        return "suspend_partner" if action in ("view", "change") else super()._get_permission_codename(action)


DECISIONS = (
    Decision(
        name="suspend", label=_("Đình chỉ"), page_title=_("Đình chỉ người bán"),
        applies=lambda seller: seller.is_active,
        perform=suspension.suspend, reason_label=_("Lý do đình chỉ (gửi cho người bán)"),
        explanation=_("Sản phẩm của người bán rời khỏi sàn ngay (trang sản phẩm, tìm kiếm, danh mục, các khối "
                      "trang chủ, API) và người mua không đặt thêm được. Các phần đơn hàng đang mở không bị hủy: "
                      "người bán vẫn phải giao hoặc hủy chúng, và vẫn đăng nhập được trang quản lý gian hàng."),
        icon="cross", refusal=True, success=_("Đã đình chỉ %(object)s; người bán sẽ nhận lý do qua email."),
    ),
    Decision(
        name="reinstate", label=_("Khôi phục"), page_title=_("Khôi phục người bán"),
        applies=lambda seller: not seller.is_active,
        perform=suspension.reinstate, reason_label=_("Lý do khôi phục (người bán đã khắc phục điều gì)"),
        explanation=_("Sản phẩm công khai của người bán hiện lại trên sàn ngay."),
        success=_("Đã khôi phục %(object)s; sản phẩm đã hiện lại trên sàn."),
    ),
)


class SellerStatusViewSet(QueueViewSet):
    model = Partner
    name = "seller-status"
    url_prefix = "sellers"  # the namespace "sellers" is the storefront's producer pages
    icon = "group"
    menu_label = _("Người bán")
    menu_order = 249
    decisions = DECISIONS
    select_related = ("commune__province", "status_decided_by")
    inspect_view_fields = [
        "name", "kind", "commune", "street_address", "tax_code", "representative", "phone", "joined_at",
        "is_active", "status_reason", "status_decided_by", "status_decided_at",
    ]
    list_display = [
        "name", "kind", "commune", "joined_at",
        Column("is_active", label=_("Tình trạng"), sort_key="is_active",
               accessor=lambda seller: _("Đang bán") if seller.is_active else _("Bị đình chỉ")),
    ]
    list_filter = ["is_active", "kind"]
    search_fields = ["name"]
    # Suspended sellers first: those are the ones staff come back to.
    ordering = ["is_active", "name"]
