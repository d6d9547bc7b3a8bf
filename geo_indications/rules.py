"""When a listing may carry a geographic indication: plain functions, readable without a request."""

from django.apps import apps
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils.translation import gettext as _

from geo_indications.models import GeographicIndication, GIRight


def gi_claim_errors(*, seller, geographic_indication, origin_commune, categories=(), day=None) -> list[str]:
    """Why a product may not show this GI, in Vietnamese; empty when it may.

    A listing may show a GI only when its seller holds a verified right in force for that GI, for
    that product type, and the product comes from the GI's protected area.
    """
    gi = geographic_indication
    errors = []
    if gi.status != GeographicIndication.Status.PROTECTED:
        errors.append(_("Chỉ dẫn địa lý «%(gi)s» không còn được bảo hộ.") % {"gi": gi})
    if seller is None or not GIRight.objects.valid_on(day).filter(
        seller=seller, geographic_indication=gi
    ).exists():
        errors.append(
            _("Người bán chưa có quyền sử dụng chỉ dẫn địa lý «%(gi)s» đã được xác minh và còn hiệu lực.")
            % {"gi": gi}
        )
    if origin_commune is None:
        errors.append(_("Hãy chọn xã/phường xuất xứ để dùng chỉ dẫn địa lý «%(gi)s».") % {"gi": gi})
    elif not gi.protected_communes.filter(pk=origin_commune.pk).exists():
        errors.append(
            _("%(commune)s không thuộc khu vực bảo hộ của chỉ dẫn địa lý «%(gi)s».")
            % {"commune": origin_commune, "gi": gi}
        )
    gi_categories = set(gi.categories.values_list("pk", flat=True))
    if gi_categories and not gi_categories & {category.pk for category in categories}:
        errors.append(
            _("Chỉ dẫn địa lý «%(gi)s» chỉ dành cho sản phẩm %(product_type)s.")
            % {"gi": gi, "product_type": gi.product_type}
        )
    return errors


def gi_shown_annotations(day=None) -> dict:
    """The rules of `gi_claim_errors` as annotations on a queryset of products, so that listings
    decide in one query whether each GI may show on `day` (today by default): `gi_right_valid`,
    `gi_origin_protected` and `gi_category_allowed`. The GI's own status is read from the GI."""
    ProductCategory = apps.get_model("catalogue", "ProductCategory")
    GICategory = GeographicIndication.categories.through
    gi_categories = GICategory.objects.filter(geographicindication=OuterRef("geographic_indication"))
    in_a_gi_category = ProductCategory.objects.filter(
        product=OuterRef("pk"),
        category__in=GICategory.objects.filter(
            geographicindication=OuterRef(OuterRef("geographic_indication"))
        ).values("category"),
    )
    return {
        "gi_right_valid": Exists(GIRight.objects.valid_on(day).filter(
            seller=OuterRef("seller"), geographic_indication=OuterRef("geographic_indication"))),
        "gi_origin_protected": Exists(GeographicIndication.protected_communes.through.objects.filter(
            geographicindication=OuterRef("geographic_indication"), commune=OuterRef("origin_commune"))),
        # A GI registered for given product types only (e.g. tea) shows on products of those types.
        "gi_category_allowed": ExpressionWrapper(
            ~Q(Exists(gi_categories)) | Q(Exists(in_a_gi_category)), output_field=BooleanField()
        ),
    }
