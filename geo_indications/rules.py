"""When a listing may carry a geographic indication: plain functions, readable without a request."""

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
