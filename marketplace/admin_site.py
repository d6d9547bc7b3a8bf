"""Django's admin (/django-admin/) is for administrators only.

Province staff work in Wagtail's admin; with `is_staff` (which Oscar's dashboard uses) Django's admin
would otherwise show them every model their group may change, users included.
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig


class SuperuserAdminSite(AdminSite):
    """Django's admin site, open to active superusers only."""

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


class SuperuserAdminConfig(AdminConfig):
    default_site = "marketplace.admin_site.SuperuserAdminSite"
