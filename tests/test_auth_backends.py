"""A user's permissions asked in one query (marketplace/auth_backends.py), answered as Django's
ModelBackend answers them."""

import pytest
from django.contrib.auth import backends
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace import auth_backends

pytestmark = pytest.mark.django_db


def permission(codename):
    return Permission.objects.get(codename=codename, content_type__app_label="partner")


@pytest.fixture
def users(django_user_model):
    """Users holding permissions in every way one can, and in none."""
    sellers = Group.objects.create(name="Người bán thử")
    sellers.permissions.add(permission("dashboard_access"), permission("view_partner"))
    empty = Group.objects.create(name="Nhóm trống")
    made = {}
    for name in ("buyer", "own", "group", "both", "empty-group", "superuser", "inactive", "staff"):
        made[name] = django_user_model.objects.create_user(f"{name}@example.vn", "x")
    made["own"].user_permissions.add(permission("dashboard_access"))
    made["group"].groups.add(sellers)
    made["both"].groups.add(sellers, empty)
    made["both"].user_permissions.add(permission("suspend_partner"), permission("dashboard_access"))
    made["empty-group"].groups.add(empty)
    made["superuser"].is_superuser = True
    made["inactive"].is_active = False
    made["inactive"].user_permissions.add(permission("dashboard_access"))
    made["staff"].is_staff = True
    for user in made.values():
        user.save()
    return made


@pytest.mark.parametrize("backend", [auth_backends.EmailBackend(), auth_backends.ModelBackend()])
@pytest.mark.parametrize("name", ["buyer", "own", "group", "both", "empty-group", "superuser", "inactive", "staff"])
def test_permissions_are_django_s_in_one_query(users, name, backend, django_user_model):
    user = django_user_model.objects.get(pk=users[name].pk)
    expected = backends.ModelBackend().get_all_permissions(django_user_model.objects.get(pk=user.pk))

    with CaptureQueriesContext(connection) as queries:
        found = backend.get_all_permissions(user)
        asked_again = backend.has_perm(user, "partner.dashboard_access")

    assert found == expected
    assert asked_again == ("partner.dashboard_access" in expected)
    assert len(queries) == (0 if name == "inactive" else 1)


def test_what_users_hold_is_told_apart(users):
    held = {name: auth_backends.ModelBackend().get_all_permissions(user) for name, user in users.items()}

    assert held["buyer"] == held["empty-group"] == held["staff"] == held["inactive"] == set()
    assert held["own"] == {"partner.dashboard_access"}
    assert held["group"] == {"partner.dashboard_access", "partner.view_partner"}
    assert held["both"] == {"partner.dashboard_access", "partner.view_partner", "partner.suspend_partner"}
    assert held["superuser"] == {f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.all()}


def test_a_signed_in_buyer_s_page_asks_their_permissions_once(users, home_page, client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    client.force_login(users["group"])
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")

    assert response.status_code == 200
    assert sum("auth_permission" in q["sql"] for q in queries.captured_queries) == 1
