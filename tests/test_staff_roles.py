"""Who gets into which admin: province staff curate, verify and moderate in Wagtail's admin; administrators
have everything; sellers and buyers stay out of both admins."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from sellers.applications import PROVINCE_STAFF_GROUP

roles_migration = importlib.import_module("geo_indications.migrations.0005_province_staff_curate_verify_moderate")
wagtail_only_migration = importlib.import_module("geo_indications.migrations.0008_province_staff_work_in_wagtail_only")

CURATION_URLS = ["/cms-admin/", "/cms-admin/pages/", "/cms-admin/images/", "/cms-admin/documents/",
                 "/cms-admin/reports/site-history/"]
USER_MANAGEMENT_URLS = ["/cms-admin/users/", "/cms-admin/groups/"]


def _granted(group):
    return {
        "model": set(group.permissions.values_list("content_type__app_label", "codename")),
        "page": set(GroupPagePermission.objects.filter(group=group).values_list("page__depth", "permission__codename")),
        "collection": set(
            GroupCollectionPermission.objects.filter(group=group)
            .values_list("collection__depth", "permission__codename")
        ),
    }


def test_the_data_migration_grants_curation_verification_and_moderation_and_nothing_of_users(db):
    granted = _granted(Group.objects.get(name=PROVINCE_STAFF_GROUP))

    assert {
        ("wagtailadmin", "access_admin"),
        ("partner", "view_sellerapplication"), ("partner", "change_sellerapplication"),
        ("catalogue", "view_ocopcertificate"), ("catalogue", "change_ocopcertificate"),
        ("geo_indications", "view_giright"), ("geo_indications", "change_giright"),
        ("reviews", "view_productreview"), ("reviews", "change_productreview"),
        ("payments", "view_banktransfer"), ("payments", "change_banktransfer"),
    } <= granted["model"]
    assert not {app for app, _codename in granted["model"]} & {"auth", "users", "wagtailusers"}
    # Certificates, rights, reviews and transfers change only through decisions: no add or delete.
    assert not {
        codename for _app, codename in granted["model"]
        if codename.startswith(("add_", "delete_"))
        and codename.endswith(("ocopcertificate", "giright", "productreview", "banktransfer"))
    }
    assert granted["page"] == {
        (1, "add_page"), (1, "change_page"), (1, "publish_page"), (1, "lock_page"), (1, "unlock_page"),
    }
    assert granted["collection"] == {
        (1, "add_image"), (1, "change_image"), (1, "choose_image"), (1, "delete_image"),
        (1, "add_document"), (1, "change_document"), (1, "choose_document"), (1, "delete_document"),
    }


def test_the_data_migration_can_run_again_without_adding_anything(db):
    group = Group.objects.get(name=PROVINCE_STAFF_GROUP)
    before = _granted(group)
    counts = (Permission.objects.count(), GroupPagePermission.objects.count(),
              GroupCollectionPermission.objects.count())

    roles_migration.grant(django_apps, None)

    assert _granted(group) == before
    assert (Permission.objects.count(), GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count()) == counts
    assert Collection.objects.filter(depth=1).count() == 1 and Page.objects.filter(depth=1).count() == 1


def test_province_staff_curate_in_wagtail_and_are_kept_out_of_user_management_and_django_admin(
    client, province_staff, home_page
):
    client.force_login(province_staff)
    for url in CURATION_URLS + [f"/cms-admin/pages/{home_page.pk}/edit/", f"/cms-admin/pages/{home_page.pk}/"]:
        assert client.get(url).status_code == 200, url
    for url in USER_MANAGEMENT_URLS:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/cms-admin/"), url
    django_admin = client.get("/django-admin/")
    assert (django_admin.status_code, django_admin["Location"]) == (302, "/django-admin/login/?next=/django-admin/")


def test_province_staff_with_is_staff_still_cannot_use_django_admin(client, province_staff):
    # Should someone give a staff member is_staff (Oscar's dashboard), Django's admin still turns it away.
    province_staff.is_staff = True
    province_staff.save()
    client.force_login(province_staff)
    for url in ["/django-admin/", "/django-admin/users/user/", "/django-admin/auth/group/",
                "/django-admin/partner/sellerapplication/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/django-admin/login/"), url


def test_administrators_have_both_admins(admin_client, home_page):
    for url in CURATION_URLS + USER_MANAGEMENT_URLS + ["/django-admin/", "/django-admin/users/user/"]:
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["seller", "buyer"])
def test_sellers_and_buyers_never_get_into_wagtails_admin(client, who, seller_user, django_user_model):
    user = seller_user if who == "seller" else django_user_model.objects.create_user("nguoimua@example.vn", "x")
    client.force_login(user)
    for url in CURATION_URLS + USER_MANAGEMENT_URLS:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/cms-admin/login/"), url
    assert client.get("/django-admin/")["Location"].startswith("/django-admin/login/")


def test_the_admin_menu_offers_staff_every_queue(client, province_staff, home_page):
    client.force_login(province_staff)
    page = client.get("/cms-admin/").content.decode()
    for queue in ["seller-applications", "ocop-certificates", "gi-rights", "product-reviews", "unmatched-transfers"]:
        assert f"/cms-admin/{queue}/" in page, queue
    assert "/cms-admin/users/" not in page


# Everything province staff do, all in Wagtail's admin: queues, money, figures, content, translations.
STAFF_WORK_URLS = [
    "/cms-admin/seller-applications/", "/cms-admin/ocop-certificates/", "/cms-admin/gi-rights/",
    "/cms-admin/product-reviews/", "/cms-admin/unmatched-transfers/", "/cms-admin/seller-payouts/",
    "/cms-admin/seller-payouts/refunds/", "/cms-admin/seller-payouts/payouts-due.csv", "/cms-admin/figures/",
    "/cms-admin/snippets/cms/giintroduction/", "/cms-admin/reports/site-history/",
]
OSCAR_DASHBOARD_URLS = ["/dashboard/", "/dashboard/users/", "/dashboard/orders/", "/dashboard/catalogue/",
                        "/dashboard/partners/", "/dashboard/reports/"]


def test_province_staff_reach_all_their_work_without_is_staff(client, province_staff, home_page):
    assert not province_staff.is_staff
    client.force_login(province_staff)
    for url in STAFF_WORK_URLS + [f"/cms-admin/pages/{home_page.pk}/edit/",
                                  f"/cms-admin/translation/submit/page/{home_page.pk}/"]:
        assert client.get(url).status_code == 200, url


def test_province_staff_are_refused_oscars_dashboard_with_its_users_and_orders(client, province_staff):
    client.force_login(province_staff)
    for url in OSCAR_DASHBOARD_URLS:
        assert client.get(url).status_code == 403, url


def test_the_migration_takes_is_staff_back_from_province_staff_only(province_staff, django_user_model):
    group = Group.objects.get(name=PROVINCE_STAFF_GROUP)
    province_staff.is_staff = True
    province_staff.save()
    administrator = django_user_model.objects.create_superuser("quantri@example.vn", "x")
    administrator.groups.add(group)
    shop_staff = django_user_model.objects.create_user("vanhanh@example.vn", "x")
    shop_staff.is_staff = True
    shop_staff.save()

    wagtail_only_migration.take_back_is_staff(django_apps, None)
    wagtail_only_migration.take_back_is_staff(django_apps, None)

    assert [user.is_staff for user in django_user_model.objects.filter(
        pk__in=[province_staff.pk, administrator.pk, shop_staff.pk]).order_by("pk")] == [False, True, True]
