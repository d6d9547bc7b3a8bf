"""Province staff (group "Cán bộ tỉnh") suspend and reinstate sellers in Wagtail's admin
(/cms-admin/sellers/): the listing and its decisions need `partner.suspend_partner`.

Not Django's view_partner or change_partner, which would also open Oscar's dashboard partner pages
(where sellers' logins are managed) to the group. Running it again adds nothing twice.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUP = "Cán bộ tỉnh"
CODENAMES = ["suspend_partner"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate): create them here first.
    app_config = apps.get_app_config("partner")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.add(*Permission.objects.filter(
        content_type__app_label="partner", content_type__model="partner", codename__in=CODENAMES
    ))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=STAFF_GROUP).first()
    if group:
        group.permissions.remove(*Permission.objects.filter(
            content_type__app_label="partner", content_type__model="partner", codename__in=CODENAMES
        ))


class Migration(migrations.Migration):

    dependencies = [
        ("partner", "0014_seller_suspension"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
