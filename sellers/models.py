from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.partner.abstract_models import AbstractPartner, AbstractStockRecord

from marketplace.money import is_whole_dong
from marketplace.text import unique_slug


def validate_whole_dong(value):
    if value is not None and not is_whole_dong(value):
        raise ValidationError(_("Giá phải là số đồng chẵn, không có phần lẻ (ví dụ 150000)."))


class Partner(AbstractPartner):
    """A seller on the marketplace: a cooperative, cooperative group, SME or household business."""

    class Kind(models.TextChoices):
        COOPERATIVE = "htx", _("Hợp tác xã")
        COOPERATIVE_GROUP = "tht", _("Tổ hợp tác")
        SME = "dn", _("Doanh nghiệp nhỏ và vừa")
        HOUSEHOLD = "hkd", _("Hộ kinh doanh")

    slug = models.SlugField(_("đường dẫn"), max_length=140, unique=True, null=True, blank=True)
    kind = models.CharField(_("loại hình"), max_length=3, choices=Kind.choices, default=Kind.HOUSEHOLD)
    commune = models.ForeignKey(
        "geo_indications.Commune", on_delete=models.PROTECT, null=True, blank=True,
        related_name="sellers", verbose_name=_("xã/phường"),
    )
    street_address = models.CharField(_("địa chỉ (thôn, xóm, số nhà)"), max_length=255, blank=True)
    tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True)
    representative = models.CharField(_("người đại diện"), max_length=128, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    story = models.TextField(_("câu chuyện"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    joined_at = models.DateTimeField(_("tham gia lúc"), auto_now_add=True, null=True)

    class Meta(AbstractPartner.Meta):
        pass

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("sellers:producer", kwargs={"slug": self.slug})


class OutOfStock(UnableToPlaceOrder):
    """Fewer units are left than an order asks for: the order is not placed at all."""


class StockRecord(AbstractStockRecord):
    price = models.DecimalField(
        _("giá (đồng)"), decimal_places=2, max_digits=12, blank=True, null=True,
        validators=[validate_whole_dong],
    )

    class Meta(AbstractStockRecord.Meta):
        pass

    def allocate(self, quantity):
        """Reserve units for an order, or raise OutOfStock: never more than are in stock.

        One conditional UPDATE: concurrent buyers of the last units queue on the row lock and
        the condition is checked again for each, so exactly as many orders succeed as there are
        units. The order's transaction rolls back whole when this raises.
        """
        if not self.can_track_allocations:
            return
        self.pre_save_signal()
        reserved = type(self).objects.filter(
            pk=self.pk, num_in_stock__gte=Coalesce(F("num_allocated"), 0) + quantity
        ).update(num_allocated=Coalesce(F("num_allocated"), 0) + quantity)
        if not reserved:
            self.refresh_from_db(fields=["num_in_stock", "num_allocated"])
            raise OutOfStock(
                _("«%(product)s» chỉ còn %(left)s, không đủ %(wanted)s như bạn đặt.")
                % {"product": self.product.get_title(), "left": max(self.net_stock_level, 0), "wanted": quantity}
            )
        self.refresh_from_db(fields=["num_allocated"])
        self.post_save_signal()

    def save(self, *args, **kwargs):
        # Forms validate; this guards every other path, so a fraction of a đồng is never stored.
        if self.price is not None and not is_whole_dong(self.price):
            raise ValueError(f"Price {self.price} is not a whole number of đồng")
        super().save(*args, **kwargs)


from oscar.apps.partner.models import *  # noqa: E402,F403
