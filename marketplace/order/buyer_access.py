"""Which order a buyer's browser may act on (pay by card, give a refund account)."""

from django.http import Http404
from oscar.core.loading import get_model

Order = get_model("order", "Order")

LINKED_ORDERS_KEY = "linked_order_ids"


def buyers_order(request, number):
    """The order if this browser placed it (guest checkout), it belongs to the signed-in buyer, or
    the browser came with the order's signed link (`?h=`, from the buyer's e-mail): a guest can pay
    from another phone. The link is remembered for the session, so the return from Stripe works."""
    order = Order.objects.filter(number=number).first()
    if order is None:
        raise Http404
    if request.session.get("checkout_order_id") == order.pk:
        return order
    if request.user.is_authenticated and order.user_id == request.user.pk:
        return order
    linked = request.session.get(LINKED_ORDERS_KEY, [])
    if order.pk in linked:
        return order
    if order.check_verification_hash(request.GET.get("h", "")):
        request.session[LINKED_ORDERS_KEY] = [*linked, order.pk][-20:]
        return order
    raise Http404
