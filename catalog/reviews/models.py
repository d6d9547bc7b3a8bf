from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.reviews.abstract_models import AbstractProductReview


class ProductReview(AbstractProductReview):
    """A buyer's rating and review of a product it received; shown once staff approve it."""

    # Kept when staff reject a review (on moderation or after a report): why it is not shown.
    rejection_reason = models.TextField(_("lý do ẩn"), blank=True)
    # Cleared by each decision that tells someone, set once its e-mail went (marketplace.decisions.send_decision_once).
    decision_email_sent_at = models.DateTimeField(_("đã gửi email về quyết định lúc"), null=True, blank=True)

    class Meta(AbstractProductReview.Meta):
        verbose_name = _("đánh giá sản phẩm")
        verbose_name_plural = _("đánh giá sản phẩm")


class ReviewReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class ReviewReport(models.Model):
    """A signed-in buyer's report that a review breaks the rules; staff resolve it by deciding the review."""

    review = models.ForeignKey(
        ProductReview, on_delete=models.CASCADE, related_name="reports", verbose_name=_("đánh giá")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_reports",
        verbose_name=_("người báo cáo"),
    )
    reason = models.TextField(_("lý do báo cáo"))
    created_at = models.DateTimeField(_("báo cáo lúc"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("đã xử lý lúc"), null=True, blank=True)

    objects = ReviewReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("báo cáo đánh giá")
        verbose_name_plural = _("báo cáo đánh giá")
        constraints = [models.UniqueConstraint(fields=["review", "user"], name="one_report_per_user_and_review")]

    def __str__(self):
        return f"{self.review} — {self.user}"


from oscar.apps.catalogue.reviews.models import *  # noqa: E402,F403
