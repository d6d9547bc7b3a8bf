"""Finding today's communes from the names people and old certificates still use."""

import re

from geo_indications.models import Commune, LegacyWard
from marketplace.text import fold

_UNIT_PREFIX = re.compile(r"^(tinh|thanh pho|thi xa|thi tran|huyen|quan|xa|phuong|dac khu)\s+")


def place_key(name: str) -> str:
    """A unit's name folded and stripped of its type: `Huyện Đại Từ` → `dai tu`."""
    return _UNIT_PREFIX.sub("", fold(name))


def current_communes(ward: str, district: str = "", province: str = ""):
    """The current communes/wards that a pre-July-2025 commune or ward became.

    Diacritics, case and unit types do not matter; `district` and `province` narrow homonyms.
    A ward split between several new units returns each of them.
    """
    legacy = LegacyWard.objects.filter(name_key=place_key(ward))
    if district:
        legacy = legacy.filter(district_key=place_key(district))
    if province:
        legacy = legacy.filter(province_key=place_key(province))
    return Commune.objects.filter(legacy_wards__in=legacy).select_related("province").distinct()


def communes_of_former_district(district: str, province: str = ""):
    """Every current commune/ward that took in part of an abolished district."""
    legacy = LegacyWard.objects.filter(district_key=place_key(district))
    if province:
        legacy = legacy.filter(province_key=place_key(province))
    return Commune.objects.filter(legacy_wards__in=legacy).select_related("province").distinct()


def communes_in(province_id) -> list[tuple[int, str]]:
    """(code, name) of a province's communes in the order a Vietnamese reader expects, the same on
    every database (collations disagree on where Đ goes)."""
    communes = Commune.objects.filter(province_id=province_id).values_list("pk", "name")
    return sorted(communes, key=lambda item: (fold(item[1]), item[1]))
