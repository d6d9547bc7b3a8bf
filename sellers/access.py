"""Who is the seller behind a request: the one place seller-facing views ask it."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from sellers.models import Partner


def seller_of(user) -> Partner | None:
    """The active seller this user works for, or None (staff and buyers are not sellers)."""
    if not user.is_authenticated:
        return None
    return Partner.objects.filter(users=user, is_active=True).order_by("pk").first()


class SellerRequiredMixin(LoginRequiredMixin):
    """A view for a signed-in seller's own data; `self.seller` is that seller, anyone else gets 403."""

    seller = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.seller = seller_of(request.user)
            if self.seller is None:
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
