from wagtail import hooks

from catalog.certificate_review_views import CertificateReviewViewSet


@hooks.register("register_admin_viewset")
def register_certificate_review():
    return CertificateReviewViewSet()
