from wagtail import hooks

from sellers.review_views import SellerApplicationViewSet


@hooks.register("register_admin_viewset")
def register_seller_application_review():
    return SellerApplicationViewSet()
