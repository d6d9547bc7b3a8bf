"""Province staff verify OCOP certificates in Wagtail's admin (/cms-admin/ocop-certificates/):
verify a pending one, reject it with a reason, or revoke a verified one with a reason."""

from django.utils.translation import gettext_lazy as _

from catalog import certificate_decisions
from catalog.models import OcopCertificate
from marketplace.decision_views import Decision, QueueViewSet

Status = OcopCertificate.Status

DECISIONS = (
    Decision(
        name="verify", label=_("Xác minh"), page_title=_("Xác minh giấy chứng nhận OCOP"),
        applies=lambda certificate: certificate.status == Status.PENDING,
        perform=certificate_decisions.verify,
        explanation=_("Đã đối chiếu số quyết định, ngày, cơ quan ban hành và số sao với bản chụp: huy hiệu OCOP "
                      "sẽ hiện trên trang sản phẩm ngay, và người bán nhận email."),
        success=_("Đã xác minh %(object)s."),
    ),
    Decision(
        name="reject", label=_("Từ chối"), page_title=_("Từ chối giấy chứng nhận OCOP"),
        applies=lambda certificate: certificate.status == Status.PENDING,
        perform=certificate_decisions.reject, reason_label=_("Lý do từ chối (gửi cho người bán)"),
        icon="cross", refusal=True, success=_("Đã từ chối %(object)s; người bán sẽ nhận lý do qua email."),
    ),
    Decision(
        name="revoke", label=_("Thu hồi"), page_title=_("Thu hồi giấy chứng nhận OCOP"),
        applies=lambda certificate: certificate.status == Status.VERIFIED,
        perform=certificate_decisions.revoke, reason_label=_("Lý do thu hồi (gửi cho người bán)"),
        explanation=_("Huy hiệu OCOP sẽ biến mất khỏi trang sản phẩm ngay."),
        icon="cross", refusal=True, success=_("Đã thu hồi %(object)s; huy hiệu đã gỡ khỏi sản phẩm."),
    ),
)


class CertificateReviewViewSet(QueueViewSet):
    model = OcopCertificate
    name = "ocop-certificates"
    icon = "success"
    menu_label = _("Xác minh chứng nhận OCOP")
    menu_order = 251
    decisions = DECISIONS
    document_field = "document"
    select_related = ("product__seller", "verified_by")
    inspect_view_fields = [
        "status", "product", "stars", "group", "decision_number", "decision_date", "valid_until", "issuer",
        "issuer_name", "verified_by", "verified_at", "decision_reason",
    ]
    list_display = ["decision_number", "product", "stars", "issuer_name", "decision_date", "status"]
    list_filter = ["status", "stars", "issuer"]
    search_fields = ["decision_number", "product__title", "issuer_name"]
    # "pending" sorts first alphabetically: the queue opens on what waits for a decision.
    ordering = ["status", "-id"]
