from django.db import migrations


def vietnam_is_a_shipping_country(apps, schema_editor):
    """The checkout ships within Việt Nam: the country every address form fills in by itself."""
    Country = apps.get_model("address", "Country")
    Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={"iso_3166_1_a3": "VNM", "iso_3166_1_numeric": "704", "printable_name": "Việt Nam",
                  "name": "Việt Nam", "is_shipping_country": True},
    )


class Migration(migrations.Migration):
    dependencies = [("address", "0008_user_address_commune")]

    operations = [migrations.RunPython(vietnam_is_a_shipping_country, migrations.RunPython.noop)]
