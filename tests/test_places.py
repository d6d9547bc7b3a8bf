"""Current two-tier units, and old (district-era) names mapped onto them."""

import pytest
from django.core.management import call_command

from geo_indications.models import Commune, LegacyWard, Province
from geo_indications.places import communes_of_former_district, current_communes, place_key
from marketplace.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Chè Tân Cương", "che tan cuong"), ("CHE TAN CUONG", "che tan cuong"), ("Đại Từ", "dai tu"),
     ("  Miến   dong ", "mien dong"), ("Bắc Kạn", "bac kan"), ("", "")],
)
def test_fold_ignores_diacritics_case_and_spacing(text, folded):
    assert fold(text) == folded


def test_place_key_drops_the_unit_type():
    assert place_key("Huyện Đại Từ") == "dai tu"
    assert place_key("Thành phố Thái Nguyên") == "thai nguyen"
    assert place_key("Thị trấn Bằng Lũng") == "bang lung"


@pytest.fixture(scope="module")
def admin_units(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_admin_units", stdout=open("/dev/null", "w"))
    yield
    with django_db_blocker.unblock():
        LegacyWard.objects.all().delete()
        Commune.objects.all().delete()
        Province.objects.all().delete()


@pytest.mark.django_db
def test_the_34_provinces_and_thai_nguyens_92_units_are_loaded_once_however_often_it_runs(admin_units):
    call_command("load_admin_units", stdout=open("/dev/null", "w"))
    assert Province.objects.count() == 34
    thai_nguyen = Province.objects.get(code=19)
    assert thai_nguyen.name == "Tỉnh Thái Nguyên"
    assert thai_nguyen.communes.count() == 92
    assert Commune.objects.filter(province=thai_nguyen, name="Xã Tân Cương").exists()


@pytest.mark.django_db
def test_an_old_commune_maps_to_its_current_unit_without_diacritics(admin_units):
    expected = ["Xã Tân Cương"]
    found = current_communes("Xã Tân Cương", "Thành phố Thái Nguyên", "Thái Nguyên")
    assert [c.name for c in found] == expected
    assert [c.name for c in current_communes("xa tan cuong", province="tinh thai nguyen")] == expected


@pytest.mark.django_db
def test_former_bac_kan_units_are_now_in_thai_nguyen(admin_units):
    communes = list(current_communes("Thị trấn Bằng Lũng", "Huyện Chợ Đồn", "Tỉnh Bắc Kạn"))
    assert [(c.name, c.province_id) for c in communes] == [("Xã Chợ Đồn", 19)]


@pytest.mark.django_db
def test_an_abolished_district_covers_the_communes_that_took_it_in(admin_units):
    names = {c.name for c in communes_of_former_district("Huyện Đại Từ", "Thái Nguyên")}
    assert {"Xã Đại Từ", "Xã La Bằng", "Xã An Khánh"} <= names
    assert all(c.province_id == 19 for c in communes_of_former_district("Huyện Đại Từ", "Thái Nguyên"))


@pytest.mark.django_db
def test_an_unknown_place_finds_nothing(admin_units):
    assert not current_communes("Xã Không Có Thật").exists()


@pytest.mark.django_db
def test_seller_slugs_are_ascii_and_unique():
    from sellers.models import Partner

    first = Partner.objects.create(name="HTX Chè Đại Từ")
    second = Partner.objects.create(name="HTX chè đại từ")
    assert (first.slug, second.slug) == ("htx-che-dai-tu", "htx-che-dai-tu-2")


@pytest.mark.django_db
def test_product_slugs_fold_vietnamese_letters():
    from catalog.models import Product

    assert Product.objects.create(title="Chè đặc biệt Đại Từ").slug == "che-dac-biet-dai-tu"
