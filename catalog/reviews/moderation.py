"""Province staff approve or reject buyers' reviews; buyers report reviews that break the rules.

A review waits for moderation when written (OSCAR_MODERATE_REVIEWS) and again when a buyer reports
it. Deciding it resolves its open reports, is written to the audit log and, through the review's
save, recomputes Product.rating (approved reviews only), which reindexes the product for search.
Once committed, a hidden review's author is told why, and a newly shown review's seller is told of
it, by e-mail sent once from a Celery task (catalog.reviews.tasks).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.reviews.models import ProductReview, ReviewReport
from catalog.reviews.tasks import send_review_decision
from marketplace import audit_log
from marketplace.background import enqueue_on_commit
from marketplace.decisions import NotDecidable, required_reason


def awaiting_moderation(queryset=None):
    """Reviews staff must decide: new ones, and any with an open report."""
    queryset = ProductReview.objects.all() if queryset is None else queryset
    return queryset.annotate(
        has_open_report=Exists(ReviewReport.objects.open().filter(review=OuterRef("pk")))
    ).filter(Q(status=ProductReview.FOR_MODERATION) | Q(has_open_report=True))


def _locked(review_id) -> ProductReview:
    review = ProductReview.objects.select_for_update(of=("self",)).select_related("product").get(pk=review_id)
    if review.status != ProductReview.FOR_MODERATION and not review.reports.open().exists():
        raise NotDecidable(
            _("Đánh giá «%(title)s» đã được xử lý trước đó (%(status)s).")
            % {"title": review.title, "status": review.get_status_display()}
        )
    return review


def _decide(review, status, moderator, action, reason="", *, tell=True):
    review.status = status
    review.rejection_reason = reason
    if tell:
        review.decision_email_sent_at = None
    review.save()  # Oscar's save recomputes the product's rating from approved reviews
    review.reports.open().update(resolved_at=timezone.now())
    audit_log.record(review, action, moderator, reason, product_id=review.product_id)
    if tell:
        enqueue_on_commit(send_review_decision, review.pk)
    return review


def approve(review_id, moderator) -> ProductReview:
    """Show the review (a reported one stays shown: its reports are dismissed); the seller hears of
    a review newly shown."""
    with transaction.atomic():
        review = _locked(review_id)
        # Dismissing reports of a review already shown is no news to the seller.
        newly_shown = review.status == ProductReview.FOR_MODERATION
        return _decide(review, ProductReview.APPROVED, moderator, audit_log.REVIEW_APPROVED, tell=newly_shown)


def reject(review_id, moderator, reason) -> ProductReview:
    """Hide the review, keeping the reason; the reviewer is told it by e-mail."""
    reason = required_reason(reason, _("Hãy ghi lý do ẩn đánh giá này."))
    with transaction.atomic():
        review = _locked(review_id)
        return _decide(review, ProductReview.REJECTED, moderator, audit_log.REVIEW_REJECTED, reason)


def report(review, user, reason) -> ReviewReport:
    """A signed-in buyer reports a shown review; it goes back to the staff queue."""
    reason = required_reason(reason, _("Hãy cho biết đánh giá này sai ở đâu (ví dụ: quảng cáo, xúc phạm, "
                                       "không liên quan đến sản phẩm)."))
    if not user.is_authenticated:
        raise ValidationError(_("Hãy đăng nhập để báo cáo đánh giá."), code="anonymous")
    if not review.is_approved:
        raise ValidationError(_("Đánh giá này không còn hiển thị."), code="not_shown")
    if review.user_id == user.pk:
        raise ValidationError(_("Bạn không thể báo cáo đánh giá của chính mình."), code="own")
    try:
        with transaction.atomic():
            return ReviewReport.objects.create(review=review, user=user, reason=reason[:2000])
    except IntegrityError:
        raise ValidationError(_("Bạn đã báo cáo đánh giá này rồi; cán bộ tỉnh sẽ xem xét."),
                              code="already_reported") from None
