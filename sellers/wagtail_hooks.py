from wagtail import hooks
from wagtail.permissions import register_permission_policy

from sellers.models import Partner
from sellers.review_views import SellerApplicationViewSet
from sellers.suspension_views import SellerStatusViewSet, SuspensionPermissionPolicy

register_permission_policy(Partner, SuspensionPermissionPolicy(Partner), exact_class=True)


@hooks.register("register_admin_viewset")
def register_seller_application_review():
    return SellerApplicationViewSet()


@hooks.register("register_admin_viewset")
def register_seller_suspension():
    return SellerStatusViewSet()
