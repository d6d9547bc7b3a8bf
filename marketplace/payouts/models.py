from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sellers.banks import BANK_CHOICES


class CommissionRate(models.Model):
    """A seller's own commission percentage, in place of MARKETPLACE_COMMISSION_PERCENT."""

    seller = models.OneToOneField(
        "partner.Partner", on_delete=models.CASCADE, related_name="commission_rate", verbose_name=_("người bán")
    )
    percent = models.DecimalField(
        _("phần trăm hoa hồng"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mức hoa hồng riêng")
        verbose_name_plural = _("mức hoa hồng riêng")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__gte=0, percent__lte=100), name="commission_percent_0_to_100"
            ),
        ]

    def __str__(self):
        return f"{self.seller}: {self.percent}%"


class Payout(models.Model):
    """Money staff transferred to a seller's account, out of what the marketplace owed it."""

    seller = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="payouts", verbose_name=_("người bán")
    )
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    bank_reference = models.CharField(_("mã giao dịch ngân hàng"), max_length=100)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người ghi nhận")
    )
    created_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("khoản chi trả cho người bán")
        verbose_name_plural = _("khoản chi trả cho người bán")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="payout_amount_positive")]

    def __str__(self):
        return f"{self.seller}: {self.amount} ₫ ({self.bank_reference})"


class Refund(models.Model):
    """Money owed back to a buyer for a cancelled part of a paid order: refunded to the card by
    Stripe, or (bank transfer) owed until staff transfer it and mark it paid."""

    class Method(models.TextChoices):
        CARD = "card", _("Hoàn về thẻ (Stripe)")
        BANK_TRANSFER = "bank", _("Chuyển khoản hoàn lại")

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang gửi yêu cầu hoàn tiền")
        FAILED = "failed", _("Lỗi, sẽ thử lại")
        SUCCEEDED = "succeeded", _("Đã hoàn về thẻ")
        OWED = "owed", _("Chờ cán bộ chuyển khoản hoàn")
        PAID = "paid", _("Đã chuyển khoản hoàn")

    DONE = (Status.SUCCEEDED, Status.PAID)

    part = models.OneToOneField(
        "order.OrderPart", on_delete=models.PROTECT, related_name="refund", verbose_name=_("phần đơn")
    )
    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, related_name="refunds", verbose_name=_("đơn hàng")
    )
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    method = models.CharField(_("cách hoàn"), max_length=4, choices=Method.choices)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices)
    payment_intent_id = models.CharField(_("PaymentIntent"), max_length=64, blank=True)
    stripe_refund_id = models.CharField(_("mã hoàn tiền Stripe"), max_length=64, blank=True)
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=300, blank=True)
    last_attempt_at = models.DateTimeField(_("gửi gần nhất lúc"), null=True, blank=True)
    bank_reference = models.CharField(_("mã giao dịch chuyển khoản hoàn"), max_length=100, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("cán bộ chuyển khoản"),
    )
    completed_at = models.DateTimeField(_("hoàn xong lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    # Where a bank-transfer refund goes: the buyer gives it on the order page (refund_accounts.py).
    buyer_bank_bin = models.CharField(_("ngân hàng người mua"), max_length=6, choices=BANK_CHOICES, blank=True)
    buyer_account_number = models.CharField(_("số tài khoản người mua"), max_length=19, blank=True)
    buyer_account_name = models.CharField(_("tên chủ tài khoản người mua"), max_length=100, blank=True)
    buyer_account_given_at = models.DateTimeField(_("người mua cho tài khoản lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("khoản hoàn tiền")
        verbose_name_plural = _("khoản hoàn tiền")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0), name="refund_amount_not_negative")]

    def __str__(self):
        return f"{self.part}: {self.amount} ₫ ({self.get_status_display()})"

    @property
    def is_done(self) -> bool:
        return self.status in self.DONE

    @property
    def account_given(self) -> bool:
        return bool(self.buyer_account_number)


class LedgerEntry(models.Model):
    """One movement of what the marketplace owes a seller, in whole đồng (positive: owed to the
    seller). What a seller is due is the sum of its entries; every entry but a payout names the
    order part it comes from."""

    class Kind(models.TextChoices):
        SALE = "sale", _("Doanh thu bán hàng")
        COMMISSION = "commission", _("Hoa hồng sàn")
        REFUND = "refund", _("Hoàn tiền cho người mua")
        COMMISSION_REVERSAL = "commission_reversal", _("Hoàn hoa hồng do hủy đơn")
        PAYOUT = "payout", _("Đã chi trả")

    seller = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="ledger_entries", verbose_name=_("người bán")
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    part = models.ForeignKey(
        "order.OrderPart", on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entries",
        verbose_name=_("phần đơn"),
    )
    payout = models.OneToOneField(
        Payout, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entry",
        verbose_name=_("khoản chi trả"),
    )
    commission_percent = models.DecimalField(
        _("phần trăm hoa hồng áp dụng"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(_("ghi sổ lúc"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bút toán người bán")
        verbose_name_plural = _("sổ cái người bán")
        constraints = [
            # A part is sold, charged commission and refunded at most once each: a replayed signal or
            # task cannot count it twice.
            models.UniqueConstraint(fields=["part", "kind"], name="one_entry_per_part_and_kind"),
            models.CheckConstraint(
                condition=models.Q(kind="payout", payout__isnull=False, part__isnull=True)
                | (~models.Q(kind="payout") & models.Q(part__isnull=False, payout__isnull=True)),
                name="entry_traceable_to_part_or_payout",
            ),
        ]

    def __str__(self):
        return f"{self.seller} {self.get_kind_display()}: {self.amount} ₫"


class OrderEmail(models.Model):
    """An e-mail about an order, recorded when sent so a retried task never sends it twice.

    Kept here because the order app's schema is not this app's to change; the key says which
    message for which order or part (e.g. "shipped:42").
    """

    key = models.CharField(max_length=80, unique=True)
    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="emails")
    recipients = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thư về đơn hàng")
        verbose_name_plural = _("thư về đơn hàng")

    def __str__(self):
        return self.key
