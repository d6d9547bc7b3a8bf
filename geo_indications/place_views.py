"""Places as JSON for the forms' dependent selects (checkout address, application to sell)."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from geo_indications.models import Province
from geo_indications.places import communes_in


@require_GET
@cache_control(public=True, max_age=3600)
def communes_json(request):
    """A province's communes and wards: `?tinh=<statistics office code>`."""
    code = request.GET.get("tinh", "")
    if not code.isdigit():
        return JsonResponse({"error": _("Thiếu mã tỉnh (tinh=…).")}, status=400)
    if not Province.objects.filter(pk=int(code)).exists():
        return JsonResponse({"error": _("Không có tỉnh mã %(code)s.") % {"code": code}}, status=404)
    return JsonResponse({"communes": [{"code": pk, "name": name} for pk, name in communes_in(int(code))]})
