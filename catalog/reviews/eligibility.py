"""Who may review a product: a signed-in buyer whose order part containing it was delivered, once."""

from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext as _
from oscar.core.loading import get_model


def review_refusal(product, user) -> str | None:
    """Why `user` may not review `product`, in Vietnamese; None when they may."""
    if not user.is_authenticated:
        return _("Hãy đăng nhập để đánh giá sản phẩm bạn đã mua.")
    reviewed, received = _review_facts(product.provenance_source.pk, user)  # variants: on their parent
    if reviewed:
        return _("Bạn đã đánh giá sản phẩm này rồi: mỗi người mua đánh giá một lần.")
    if not received:
        return _("Chỉ người mua đã nhận được sản phẩm này mới đánh giá được: "
                 "hãy chờ đơn hàng được giao rồi quay lại.")
    return None


def may_review(product_pk: int, user) -> bool:
    """review_refusal(…) is None, for a parent or standalone product known by its pk alone."""
    if not user.is_authenticated:
        return False
    reviewed, received = _review_facts(product_pk, user)
    return received and not reviewed


def _review_facts(product_pk: int, user) -> tuple[bool, bool]:
    """Whether `user` has reviewed the product, and whether a part of one of their orders holding it
    (or a variant of it) was delivered: one query."""
    Product = get_model("catalogue", "Product")
    ProductReview = get_model("reviews", "ProductReview")
    Line = get_model("order", "Line")
    OrderPart = get_model("order", "OrderPart")
    facts = Product.objects.filter(pk=product_pk).annotate(
        reviewed=Exists(ProductReview.objects.filter(product=OuterRef("pk"), user=user)),
        received=Exists(Line.objects.filter(
            Q(product=OuterRef("pk")) | Q(product__parent=OuterRef("pk")),
            order__user=user,
            # The same part: delivered, and belonging to the seller of this line.
            order__parts__status=OrderPart.Status.DELIVERED,
            order__parts__seller_id=F("partner_id"),
        )),
    ).values_list("reviewed", "received").first()
    return facts or (False, False)

