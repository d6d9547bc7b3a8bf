"""The header's account links as marketplace/personal_parts.py draws them for a signed-in visitor:
the unread count, and the dashboard link for whom Django grants the dashboard."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace import personal_parts

pytestmark = pytest.mark.django_db

Notification = get_model("communication", "Notification")


def dashboard_access():
    return Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")


def account_links(user):
    request = RequestFactory().get("/")
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        drawn = personal_parts.draw(request, user, "account", ())
    return drawn, len(queries)


def as_django_answers(user):
    fresh = type(user).objects.get(pk=user.pk)  # no permission cache of an earlier question
    return fresh.is_staff or fresh.has_perm("partner.dashboard_access")


@pytest.mark.parametrize("who", ["buyer", "own-permission", "group-permission", "other-group", "superuser",
                                 "staff", "inactive-with-permission", "other-permission"])
def test_the_dashboard_link_shows_to_whom_django_grants_the_dashboard(who, django_user_model):
    user = django_user_model.objects.create_user(f"{who}@example.vn", "x")
    granting = Group.objects.create(name="Người bán thử")
    granting.permissions.add(dashboard_access())
    if who == "own-permission":
        user.user_permissions.add(dashboard_access())
    elif who == "group-permission":
        user.groups.add(granting)
    elif who == "other-group":
        user.groups.add(Group.objects.create(name="Nhóm khác"))
    elif who == "superuser":
        user.is_superuser = True
    elif who == "staff":
        user.is_staff = True
    elif who == "inactive-with-permission":
        user.user_permissions.add(dashboard_access())
        user.is_active = False
    elif who == "other-permission":
        user.user_permissions.add(Permission.objects.get(codename="suspend_partner"))
    user.save()

    drawn, queries = account_links(type(user).objects.get(pk=user.pk))

    expected = who in ("own-permission", "group-permission", "superuser", "staff")
    assert as_django_answers(user) is expected
    assert (reverse("dashboard:index") in drawn) is expected
    # The count; and the permissions, unless the user is staff, a superuser or inactive.
    assert queries == (1 if who in ("staff", "superuser", "inactive-with-permission") else 2)


def test_the_account_link_counts_only_the_user_s_unread_notifications(django_user_model):
    user = django_user_model.objects.create_user("lan@example.vn", "x")
    other = django_user_model.objects.create_user("mai@example.vn", "x")
    for subject in ("Đơn hàng đã gửi", "Đơn hàng đã giao"):
        Notification.objects.create(recipient=user, subject=subject)
    Notification.objects.create(recipient=user, subject="Đã đọc", date_read=timezone.now())
    Notification.objects.create(recipient=other, subject="Của người khác")

    drawn, queries = account_links(user)

    assert '<span class="badge badge-warning">2</span>' in drawn
    assert reverse("customer:notifications-inbox") in drawn
    assert queries == 2  # the count; the permissions


def test_with_nothing_unread_the_account_link_leads_to_the_account(django_user_model):
    user = django_user_model.objects.create_user("lan@example.vn", "x")
    Notification.objects.create(recipient=user, subject="Đã đọc", date_read=timezone.now())

    drawn, _ = account_links(user)

    assert "badge" not in drawn
    assert reverse("customer:summary") in drawn


def test_a_kept_unread_count_follows_the_user_s_notifications(client, django_user_model, stored_pages, home_page):
    user = django_user_model.objects.create_user("lan@example.vn", "x")
    client.force_login(user)

    def badge():
        found = re.search(r'<span class="badge badge-warning">(\d+)</span>', client.get("/").content.decode())
        return int(found.group(1)) if found else 0

    assert badge() == 0
    first = Notification.objects.create(recipient=user, subject="Đơn hàng đã gửi")
    second = Notification.objects.create(recipient=user, subject="Đơn hàng đã giao")
    assert badge() == 2
    client.get(reverse("customer:notifications-detail", args=[first.pk]))  # read by opening it
    assert badge() == 1
    second.delete()
    assert badge() == 0


def test_kept_permissions_follow_every_grant_and_revoke(client, django_user_model, stored_pages, home_page):
    """The header asks no permission of the database while nothing about them is written, and shows
    each grant and revoke at once: the user's own, their group's, and their groups."""
    user = django_user_model.objects.create_user("lan@example.vn", "x")
    sellers = Group.objects.create(name="Người bán")
    client.force_login(user)

    def links_dashboard():
        return reverse("dashboard:index") in client.get("/").content.decode()

    assert not links_dashboard()
    with CaptureQueriesContext(connection) as queries:
        assert not links_dashboard()
    assert not [q for q in queries.captured_queries if "auth_permission" in q["sql"]]

    user.user_permissions.add(dashboard_access())
    assert links_dashboard()
    user.user_permissions.remove(dashboard_access())
    assert not links_dashboard()
    user.groups.add(sellers)
    assert not links_dashboard()
    sellers.permissions.add(dashboard_access())
    assert links_dashboard()
    user.groups.remove(sellers)
    assert not links_dashboard()
    user.groups.add(sellers)
    assert links_dashboard()
    sellers.delete()
    assert not links_dashboard()
    user.is_staff = True
    user.save()
    assert links_dashboard()


def test_a_buyer_made_an_editor_is_no_longer_served_stored_pages(client, django_user_model, stored_pages, home_page):
    user = django_user_model.objects.create_user("lan@example.vn", "x")
    client.force_login(user)
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"

    editors = Group.objects.create(name="Biên tập")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(editors)

    assert "X-Page-Cache" not in client.get("/")  # rendered for them, with Wagtail's tools
