"""Province staff (group "Cán bộ tỉnh") curate, verify and moderate in Wagtail's admin.

Seller applications were granted by partner 0011; this adds the rest: pages, images and documents
to curate; OCOP certificates and GI rights to verify; reviews and unmatched bank transfers to
moderate. Nothing of Django's admin (superusers only) and nothing of user management: no auth
permission is granted. Running it again adds nothing twice (get_or_create, set-like add).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUP = "Cán bộ tỉnh"
MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("catalogue", "ocopcertificate", "view_ocopcertificate"),
    ("catalogue", "ocopcertificate", "change_ocopcertificate"),
    ("geo_indications", "giright", "view_giright"),
    ("geo_indications", "giright", "change_giright"),
    ("reviews", "productreview", "view_productreview"),
    ("reviews", "productreview", "change_productreview"),
    ("payments", "banktransfer", "view_banktransfer"),
    ("payments", "banktransfer", "change_banktransfer"),
]
# Granted on the root page and the root collection, so they reach every page, image and document.
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image", "delete_image"]),
    ("wagtaildocs", "document", ["add_document", "change_document", "choose_document", "delete_document"]),
]


def _create_permissions(apps, app_label):
    # Permissions are normally created after all migrations (post_migrate): create them here first.
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None


def grant(apps, schema_editor):
    for app_label in ("catalogue", "geo_indications", "reviews", "payments"):
        _create_permissions(apps, app_label)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    for app_label, model, codename in MODEL_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, content_type__model=model, codename=codename)
        )
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, model, codenames in COLLECTION_PERMISSIONS:
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, content_type__model=model, codename=codename
                    ),
                )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=STAFF_GROUP).first()
    if group is None:
        return
    group.permissions.remove(*Permission.objects.filter(
        content_type__app_label__in=["catalogue", "geo_indications", "reviews", "payments"],
        codename__in=[codename for _app, _model, codename in MODEL_PERMISSIONS],
    ))
    apps.get_model("wagtailcore", "GroupPagePermission").objects.filter(
        group=group, permission__codename__in=PAGE_PERMISSIONS
    ).delete()
    apps.get_model("wagtailcore", "GroupCollectionPermission").objects.filter(
        group=group,
        permission__codename__in=[codename for _app, _model, codenames in COLLECTION_PERMISSIONS
                                  for codename in codenames],
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("geo_indications", "0004_legacyward"),
        ("catalogue", "0036_alter_productimage_caption_and_more"),
        ("reviews", "0005_productreview_code"),
        ("payments", "0002_stripeevent_cardpayment"),
        ("partner", "0011_province_staff_review_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
