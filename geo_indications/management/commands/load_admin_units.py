"""Load Vietnam's two-tier administrative units (since 1 July 2025) from `vietnam_provinces`."""

import json

import vietnam_provinces
from django.core.management.base import BaseCommand
from django.db import transaction

from geo_indications.models import Commune, Province

BATCH_SIZE = 1000


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
        self.stdout.write(f"Đơn vị hành chính: {len(provinces)} tỉnh/thành phố, {len(communes)} xã/phường.")
