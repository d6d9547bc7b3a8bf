"""Province staff moderate buyers' reviews in Wagtail's admin (/cms-admin/product-reviews/): new
reviews and reviews reported by buyers, approved (shown) or rejected (hidden) with a reason."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn

from catalog.reviews import moderation
from catalog.reviews.models import ProductReview
from marketplace.decision_views import Decision, QueueInspectView, QueueViewSet


def _awaiting(review):
    return review.status == ProductReview.FOR_MODERATION or review.reports.open().exists()


DECISIONS = (
    Decision(
        name="approve", label=_("Duyệt (hiển thị)"), page_title=_("Duyệt đánh giá"),
        applies=_awaiting, perform=moderation.approve,
        explanation=_("Đánh giá sẽ hiện trên trang sản phẩm và được tính vào điểm đánh giá; các báo cáo về nó "
                      "được đóng lại."),
        success=_("Đã duyệt đánh giá «%(object)s»."),
    ),
    Decision(
        name="reject", label=_("Từ chối (ẩn)"), page_title=_("Ẩn đánh giá"),
        applies=_awaiting, perform=moderation.reject, reason_label=_("Lý do ẩn đánh giá"),
        icon="cross", refusal=True, success=_("Đã ẩn đánh giá «%(object)s»."),
    ),
)


class ReviewInspectView(QueueInspectView):
    template_name = "verification/admin/review_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reports"] = self.object.reports.select_related("user").order_by("-created_at")
        return context


class ReviewModerationViewSet(QueueViewSet):
    model = ProductReview
    name = "product-reviews"
    icon = "comment"
    menu_label = _("Kiểm duyệt đánh giá")
    menu_order = 253
    decisions = DECISIONS
    inspect_view_class = ReviewInspectView
    select_related = ("product", "user")
    inspect_view_fields = ["status", "product", "user", "score", "title", "body", "date_created",
                           "rejection_reason"]
    list_display = ["title", "product", "score", "date_created", "status",
                    BooleanColumn("has_open_report", label=_("Bị báo cáo"))]
    list_filter = ["status", "score"]
    search_fields = ["title", "body", "product__title"]
    ordering = ["-date_created"]

    def narrow(self, queryset):
        # The queue: new reviews and reported ones. Decided reviews stay reachable by their history.
        return moderation.awaiting_moderation(queryset)
