from oscar.apps.checkout import views
from oscar.apps.checkout.views import *  # noqa: F403

from geo_indications.models import Commune


class ShippingAddressView(views.ShippingAddressView):
    def get_initial(self):
        initial = super().get_initial() or {}
        # The session keeps the model's columns; the form's fields are the commune and its province.
        if initial.get("commune_id"):
            initial["commune"] = initial["commune_id"]
            initial["province"] = Commune.objects.filter(pk=initial["commune_id"]).values_list(
                "province_id", flat=True
            ).first()
        return initial
