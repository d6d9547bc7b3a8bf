from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SellerShippingRule(models.Model):
    """What one seller charges to ship a parcel to a province (or to everywhere else).

    A cooperative thinks "30.000 ₫ for the first kilo, 10.000 ₫ for each further half kilo, free
    above 500.000 ₫": the rule is exactly that, in whole đồng and grams.
    """

    seller = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="shipping_rules", verbose_name=_("người bán")
    )
    province = models.ForeignKey(
        "geo_indications.Province", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("tỉnh/thành nhận hàng"), help_text=_("Để trống: áp dụng cho mọi nơi khác."),
    )
    first_weight = models.PositiveIntegerField(
        _("khối lượng đầu (g)"), default=1000, validators=[MinValueValidator(1)]
    )
    first_charge = models.PositiveBigIntegerField(_("phí cho khối lượng đầu (đồng)"))
    step_weight = models.PositiveIntegerField(
        _("mỗi nấc thêm (g)"), default=500, validators=[MinValueValidator(1)]
    )
    step_charge = models.PositiveBigIntegerField(_("phí mỗi nấc thêm (đồng)"), default=0)
    free_from = models.PositiveBigIntegerField(
        _("miễn phí từ (đồng)"), null=True, blank=True,
        help_text=_("Đơn của bạn từ số tiền này trở lên được miễn phí vận chuyển. Để trống: không miễn phí."),
    )
    default_weight = models.PositiveIntegerField(
        _("khối lượng mặc định một sản phẩm (g)"), default=500, validators=[MinValueValidator(1)],
        help_text=_("Dùng cho sản phẩm chưa khai báo khối lượng."),
    )

    class Meta:
        ordering = ["seller", "province__name"]
        verbose_name = _("biểu phí vận chuyển")
        verbose_name_plural = _("biểu phí vận chuyển")
        constraints = [
            models.UniqueConstraint(fields=["seller", "province"], name="one_rule_per_seller_province"),
            # NULLs are distinct in a unique index: "everywhere else" needs its own constraint.
            models.UniqueConstraint(
                fields=["seller"], condition=Q(province__isnull=True), name="one_fallback_rule_per_seller"
            ),
        ]

    def __str__(self):
        return f"{self.seller}: {self.province or _('mọi nơi khác')}"

    def charge_for(self, grams: int, subtotal: int) -> int:
        """The charge in đồng for a parcel of `grams` when the seller's goods cost `subtotal`."""
        if self.free_from is not None and subtotal >= self.free_from:
            return 0
        extra = max(0, grams - self.first_weight)
        steps = -(-extra // self.step_weight)  # ceiling division: a started step is charged
        return self.first_charge + steps * self.step_charge


from oscar.apps.shipping.models import *  # noqa: E402,F403
