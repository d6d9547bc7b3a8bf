from wagtail import hooks

from catalog.reviews.moderation_views import ReviewModerationViewSet


@hooks.register("register_admin_viewset")
def register_review_moderation():
    return ReviewModerationViewSet()
