"""Province staff (group "Cán bộ tỉnh") review seller applications in Wagtail's admin.

Every deployment needs this, not only the demo, so it is a data migration. Permissions are normally
created after all migrations (post_migrate); they are created here first so they can be granted.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUP = "Cán bộ tỉnh"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("partner", "sellerapplication", "view_sellerapplication"),
    ("partner", "sellerapplication", "change_sellerapplication"),
]


def grant(apps, schema_editor):
    # access_admin comes from wagtailadmin's own migration; the partner app's are created here.
    app_config = apps.get_app_config("partner")
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
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="partner", content_type__model="sellerapplication")
        )


class Migration(migrations.Migration):

    dependencies = [
        ("partner", "0010_seller_applications"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
