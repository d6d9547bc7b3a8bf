"""Province staff (group "Cán bộ tỉnh") work in Wagtail's admin only: no `is_staff`.

`is_staff` is what opens Oscar's dashboard (every user, every order, every product) and is not needed
for Wagtail's admin, which the group enters with `wagtailadmin.access_admin` (0005). Earlier demo data
gave the staff account `is_staff`; this takes it back from every member who is not a superuser.
Running it again changes nothing.
"""

from django.db import migrations

STAFF_GROUP = "Cán bộ tỉnh"


def take_back_is_staff(apps, schema_editor):
    User = apps.get_model("users", "User")
    User.objects.filter(groups__name=STAFF_GROUP, is_staff=True, is_superuser=False).update(is_staff=False)


class Migration(migrations.Migration):

    dependencies = [
        ("geo_indications", "0007_papers_in_private_storage"),
        ("users", "0001_initial"),
    ]

    # Nothing to put back: who had `is_staff` before is not known, and nobody in the group needs it.
    operations = [migrations.RunPython(take_back_is_staff, migrations.RunPython.noop)]
