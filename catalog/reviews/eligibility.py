"""Who may review a product: a signed-in buyer whose order part containing it was delivered, once."""

from django.db.models import F
from django.utils.translation import gettext as _
from oscar.core.loading import get_model


def review_refusal(product, user) -> str | None:
    """Why `user` may not review `product`, in Vietnamese; None when they may."""
    if not user.is_authenticated:
        return _("Hãy đăng nhập để đánh giá sản phẩm bạn đã mua.")
    product = product.provenance_source  # variants are reviewed on their parent
    if product.reviews.filter(user=user).exists():
        return _("Bạn đã đánh giá sản phẩm này rồi: mỗi người mua đánh giá một lần.")
    if not received(user, product):
        return _("Chỉ người mua đã nhận được sản phẩm này mới đánh giá được: "
                 "hãy chờ đơn hàng được giao rồi quay lại.")
    return None


def received(user, product) -> bool:
    """Whether a part of one of the user's orders holding this product (or a variant) was delivered."""
    Line = get_model("order", "Line")
    OrderPart = get_model("order", "OrderPart")
    return Line.objects.filter(
        order__user=user,
        product__in=[product.pk, *product.children.values_list("pk", flat=True)],
        # The same part: delivered, and belonging to the seller of this line.
        order__parts__status=OrderPart.Status.DELIVERED,
        order__parts__seller_id=F("partner_id"),
    ).exists()

