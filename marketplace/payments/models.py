from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BankTransfer(models.Model):
    """One transfer the bank notified us of, kept whatever became of it: money is never lost."""

    class Outcome(models.TextChoices):
        MATCHED = "matched", _("Đã khớp, đơn đã thanh toán")
        UNDERPAID = "underpaid", _("Chuyển thiếu")
        OVERPAID = "overpaid", _("Chuyển thừa")
        NO_REFERENCE = "no_reference", _("Không có mã đơn trong nội dung")
        UNKNOWN_ORDER = "unknown_order", _("Mã đơn không tồn tại")
        NOT_PAYABLE = "not_payable", _("Đơn đã thanh toán, hết hạn hoặc bị hủy")
        OUTGOING = "outgoing", _("Tiền ra (không xử lý)")

    provider_id = models.CharField(_("mã giao dịch của cổng báo"), max_length=64, unique=True)
    gateway = models.CharField(_("ngân hàng"), max_length=64, blank=True)
    transaction_date = models.DateTimeField(_("thời điểm giao dịch"), null=True, blank=True)
    account_number = models.CharField(_("số tài khoản nhận"), max_length=32, blank=True)
    content = models.TextField(_("nội dung chuyển khoản"), blank=True)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    direction = models.CharField(_("chiều"), max_length=3)
    bank_reference = models.CharField(_("mã tham chiếu ngân hàng"), max_length=100, blank=True)
    order_reference = models.CharField(_("mã đơn tìm thấy"), max_length=32, blank=True)
    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, null=True, blank=True, related_name="bank_transfers",
        verbose_name=_("đơn hàng"),
    )
    outcome = models.CharField(_("kết quả"), max_length=16, choices=Outcome.choices)
    resolved = models.BooleanField(
        _("đã xử lý xong"), default=False, help_text=_("Cán bộ đánh dấu khi đã hoàn tiền hoặc đối soát tay.")
    )
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("cán bộ xử lý"),
    )
    settled_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    settlement_note = models.TextField(_("ghi chú xử lý"), blank=True)
    raw = models.JSONField(_("dữ liệu gốc"))
    received_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("giao dịch chuyển khoản")
        verbose_name_plural = _("giao dịch chuyển khoản")

    def __str__(self):
        return f"{self.gateway} {self.provider_id}: {self.amount} ₫ ({self.get_outcome_display()})"

    @property
    def needs_staff(self) -> bool:
        return self.outcome not in (self.Outcome.MATCHED, self.Outcome.OUTGOING) and not self.resolved


class CardPayment(models.Model):
    """A Stripe PaymentIntent for an order, and what Stripe last told us of it."""

    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="card_payments")
    payment_intent_id = models.CharField(max_length=64, unique=True)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    status = models.CharField(_("trạng thái Stripe"), max_length=32)
    problem = models.CharField(_("vấn đề"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thanh toán thẻ")
        verbose_name_plural = _("thanh toán thẻ")

    def __str__(self):
        return f"{self.payment_intent_id} ({self.status})"


class StripeEvent(models.Model):
    """Events already handled: Stripe retries and may replay them, and each must count once."""

    event_id = models.CharField(max_length=64, unique=True)
    type = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sự kiện Stripe")
        verbose_name_plural = _("sự kiện Stripe")

    def __str__(self):
        return f"{self.type} {self.event_id}"
