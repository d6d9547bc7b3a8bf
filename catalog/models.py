from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import (
    AbstractProduct,
    AbstractProductClass,
    AbstractProductImage,
)
from oscar.utils.models import get_image_upload_path

from catalog.image_uploads import sanitised_image, validate_image_upload
from catalog.ocop import CERTIFIED_STARS, OcopGroup, certificate_expiry
from marketplace.private_storage import private_storage
from marketplace.sanitise import clean_html


class ProductClass(AbstractProductClass):
    ocop_group = models.PositiveSmallIntegerField(
        _("nhóm OCOP"), choices=OcopGroup.choices, null=True, blank=True
    )


class Product(AbstractProduct):
    seller = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, null=True, blank=True,
        related_name="products", verbose_name=_("người bán"),
    )
    origin_commune = models.ForeignKey(
        "geo_indications.Commune", on_delete=models.PROTECT, null=True, blank=True,
        related_name="products", verbose_name=_("xã/phường xuất xứ"),
    )
    geographic_indication = models.ForeignKey(
        "geo_indications.GeographicIndication", on_delete=models.PROTECT, null=True, blank=True,
        related_name="products", verbose_name=_("chỉ dẫn địa lý"),
    )

    def sorted_recommended_products(self):
        """Oscar's recommendations, in their ranking, loaded for the cards its product page draws for
        each in a fixed number of queries (Oscar's own loads each card's rows one product at a time),
        and only those that may be bought now."""
        ids = list(self.primary_recommendations.values_list("recommendation_id", flat=True))
        found = type(self).objects.for_cards().in_bulk(ids) if ids else {}
        return [found[pk] for pk in ids if pk in found]

    @property
    def provenance_source(self):
        """Variants share their parent's seller, origin, GI and certificates."""
        return self.parent if self.is_child else self

    @property
    def ocop_badge(self):
        """The certificate to show as a badge (most stars, newest), or None.

        Reads what `with_provenance()` prefetched; queries when it was not used.
        """
        source = self.provenance_source
        certificates = getattr(source, "valid_ocop_certificates", None)
        if certificates is None:
            certificates = source.ocop_certificates.valid_on().order_by("-stars", "-decision_date")[:1]
        return next(iter(certificates), None)

    @property
    def gi_badge(self):
        """The product's GI when it may be shown today, or None."""
        from geo_indications.rules import gi_claim_errors

        source = self.provenance_source
        gi = source.geographic_indication
        if gi is None:
            return None
        if hasattr(source, "gi_right_valid"):
            shown = (
                source.gi_right_valid
                and source.gi_origin_protected
                and source.gi_category_allowed
                and gi.status == gi.Status.PROTECTED
            )
            return gi if shown else None
        errors = gi_claim_errors(
            seller=source.seller, geographic_indication=gi, origin_commune=source.origin_commune,
            categories=source.categories.all(),
        )
        return None if errors else gi

    def is_review_permitted(self, user):
        """Only a buyer who received this product may review it, once (catalog.reviews.eligibility)."""
        from catalog.reviews.eligibility import review_refusal

        return review_refusal(self, user) is None

    def save(self, *args, **kwargs):
        # Descriptions are shown as HTML (Oscar renders them `|safe`): only safe formatting is kept.
        self.description = clean_html(self.description)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        from geo_indications.rules import gi_claim_errors

        if self.geographic_indication_id and not self.is_child:
            errors = gi_claim_errors(
                seller=self.seller,
                geographic_indication=self.geographic_indication,
                origin_commune=self.origin_commune,
                categories=self.categories.all() if self.pk else (),
            )
            if errors:
                raise ValidationError({"geographic_indication": errors})


class ProductImage(AbstractProductImage):
    original = models.ImageField(
        _("ảnh gốc"), upload_to=get_image_upload_path, max_length=255,
        validators=[validate_image_upload],
    )
    caption = models.CharField(
        _("mô tả ảnh"), max_length=200, blank=True,
        help_text=_("Mô tả ngắn cho người khiếm thị và công cụ tìm kiếm, ví dụ: Búp chè Tân Cương khô."),
    )

    class Meta(AbstractProductImage.Meta):
        pass

    def save(self, *args, **kwargs):
        # Only a new upload is re-encoded; a stored file was cleaned when it arrived.
        if self.original and not self.original._committed:
            self.original = sanitised_image(self.original)
        super().save(*args, **kwargs)

    @property
    def alt_text(self):
        return self.caption or self.product.get_title()


class OcopCertificateQuerySet(models.QuerySet):
    def valid_on(self, day=None):
        """Certificates that may be shown as a badge: verified, not revoked, not expired."""
        day = day or timezone.localdate()
        return self.filter(
            status=OcopCertificate.Status.VERIFIED,
            decision_date__lte=day,
            valid_until__gte=day,
        )


class OcopCertificate(models.Model):
    """A product's OCOP certificate: 3 to 5 stars, valid 36 months from its decision."""

    class Issuer(models.TextChoices):
        PROVINCE = "province", _("UBND tỉnh")
        MINISTRY = "ministry", _("Bộ Nông nghiệp và Môi trường")
        FORMER_DISTRICT = "district", _("UBND huyện (cũ)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xác minh")
        VERIFIED = "verified", _("Đã xác minh")
        REJECTED = "rejected", _("Bị từ chối")
        REVOKED = "revoked", _("Đã thu hồi")

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="ocop_certificates",
        verbose_name=_("sản phẩm"),
    )
    stars = models.PositiveSmallIntegerField(
        _("số sao"),
        validators=[MinValueValidator(min(CERTIFIED_STARS)), MaxValueValidator(max(CERTIFIED_STARS))],
    )
    group = models.PositiveSmallIntegerField(_("nhóm sản phẩm"), choices=OcopGroup.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=100)
    decision_date = models.DateField(_("ngày quyết định"))
    valid_until = models.DateField(_("hiệu lực đến"), blank=True)
    issuer = models.CharField(_("cấp công nhận"), max_length=10, choices=Issuer.choices)
    # Districts were abolished in July 2025; their certificates stay valid, so the body is free text.
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=200)
    document = models.FileField(
        _("bản chụp giấy chứng nhận"), upload_to="ocop/", storage=private_storage, blank=True
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("người xác minh"),
    )
    verified_at = models.DateTimeField(_("xác minh lúc"), null=True, blank=True)
    # Why it was rejected or revoked: the seller is told, and it stays on the certificate.
    decision_reason = models.TextField(_("lý do từ chối hoặc thu hồi"), blank=True)
    decision_email_sent_at = models.DateTimeField(_("đã báo người bán lúc"), null=True, blank=True)

    objects = OcopCertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-decision_date"]
        verbose_name = _("giấy chứng nhận OCOP")
        verbose_name_plural = _("giấy chứng nhận OCOP")
        constraints = [
            models.CheckConstraint(
                condition=Q(stars__gte=3) & Q(stars__lte=5), name="ocop_stars_3_to_5"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("decision_date")),
                name="ocop_valid_until_after_decision",
            ),
        ]

    def __str__(self):
        return f"OCOP {self.stars}★ — {self.decision_number}"

    def save(self, *args, **kwargs):
        if not self.valid_until and self.decision_date:
            self.valid_until = certificate_expiry(self.decision_date)
        super().save(*args, **kwargs)

    def clean(self):
        if self.decision_date and self.valid_until and self.valid_until <= self.decision_date:
            raise ValidationError(
                {"valid_until": _("Ngày hết hiệu lực phải sau ngày quyết định công nhận.")}
            )


from oscar.apps.catalogue.models import *  # noqa: E402,F403
