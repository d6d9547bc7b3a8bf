"""The e-mails an applicant receives: application received, approved (with a link to set a
password), rejected (with the reason). Built from templates/sellers/emails/*.txt."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from marketplace.mail import templated_email


def _message(template: str, to: str, context: dict) -> EmailMessage:
    return templated_email(f"sellers/emails/{template}", [to], context)


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
