import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.partner.abstract_models import AbstractPartner, AbstractStockRecord

from marketplace.money import is_whole_dong
from marketplace.private_storage import private_storage
from marketplace.text import unique_slug
from sellers.availability import count_shown
from sellers.banks import BANK_CHOICES, bank_name


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
    # The latest suspension or reinstatement (sellers.suspension): the seller's banner and the e-mail
    # read it; every decision, older ones included, is in the audit log.
    status_reason = models.TextField(_("lý do đình chỉ hoặc khôi phục"), blank=True)
    status_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("cán bộ quyết định"),
    )
    status_decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    # Set by the e-mail task so that a task run twice does not write to the seller twice.
    decision_email_sent_at = models.DateTimeField(_("đã báo quyết định lúc"), null=True, blank=True)

    class Meta(AbstractPartner.Meta):
        # Not Django's change_partner: that one also opens Oscar's dashboard partner pages, where
        # a seller's logins are managed (sellers.suspension_views).
        permissions = (*AbstractPartner.Meta.permissions,
                       ("suspend_partner", _("Có thể đình chỉ và khôi phục người bán")))

    @property
    def is_suspended(self):
        """Suspended by province staff (an active seller has never been, or was reinstated)."""
        return not self.is_active

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

    # Fields that move with every order and every count a seller enters. Product cards, facets and
    # search documents show only whether a product is in stock; its own page, how many when few are left.
    COUNT_FIELDS = frozenset({"num_in_stock", "num_allocated", "date_updated"})

    @classmethod
    def from_db(cls, db, field_names, values):
        record = super().from_db(db, field_names, values)
        record._remember_saved()
        return record

    def _remember_saved(self):
        self._saved = {f.attname: self.__dict__.get(f.attname, models.DEFERRED) for f in self._meta.concrete_fields}

    @staticmethod
    def _net(values) -> int:
        return (values["num_in_stock"] or 0) - (values["num_allocated"] or 0)

    def _before_and_now(self):
        before = getattr(self, "_saved", None)
        if before is None or models.DEFERRED in before.values():
            return None, None
        return before, {name: self.__dict__.get(name, models.DEFERRED) for name in before}

    def only_count_moved(self) -> bool:
        """Whether what was just written changed how many are in stock and nothing else: not whether
        any is, nor the price. Unknown (a new record, a field never loaded) counts as more."""
        before, now = self._before_and_now()
        if before is None or {name for name in before if before[name] != now[name]} - self.COUNT_FIELDS:
            return False
        return (self._net(before) > 0) == (self._net(now) > 0)

    def shown_count_moved(self) -> bool:
        """Whether the product page's words for the stock changed with what was just written ("Chỉ
        còn 3" to "Chỉ còn 2"), rather than one count of plenty to another (sellers/availability.py)."""
        before, now = self._before_and_now()
        if before is None:
            return True
        return count_shown(self._net(before)) != count_shown(self._net(now))

    def post_save_signal(self):
        # Oscar's allocate, consume_allocation and cancel_allocation announce their UPDATE with this.
        super().post_save_signal()
        self._remember_saved()

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
        self._remember_saved()


class SellerBankAccount(models.Model):
    """The account a seller's payouts go to.

    Its own table rather than fields on Partner: payouts are a separate concern with their own
    readers (finance, not the storefront), an account may be changed and later re-verified without
    touching the seller, and Oscar's Partner stays what Oscar knows.
    """

    seller = models.OneToOneField(
        Partner, on_delete=models.CASCADE, related_name="bank_account", verbose_name=_("người bán")
    )
    bank_bin = models.CharField(_("ngân hàng"), max_length=6, choices=BANK_CHOICES)
    account_number = models.CharField(_("số tài khoản"), max_length=19)
    account_name = models.CharField(_("tên chủ tài khoản"), max_length=100)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("tài khoản nhận tiền")
        verbose_name_plural = _("tài khoản nhận tiền")

    def __str__(self):
        return f"{self.account_number} — {self.bank_name}"

    @property
    def bank_name(self):
        return bank_name(self.bank_bin)


class SellerApplication(models.Model):
    """A producer's request to sell on the marketplace, reviewed by province staff."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Bị từ chối")

    kind = models.CharField(_("loại hình"), max_length=3, choices=Partner.Kind.choices)
    name = models.CharField(_("tên cơ sở"), max_length=128)
    registration_number = models.CharField(_("số đăng ký kinh doanh / HTX"), max_length=30)
    tax_code = models.CharField(_("mã số thuế"), max_length=14)
    representative = models.CharField(_("người đại diện"), max_length=128)
    phone = models.CharField(_("điện thoại"), max_length=20)
    email = models.EmailField(_("thư điện tử"))
    province = models.ForeignKey(
        "geo_indications.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh")
    )
    commune = models.ForeignKey(
        "geo_indications.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("xã/phường")
    )
    street_address = models.CharField(_("địa chỉ (thôn, xóm, số nhà)"), max_length=255)
    bank_bin = models.CharField(_("ngân hàng"), max_length=6, choices=BANK_CHOICES)
    bank_account_number = models.CharField(_("số tài khoản"), max_length=19)
    bank_account_name = models.CharField(_("tên chủ tài khoản"), max_length=100)
    consented_at = models.DateTimeField(_("đồng ý điều khoản lúc"))
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("cán bộ duyệt"),
    )
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    rejection_reason = models.TextField(_("lý do từ chối"), blank=True)
    seller = models.ForeignKey(
        Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications",
        verbose_name=_("người bán đã tạo"),
    )
    # Set by the e-mail tasks so that a task run twice does not write to the applicant twice.
    received_email_sent_at = models.DateTimeField(_("đã báo nhận hồ sơ lúc"), null=True, blank=True)
    decision_email_sent_at = models.DateTimeField(_("đã báo kết quả lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hồ sơ đăng ký bán hàng")
        verbose_name_plural = _("hồ sơ đăng ký bán hàng")

    def __str__(self):
        return self.name

    @property
    def bank_name(self):
        return bank_name(self.bank_bin)

    @property
    def is_decided(self):
        return self.status != self.Status.SUBMITTED


def application_document_path(instance, filename):
    # Unguessable names: these are identity and registration papers, never listed or linked publicly.
    extension = "pdf" if instance.kind == SellerApplicationDocument.Kind.PDF else filename.rsplit(".", 1)[-1]
    return f"seller-applications/{uuid.uuid4().hex}.{extension.lower()[:5]}"


class SellerApplicationDocument(models.Model):
    """A supporting paper attached to an application: a PDF or a photo, checked by its bytes."""

    class Kind(models.TextChoices):
        PDF = "pdf", _("PDF")
        IMAGE = "image", _("Ảnh")

    application = models.ForeignKey(
        SellerApplication, on_delete=models.CASCADE, related_name="documents", verbose_name=_("hồ sơ")
    )
    kind = models.CharField(_("loại tệp"), max_length=5, choices=Kind.choices)
    file = models.FileField(
        _("tệp"), upload_to=application_document_path, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=200)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("giấy tờ kèm theo")
        verbose_name_plural = _("giấy tờ kèm theo")

    def __str__(self):
        return self.original_name


from oscar.apps.partner.models import *  # noqa: E402,F403

from sellers.imports.models import ImportJob  # noqa: E402,F401  (registers the model)
