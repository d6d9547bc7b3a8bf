"""Province staff (group "Cán bộ tỉnh") see the figures: every deployment needs this, so it is a data
migration. The permission is created here first (post_migrate would create it only after all
migrations) so that it can be granted."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUP = "Cán bộ tỉnh"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("figures")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.add(Permission.objects.get(content_type__app_label="figures", codename="view_figures"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=STAFF_GROUP).first()
    if group:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="figures"))


class Migration(migrations.Migration):

    dependencies = [
        ("figures", "0001_figures_permission_holder"),
        # The group and its admin access come from the sellers' migration.
        ("partner", "0011_province_staff_review_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
