"""Load Vietnam's two-tier administrative units (since 1 July 2025) from `vietnam_provinces`."""

import json

import vietnam_provinces
from django.core.management.base import BaseCommand
from django.db import transaction

from geo_indications.models import Commune, LegacyWard, Province
from geo_indications.places import place_key

BATCH_SIZE = 1000


def legacy_wards() -> tuple[list[LegacyWard], list[tuple[int, int]]]:
    """Pre-July-2025 wards with their districts and provinces, and (old code, new code) pairs."""
    from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW
    from vietnam_provinces.legacy import District
    from vietnam_provinces.legacy import Province as OldProvince
    from vietnam_provinces.legacy import Ward as OldWard

    districts = {district.code: district for district in District.iter_all()}
    provinces = {province.code: province for province in OldProvince.iter_all()}
    wards, links = [], []
    for ward in OldWard.iter_all():
        entry = OLD_TO_NEW.get(int(ward.code))
        if entry is None:
            continue
        district = districts[ward.district_code]
        province = provinces[district.province_code]
        wards.append(
            LegacyWard(
                code=int(ward.code), name=ward.name, division_type=str(ward.division_type),
                district_code=int(district.code), district_name=district.name,
                province_code=int(province.code), province_name=province.name,
                name_key=place_key(ward.name), district_key=place_key(district.name),
                province_key=place_key(province.name),
            )
        )
        links.extend((int(ward.code), new.code) for new in entry.new_wards)
    return wards, links


def read_divisions() -> list[dict]:
    """The package's nested list: 34 provinces, each with its communes, wards and special zones."""
    with open(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as data_file:
        return json.load(data_file)


class Command(BaseCommand):
    help = "Nạp 34 tỉnh/thành phố và các xã/phường/đặc khu hiện hành (chạy lại nhiều lần không sao)."

    def handle(self, *args, **options):
        divisions = read_divisions()
        provinces = [
            Province(
                code=item["code"], name=item["name"],
                division_type=item["division_type"], codename=item["codename"],
            )
            for item in divisions
        ]
        communes = [
            Commune(
                code=ward["code"], province_id=item["code"], name=ward["name"],
                division_type=ward["division_type"], codename=ward["codename"],
            )
            for item in divisions
            for ward in item["wards"]
        ]
        # Upserts keep the codes that sellers and products point at, and pick up renamed units.
        with transaction.atomic():
            Province.objects.bulk_create(
                provinces, batch_size=BATCH_SIZE, update_conflicts=True,
                unique_fields=["code"], update_fields=["name", "division_type", "codename"],
            )
            Commune.objects.bulk_create(
                communes, batch_size=BATCH_SIZE, update_conflicts=True,
                unique_fields=["code"],
                update_fields=["province", "name", "division_type", "codename"],
            )
            old_wards, links = legacy_wards()
            LegacyWard.objects.bulk_create(
                old_wards, batch_size=BATCH_SIZE, update_conflicts=True, unique_fields=["code"],
                update_fields=[
                    "name", "division_type", "district_code", "district_name", "province_code",
                    "province_name", "name_key", "district_key", "province_key",
                ],
            )
            Through = LegacyWard.communes.through
            Through.objects.all().delete()
            Through.objects.bulk_create(
                [Through(legacyward_id=old, commune_id=new) for old, new in links], batch_size=BATCH_SIZE
            )
        self.stdout.write(
            f"Đơn vị hành chính: {len(provinces)} tỉnh/thành phố, {len(communes)} xã/phường; "
            f"{len(old_wards)} xã/phường cũ (trước 1/7/2025) đã đối chiếu."
        )
