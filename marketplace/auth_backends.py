"""The sign-in backends: Oscar's (by e-mail) and Django's, asking a user's permissions in one query.

Django's ModelBackend reads a user's own permissions and their groups' in two queries, the first
time a request asks one: every page a signed-in buyer is served asks (marketplace/caching.py,
whether they are an editor; the header, whether they may use the dashboard). One query with both
answers the same, for every backend, since they share the user's `_perm_cache`.

Those two questions only decide what a page shows, so they ask `shows_permission`: kept until the
user, their groups or any group's permissions are written, a signed-in buyer's page asks none.
"""

from django.contrib.auth import backends
from django.contrib.auth.models import Permission
from django.db.models import Q
from oscar.apps.customer import auth_backends


class PermissionsInOneQuery:
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            perms = Permission.objects.all()
            if not user_obj.is_superuser:
                perms = perms.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in perms.values_list("content_type__app_label", "codename").order_by()
            }
        return user_obj._perm_cache


class EmailBackend(PermissionsInOneQuery, auth_backends.EmailBackend):
    pass


class ModelBackend(PermissionsInOneQuery, backends.ModelBackend):
    pass


def shows_permission(user, perm: str) -> bool:
    """`user.has_perm(perm)` from the user's permissions as last read, for deciding what a page shows:
    whether the header links the dashboard, whether the page is an editor's (with Wagtail's tools).
    Kept until the user's row, any user's groups or permissions, or any group or permission is
    written. Never for deciding what they may do: the views ask `has_perm`, which reads the database."""
    from marketplace import caching

    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return perm in caching.kept(
        f"shown-permissions:{user.pk}", lambda: frozenset(user.get_all_permissions()),
        reads=["auth", f"users.User:{user.pk}", "users.User_groups", "users.User_user_permissions"],
    )
