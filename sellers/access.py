"""Who is the seller behind a request: the one place seller-facing views ask it."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from sellers.models import Partner


def seller_of(user) -> Partner | None:
    """The seller this user works for, or None (staff and buyers are not sellers).

    A suspended seller is still its users' seller: it keeps its dashboard to ship or cancel the parts
    of orders it was given, and the dashboard tells it why it is suspended (sellers.suspension).
    """
    if not user.is_authenticated:
        return None
    return Partner.objects.filter(users=user).order_by("-is_active", "pk").first()


class SellerRequiredMixin(LoginRequiredMixin):
    """A view for a signed-in seller's own data; `self.seller` is that seller, anyone else gets 403."""

    seller = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.seller = seller_of(request.user)
            if self.seller is None:
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
