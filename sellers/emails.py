"""The e-mails an applicant receives: application received, approved (with a link to set a
password), rejected (with the reason). Built from templates/sellers/emails/*.txt."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def _message(template: str, to: str, context: dict) -> EmailMessage:
    # A worker has no request, so no active language: the applicant reads Vietnamese.
    with translation.override("vi"):
        context = {"shop_name": settings.OSCAR_SHOP_NAME, "site_url": settings.SITE_URL, **context}
        subject = render_to_string(f"sellers/emails/{template}_subject.txt", context)
        body = render_to_string(f"sellers/emails/{template}_body.txt", context)
    return EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [to])


def application_received(application) -> EmailMessage:
    return _message("application_received", application.email, {"application": application})


def application_approved(application) -> EmailMessage:
    user = application.seller.users.filter(email__iexact=application.email).order_by("pk").first()
    set_password_path = reverse(
        "password-reset-confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user)},
    )
    return _message("application_approved", application.email, {
        "application": application,
        "set_password_url": settings.SITE_URL + set_password_path,
        "storefront_url": settings.SITE_URL + application.seller.get_absolute_url(),
        "dashboard_url": settings.SITE_URL + reverse("dashboard:index"),
    })


def application_rejected(application) -> EmailMessage:
    return _message("application_rejected", application.email, {
        "application": application,
        "apply_url": settings.SITE_URL + reverse("sellers:apply"),
    })
