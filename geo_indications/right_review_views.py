"""Province staff verify sellers' rights to use a GI in Wagtail's admin (/cms-admin/gi-rights/): verify
one awaiting verification, reject it with a reason, or revoke a verified one with a reason."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column

from geo_indications import right_decisions
from geo_indications.models import GIRight
from marketplace.decision_views import Decision, QueueViewSet

DECISIONS = (
    Decision(
        name="verify", label=_("Xác minh"), page_title=_("Xác minh quyền sử dụng chỉ dẫn địa lý"),
        applies=lambda right: right.is_awaiting_verification,
        perform=right_decisions.verify,
        explanation=_("Đã đối chiếu văn bản cho phép sử dụng của tổ chức quản lý: sản phẩm của người bán từ khu "
                      "vực bảo hộ sẽ hiện chỉ dẫn địa lý ngay, và người bán nhận email."),
        success=_("Đã xác minh %(object)s."),
    ),
    Decision(
        name="reject", label=_("Từ chối"), page_title=_("Từ chối quyền sử dụng chỉ dẫn địa lý"),
        applies=lambda right: right.is_awaiting_verification,
        perform=right_decisions.reject, reason_label=_("Lý do từ chối (gửi cho người bán)"),
        icon="cross", refusal=True, success=_("Đã từ chối %(object)s; người bán sẽ nhận lý do qua email."),
    ),
    Decision(
        name="revoke", label=_("Thu hồi"), page_title=_("Thu hồi quyền sử dụng chỉ dẫn địa lý"),
        applies=lambda right: right.is_verified,
        perform=right_decisions.revoke, reason_label=_("Lý do thu hồi (gửi cho người bán)"),
        explanation=_("Chỉ dẫn địa lý sẽ biến mất khỏi các sản phẩm của người bán ngay."),
        icon="cross", refusal=True, success=_("Đã thu hồi %(object)s; chỉ dẫn địa lý đã gỡ khỏi sản phẩm."),
    ),
)

STATES = {
    "awaiting": {"verified_at__isnull": True, "rejected_at__isnull": True, "revoked_at__isnull": True},
    "verified": {"verified_at__isnull": False, "revoked_at__isnull": True},
    "rejected": {"rejected_at__isnull": False},
    "revoked": {"revoked_at__isnull": False},
}


class GIRightFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Trạng thái"), method="filter_state",
        choices=[("awaiting", _("Chờ xác minh")), ("verified", _("Đã xác minh")), ("rejected", _("Bị từ chối")),
                 ("revoked", _("Đã thu hồi"))],
    )

    class Meta:
        model = GIRight
        fields = ["geographic_indication"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(**STATES[value])


class GIRightReviewViewSet(QueueViewSet):
    model = GIRight
    name = "gi-rights"
    icon = "site"
    menu_label = _("Xác minh quyền dùng CDĐL")
    menu_order = 252
    decisions = DECISIONS
    document_field = "document"
    select_related = ("seller", "geographic_indication", "verified_by")
    inspect_view_fields = [
        "seller", "geographic_indication", "document_number", "valid_from", "valid_until", "verified_by",
        "verified_at", "rejected_at", "rejection_reason", "revoked_at", "revoked_reason",
    ]
    list_display = ["seller", "geographic_indication", "document_number", "valid_from",
                    Column("review_status", label=_("Trạng thái"))]
    filterset_class = GIRightFilterSet
    search_fields = ["seller__name", "document_number", "geographic_indication__name_vi"]
    ordering = ["-id"]
