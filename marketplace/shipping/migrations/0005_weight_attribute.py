from django.db import migrations

TOURISM = 6  # booked, not shipped: no weight


def add_weight_attribute(apps, schema_editor):
    """Every shipped product class gets an integer "weight" attribute in grams; shipping reads it."""
    ProductClass = apps.get_model("catalogue", "ProductClass")
    ProductAttribute = apps.get_model("catalogue", "ProductAttribute")
    for product_class in ProductClass.objects.exclude(ocop_group=TOURISM):
        ProductAttribute.objects.get_or_create(
            product_class=product_class, code="weight",
            defaults={"name": "Khối lượng (g)", "type": "integer", "required": False},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("shipping", "0004_seller_shipping_rules"),
        ("catalogue", "0036_alter_productimage_caption_and_more"),
    ]

    operations = [migrations.RunPython(add_weight_attribute, migrations.RunPython.noop)]
