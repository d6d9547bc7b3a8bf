"""Every verification decision, and every movement of money staff record by hand, in Wagtail's own
audit log.

Decisions are written with `wagtail.log_actions.log`, so they appear in Reports → Site history and
in each object's history, with who (the entry's user), when (its timestamp), what (the action and
the object) and why (`data["reason"]`). Record inside the transaction that makes the decision, so a
decision and its entry are kept or lost together.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log

SELLER_APPROVED = "marketplace.seller_application.approve"
SELLER_REJECTED = "marketplace.seller_application.reject"
SELLER_SUSPENDED = "marketplace.seller.suspend"
SELLER_REINSTATED = "marketplace.seller.reinstate"
CERTIFICATE_VERIFIED = "marketplace.ocop_certificate.verify"
CERTIFICATE_REJECTED = "marketplace.ocop_certificate.reject"
CERTIFICATE_REVOKED = "marketplace.ocop_certificate.revoke"
GI_RIGHT_VERIFIED = "marketplace.gi_right.verify"
GI_RIGHT_REJECTED = "marketplace.gi_right.reject"
GI_RIGHT_REVOKED = "marketplace.gi_right.revoke"
REVIEW_APPROVED = "marketplace.review.approve"
REVIEW_REJECTED = "marketplace.review.reject"
TRANSFER_SETTLED = "marketplace.bank_transfer.settle"
REFUND_PAID = "marketplace.refund.mark_paid"
PAYOUT_RECORDED = "marketplace.payout.record"

# action: (label shown in filters, message shown in the history)
ACTIONS = {
    SELLER_APPROVED: (_("Duyệt hồ sơ người bán"), _("Đã duyệt hồ sơ đăng ký bán hàng")),
    SELLER_REJECTED: (_("Từ chối hồ sơ người bán"), _("Đã từ chối hồ sơ đăng ký bán hàng")),
    SELLER_SUSPENDED: (_("Đình chỉ người bán"), _("Đã đình chỉ người bán")),
    SELLER_REINSTATED: (_("Khôi phục người bán"), _("Đã khôi phục người bán")),
    CERTIFICATE_VERIFIED: (_("Xác minh chứng nhận OCOP"), _("Đã xác minh giấy chứng nhận OCOP")),
    CERTIFICATE_REJECTED: (_("Từ chối chứng nhận OCOP"), _("Đã từ chối giấy chứng nhận OCOP")),
    CERTIFICATE_REVOKED: (_("Thu hồi chứng nhận OCOP"), _("Đã thu hồi giấy chứng nhận OCOP")),
    GI_RIGHT_VERIFIED: (_("Xác minh quyền dùng CDĐL"), _("Đã xác minh quyền sử dụng chỉ dẫn địa lý")),
    GI_RIGHT_REJECTED: (_("Từ chối quyền dùng CDĐL"), _("Đã từ chối quyền sử dụng chỉ dẫn địa lý")),
    GI_RIGHT_REVOKED: (_("Thu hồi quyền dùng CDĐL"), _("Đã thu hồi quyền sử dụng chỉ dẫn địa lý")),
    REVIEW_APPROVED: (_("Duyệt đánh giá"), _("Đã duyệt đánh giá sản phẩm")),
    REVIEW_REJECTED: (_("Ẩn đánh giá"), _("Đã từ chối đánh giá sản phẩm")),
    TRANSFER_SETTLED: (_("Xử lý chuyển khoản"), _("Đã xử lý xong giao dịch chuyển khoản")),
    # For money, the "why" is the bank's reference of the transfer staff made.
    REFUND_PAID: (_("Chuyển hoàn tiền cho người mua"), _("Đã chuyển hoàn tiền cho người mua, mã giao dịch")),
    PAYOUT_RECORDED: (_("Chi trả cho người bán"), _("Đã chi trả cho người bán, mã giao dịch")),
}


class DecisionFormatter(LogFormatter):
    """Shows the decision and, when there is one, its reason or note."""

    def format_message(self, log_entry):
        reason = (log_entry.data or {}).get("reason")
        return f"{self.message}: {reason}" if reason else str(self.message)


def register_actions(actions):
    """Called by the `register_log_actions` hook (marketplace/wagtail_hooks.py)."""
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action)(
            type("DecisionFormatter", (DecisionFormatter,), {"label": label, "message": message})
        )


def record(instance, action, user, reason="", **data):
    """Write one decision to the audit log and return the entry."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    return wagtail_log(instance, action, user=user, data={"reason": reason, **data})
