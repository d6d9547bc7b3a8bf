from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractUserAddress


class UserAddress(AbstractUserAddress):
    """An address in a buyer's address book, placed on today's communes and wards."""

    commune = models.ForeignKey(
        "geo_indications.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("xã/phường"),
    )
    # Vietnamese postcodes exist but buyers do not know theirs; the commune places the parcel.
    POSTCODE_REQUIRED = False

    class Meta(AbstractUserAddress.Meta):
        pass

    def populate_alternative_model(self, address_model):
        # Oscar copies only its own fields between address book and order addresses.
        super().populate_alternative_model(address_model)
        if hasattr(address_model, "commune_id"):
            address_model.commune_id = self.commune_id


from oscar.apps.address.models import *  # noqa: E402,F403
