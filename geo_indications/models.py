from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.private_storage import private_storage


class Province(models.Model):
    """A province or centrally-run city, as numbered by the statistics office (Thái Nguyên = 19)."""

    code = models.PositiveIntegerField(_("mã"), primary_key=True)
    name = models.CharField(_("tên"), max_length=100)
    division_type = models.CharField(_("loại"), max_length=40)
    codename = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tỉnh/thành phố")
        verbose_name_plural = _("tỉnh/thành phố")

    def __str__(self):
        return self.name


class Commune(models.Model):
    """A commune (xã), ward (phường) or special zone (đặc khu): the second and last tier."""

    code = models.PositiveIntegerField(_("mã"), primary_key=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes", verbose_name=_("tỉnh")
    )
    name = models.CharField(_("tên"), max_length=100)
    division_type = models.CharField(_("loại"), max_length=40)
    codename = models.SlugField(max_length=100)

    class Meta:
        ordering = ["province__name", "name"]
        verbose_name = _("xã/phường")
        verbose_name_plural = _("xã/phường")

    def __str__(self):
        return f"{self.name}, {self.province.name}"


class LegacyWard(models.Model):
    """A commune or ward as it was before July 2025 (with its district), and the current
    communes it became: old addresses still appear on certificates and in people's heads."""

    code = models.PositiveIntegerField(_("mã cũ"), primary_key=True)
    name = models.CharField(_("tên"), max_length=100)
    division_type = models.CharField(_("loại"), max_length=40)
    district_code = models.PositiveIntegerField(_("mã huyện cũ"))
    district_name = models.CharField(_("huyện cũ"), max_length=100)
    province_code = models.PositiveIntegerField(_("mã tỉnh cũ"))
    province_name = models.CharField(_("tỉnh cũ"), max_length=100)
    communes = models.ManyToManyField(
        Commune, related_name="legacy_wards", verbose_name=_("xã/phường hiện nay")
    )
    # Folded names without their unit type ("Xã Tân Cương" → "tan cuong"), for lookups by name.
    name_key = models.CharField(max_length=100, db_index=True)
    district_key = models.CharField(max_length=100, db_index=True)
    province_key = models.CharField(max_length=100)

    class Meta:
        ordering = ["province_name", "district_name", "name"]
        verbose_name = _("đơn vị hành chính cũ")
        verbose_name_plural = _("đơn vị hành chính cũ")

    def __str__(self):
        return f"{self.name}, {self.district_name}, {self.province_name}"


class GeographicIndication(models.Model):
    """A GI registered with Vietnam's IP Office. GIs do not expire; the State owns every one."""

    class Status(models.TextChoices):
        PROTECTED = "protected", _("Đang được bảo hộ")
        CANCELLED = "cancelled", _("Đã bị hủy")

    slug = models.SlugField(max_length=120, unique=True)
    name_vi = models.CharField(_("tên (tiếng Việt)"), max_length=200)
    name_en = models.CharField(_("tên (tiếng Anh)"), max_length=200, blank=True)
    certificate_number = models.CharField(_("số văn bằng"), max_length=20, blank=True)
    grant_decision = models.CharField(_("quyết định cấp"), max_length=100, blank=True)
    granted_on = models.DateField(_("ngày cấp"), null=True, blank=True)
    product_type = models.CharField(_("sản phẩm"), max_length=200)
    managing_organisation = models.CharField(_("tổ chức quản lý"), max_length=300)
    protected_communes = models.ManyToManyField(
        Commune, related_name="geographic_indications", blank=True,
        verbose_name=_("khu vực bảo hộ (xã/phường)"),
    )
    area_description = models.TextField(_("mô tả khu vực bảo hộ"), blank=True)
    categories = models.ManyToManyField(
        "catalogue.Category", related_name="geographic_indications", blank=True,
        verbose_name=_("loại sản phẩm được dùng"),
        help_text=_("Danh mục sản phẩm được mang chỉ dẫn này; để trống nếu không giới hạn."),
    )
    description = models.TextField(_("giới thiệu"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PROTECTED
    )

    class Meta:
        ordering = ["name_vi"]
        verbose_name = _("chỉ dẫn địa lý")
        verbose_name_plural = _("chỉ dẫn địa lý")

    def __str__(self):
        return self.name_vi


class GIRightQuerySet(models.QuerySet):
    def awaiting_verification(self):
        """Rights a seller submitted that staff have neither verified nor rejected."""
        return self.filter(verified_at__isnull=True, rejected_at__isnull=True, revoked_at__isnull=True)

    def valid_on(self, day: date | None = None):
        """Rights that are verified, not revoked, and in force on the given day (today by default)."""
        day = day or timezone.localdate()
        return self.filter(
            verified_at__isnull=False,
            revoked_at__isnull=True,
            valid_from__lte=day,
            geographic_indication__status=GeographicIndication.Status.PROTECTED,
        ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))


class GIRight(models.Model):
    """A seller's right to use a GI, granted (and withdrawable) by the GI's managing body."""

    seller = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="gi_rights",
        verbose_name=_("người bán"),
    )
    geographic_indication = models.ForeignKey(
        GeographicIndication, on_delete=models.PROTECT, related_name="rights",
        verbose_name=_("chỉ dẫn địa lý"),
    )
    document_number = models.CharField(_("số quyết định cho phép sử dụng"), max_length=100)
    document = models.FileField(_("văn bản"), upload_to="gi-rights/", storage=private_storage, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    verified_at = models.DateTimeField(_("xác minh lúc"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("người xác minh"),
    )
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_reason = models.TextField(_("lý do thu hồi"), blank=True)
    rejected_at = models.DateTimeField(_("từ chối lúc"), null=True, blank=True)
    rejection_reason = models.TextField(_("lý do từ chối"), blank=True)
    decision_email_sent_at = models.DateTimeField(_("đã báo người bán lúc"), null=True, blank=True)

    objects = GIRightQuerySet.as_manager()

    class Meta:
        verbose_name = _("quyền sử dụng chỉ dẫn địa lý")
        verbose_name_plural = _("quyền sử dụng chỉ dẫn địa lý")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="gi_right_valid_until_after_valid_from",
            )
        ]

    def __str__(self):
        return f"{self.seller} — {self.geographic_indication}"

    @property
    def is_awaiting_verification(self) -> bool:
        return self.verified_at is None and self.rejected_at is None and self.revoked_at is None

    @property
    def is_verified(self) -> bool:
        """Verified and not revoked (whether in force today depends on its dates: see valid_on)."""
        return self.verified_at is not None and self.revoked_at is None

    @property
    def review_status(self) -> str:
        """Where the right stands with staff, in Vietnamese."""
        if self.revoked_at:
            return _("Đã thu hồi")
        if self.rejected_at:
            return _("Bị từ chối")
        if self.verified_at:
            return _("Đã xác minh")
        return _("Chờ xác minh")
