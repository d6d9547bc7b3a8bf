"""Province staff (group "Cán bộ tỉnh") export payouts due, record payouts and mark bank-transfer
refunds paid in Wagtail's admin. A data migration, as for the application review (partner 0011)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUP = "Cán bộ tỉnh"
CODENAMES = [("payout", "view_payout"), ("payout", "add_payout"), ("refund", "view_refund"),
             ("refund", "change_refund")]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("payouts")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    for model, codename in CODENAMES:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="payouts", content_type__model=model, codename=codename)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=STAFF_GROUP).first()
    if group:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="payouts"))


class Migration(migrations.Migration):

    dependencies = [
        ("payouts", "0001_ledger_refunds_payouts"),
        ("partner", "0011_province_staff_review_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
