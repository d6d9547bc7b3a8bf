"""Province staff (group "Cán bộ tỉnh") write GI introductions and translate pages and snippets.

Pages, images and documents were granted with the rest of the staff's work (geo_indications 0005);
this adds what the cms app itself brings. Running it again adds nothing twice.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUP = "Cán bộ tỉnh"
PERMISSIONS = [
    ("cms", "giintroduction", "add_giintroduction"),
    ("cms", "giintroduction", "change_giintroduction"),
    ("cms", "giintroduction", "delete_giintroduction"),
    ("cms", "giintroduction", "view_giintroduction"),
    ("simple_translation", "simpletranslation", "submit_translation"),
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate): create them here first.
    for app_label in ("cms", "simple_translation"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    for app_label, model, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, content_type__model=model, codename=codename)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=STAFF_GROUP).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(
            codename__in=[codename for _app, _model, codename in PERMISSIONS]
        ))


class Migration(migrations.Migration):

    dependencies = [
        ("cms", "0003_content_languages"),
        ("simple_translation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
