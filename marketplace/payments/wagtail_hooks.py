from wagtail import hooks

from marketplace.payments.transfer_review_views import TransferReviewViewSet


@hooks.register("register_admin_viewset")
def register_unmatched_transfer_review():
    return TransferReviewViewSet()
