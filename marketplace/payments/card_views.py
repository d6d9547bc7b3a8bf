"""The card page: a buyer whose order is to be paid by card goes from here to Stripe's hosted page
and comes back; the order is paid only by what Stripe itself confirms (webhook or retrieve)."""

import logging

import stripe
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from oscar.core.loading import get_model

from marketplace.order.buyer_access import buyers_order
from marketplace.order.expiry import is_awaiting_payment
from marketplace.payments.card_payments import confirm_checkout_session, start_checkout_session

Order = get_model("order", "Order")
logger = logging.getLogger(__name__)


def _card_source(order):
    return order.sources.filter(source_type__code="card").first()


class CardPaymentView(View):
    """GET: the amount and a pay button. POST: on to Stripe's hosted page (one session per order)."""

    template_name = "payments/card.html"

    def get(self, request, number):
        order = buyers_order(request, number)
        if _card_source(order) is None:
            raise Http404
        return render(request, self.template_name, {"order": order, "payable": is_awaiting_payment(order)})

    def post(self, request, number):
        order = buyers_order(request, number)
        if _card_source(order) is None:
            raise Http404
        if not is_awaiting_payment(order):
            messages.info(request, _("Đơn hàng này không còn chờ thanh toán."))
            return redirect("payments:card", number=number)
        success = request.build_absolute_uri(reverse("payments:card-return", kwargs={"number": number}))
        cancel = request.build_absolute_uri(reverse("payments:card", kwargs={"number": number}))
        try:
            url = start_checkout_session(order, success + "?session_id={CHECKOUT_SESSION_ID}", cancel)
        except stripe.StripeError:
            logger.exception("Could not start a Stripe Checkout Session for order %s", number)
            messages.error(request, _("Chưa kết nối được cổng thanh toán thẻ. Xin thử lại sau ít phút."))
            return redirect("payments:card", number=number)
        return redirect(url)


class CardReturnView(View):
    """Stripe sends the buyer back here; the server asks Stripe whether the session is paid."""

    def get(self, request, number):
        order = buyers_order(request, number)
        source = _card_source(order)
        session_id = request.GET.get("session_id", "")
        if source is None or not session_id or session_id != source.reference:
            raise Http404
        try:
            outcome = confirm_checkout_session(session_id)
        except stripe.StripeError:
            logger.exception("Could not retrieve Checkout Session %s", session_id)
            outcome = "unavailable"
        logger.info("Card return for order %s: %s", number, outcome)
        order.refresh_from_db()
        if order.payment_state == Order.PaymentState.PAID:
            messages.success(request, _("Đã nhận thanh toán thẻ. Cảm ơn bạn!"))
        else:
            messages.info(request, _("Đang chờ Stripe xác nhận thanh toán; trang đơn hàng sẽ cập nhật khi có kết quả."))
        request.session["checkout_order_id"] = order.pk
        return redirect("checkout:thank-you")
