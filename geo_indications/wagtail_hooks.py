from wagtail import hooks

from geo_indications.right_review_views import GIRightReviewViewSet


@hooks.register("register_admin_viewset")
def register_gi_right_review():
    return GIRightReviewViewSet()
