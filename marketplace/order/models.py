from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractShippingAddress
from oscar.apps.order.abstract_models import AbstractOrder


class Order(AbstractOrder):
    """One buyer's order; each seller fulfils its own part (`OrderPart`)."""

    class PaymentState(models.TextChoices):
        PENDING = "pending", _("Chờ thanh toán")
        PAID = "paid", _("Đã thanh toán")
        EXPIRED = "expired", _("Hết hạn thanh toán")
        REFUNDED = "refunded", _("Đã hoàn tiền")

    payment_state = models.CharField(
        _("trạng thái thanh toán"), max_length=10, choices=PaymentState.choices,
        default=PaymentState.PENDING, db_index=True,
    )
    paid_at = models.DateTimeField(_("thanh toán lúc"), null=True, blank=True)

    class Meta(AbstractOrder.Meta):
        pass

    @property
    def payment_method(self) -> str:
        """The code of the method chosen at checkout ("vietqr", "card"), from its payment Source."""
        source = self.sources.select_related("source_type").first()
        return source.source_type.code if source else ""


class ShippingAddress(AbstractShippingAddress):
    """Where an order goes: the street in Oscar's text lines, the place on today's two tiers."""

    commune = models.ForeignKey(
        "geo_indications.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("xã/phường"),
    )
    # Vietnamese postcodes exist but buyers do not know theirs; the commune places the parcel.
    POSTCODE_REQUIRED = False

    class Meta(AbstractShippingAddress.Meta):
        pass

    def populate_alternative_model(self, address_model):
        # Oscar copies only its own fields between order and address book addresses.
        super().populate_alternative_model(address_model)
        if hasattr(address_model, "commune_id"):
            address_model.commune_id = self.commune_id


class OrderPart(models.Model):
    """The part of an order one seller fulfils: its lines, its shipping, its own status."""

    class Status(models.TextChoices):
        NEW = "new", _("Mới")
        ACCEPTED = "accepted", _("Đã nhận đơn")
        SHIPPED = "shipped", _("Đang giao")
        DELIVERED = "delivered", _("Đã giao")
        CANCELLED = "cancelled", _("Đã hủy")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="parts", verbose_name=_("đơn hàng"))
    seller = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="order_parts", verbose_name=_("người bán")
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.NEW)
    shipping_charge = models.DecimalField(_("phí vận chuyển"), max_digits=12, decimal_places=2, default=0)
    carrier = models.CharField(_("đơn vị vận chuyển"), max_length=100, blank=True)
    tracking_number = models.CharField(_("mã vận đơn"), max_length=100, blank=True)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    # When each step happened: reminders, deadlines and the seller's figures are computed from these.
    accepted_at = models.DateTimeField(_("nhận đơn lúc"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("giao cho vận chuyển lúc"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("đã giao lúc"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("nhắc người bán lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "seller__name"]
        verbose_name = _("phần đơn của người bán")
        verbose_name_plural = _("phần đơn của người bán")
        constraints = [models.UniqueConstraint(fields=["order", "seller"], name="one_part_per_seller")]

    def __str__(self):
        return f"{self.order.number} / {self.seller}"

    @property
    def lines(self):
        return self.order.lines.filter(partner=self.seller)


from oscar.apps.order.models import *  # noqa: E402,F403
