from django.db import migrations


def add_content_languages(apps, schema_editor):
    """Vietnamese and English content locales, so staff can translate pages from the start."""
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in ("vi", "en"):
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):

    dependencies = [
        ("cms", "0002_curated_pages"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(add_content_languages, migrations.RunPython.noop)]
