"""The sign-in backends: Oscar's (by e-mail) and Django's, asking a user's permissions in one query.

Django's ModelBackend reads a user's own permissions and their groups' in two queries, the first
time a request asks one: every page a signed-in buyer is served asks (marketplace/caching.py,
whether they are an editor; the header, whether they may use the dashboard). One query with both
answers the same, for every backend, since they share the user's `_perm_cache`.
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
