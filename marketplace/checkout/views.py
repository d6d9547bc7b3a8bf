from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView
from oscar.apps.checkout import views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.apps.checkout.views import *  # noqa: F403
from oscar.core.loading import get_class, get_model

from geo_indications.models import Commune
from marketplace.checkout.forms import PaymentMethodForm
from marketplace.checkout.payment_methods import (
    CARD,
    DESCRIPTIONS,
    LABELS,
    SOURCE_TYPE_NAMES,
    is_offered,
    offered_methods,
)

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
UnableToTakePayment = get_class("payment.exceptions", "UnableToTakePayment")


class IndexView(views.IndexView):
    def get_form_kwargs(self):
        # AuthenticationForm reports a wrong password with the request only when it is given one;
        # without it the failure counts against nobody and checkout's "returning customer" box
        # would be an unlimited password oracle (marketplace.ratelimit).
        return {**super().get_form_kwargs(), "request": self.request}


class ShippingAddressView(views.ShippingAddressView):
    def get_initial(self):
        initial = super().get_initial() or {}
        # The session keeps the model's columns; the form's fields are the commune and its province.
        if initial.get("commune_id"):
            initial["commune"] = initial["commune_id"]
            initial["province"] = Commune.objects.filter(pk=initial["commune_id"]).values_list(
                "province_id", flat=True
            ).first()
        return initial


class PaymentMethodView(views.PaymentMethodView, FormView):
    """The buyer chooses how to pay among the offered methods (the PAYMENT_METHODS setting)."""

    template_name = "oscar/checkout/payment_method.html"
    form_class = PaymentMethodForm
    success_url = reverse_lazy("checkout:preview")

    def get(self, request, *args, **kwargs):
        return FormView.get(self, request, *args, **kwargs)

    def get_initial(self):
        chosen = self.checkout_session.payment_method()
        return {"method": chosen if is_offered(chosen) else next(iter(offered_methods()), None)}

    def get_context_data(self, **kwargs):
        kwargs["descriptions"] = DESCRIPTIONS
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PaymentDetailsView(views.PaymentDetailsView):
    """Preview and order placement; the order records its payment method as a payment Source.

    Nothing is charged here: a VietQR order waits for the bank's notification, a card order goes
    on to the card page, and either becomes paid only through marketplace.order.payment_state.
    """

    def check_payment_data_is_captured(self, request):
        if not is_offered(self.checkout_session.payment_method()):
            raise FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message=_("Hãy chọn một phương thức thanh toán được hỗ trợ."),
            )

    def get_pre_conditions(self, request):
        # Payment details and preview are one step here: both need the method chosen.
        return self.pre_conditions + ["check_payment_data_is_captured"]

    def get(self, request, *args, **kwargs):
        if not self.preview:
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        method = self.checkout_session.payment_method()
        context["payment_method_label"] = LABELS.get(method, "")
        context["payment_method_code"] = method
        return context

    def submit(self, user, basket, *args, **kwargs):
        # Freezing the basket commits only with the order: if the database goes away in between, the
        # basket is still open when it is back and the buyer places the order again, instead of
        # finding an empty basket beside a frozen one that no order will ever submit.
        with transaction.atomic():
            # A double click sends two submissions of one basket: only the one that moves it from
            # open to frozen goes on (one conditional UPDATE, which waits for the first to commit),
            # the other goes where the first went.
            if not Basket.objects.filter(pk=basket.pk, status=Basket.OPEN).update(status=Basket.FROZEN):
                order = Order.objects.filter(basket_id=basket.pk).first()
                if order is not None:
                    self.request.session["checkout_order_id"] = order.pk
                    return redirect(self.success_url_for(order))
                messages.info(self.request, _("Đơn hàng đang được xử lý, xin chờ trong giây lát."))
                return redirect("basket:summary")
            basket.status = Basket.FROZEN
            return super().submit(user, basket, *args, **kwargs)

    def handle_payment(self, order_number, total, **kwargs):
        method = self.checkout_session.payment_method()
        if not is_offered(method):
            raise UnableToTakePayment(_("Phương thức thanh toán này không được hỗ trợ; hãy chọn lại."))
        source_type, _created = SourceType.objects.get_or_create(
            code=method, defaults={"name": SOURCE_TYPE_NAMES[method]}
        )
        self.add_payment_source(Source(source_type=source_type, amount_allocated=total.incl_tax))

    def handle_order_placement(self, *args, **kwargs):
        # The order, its sellers' parts and its payment source commit together, so what is enqueued
        # on commit (the buyer's e-mail, which depends on the method and the parts) sees all of them.
        with transaction.atomic():
            return super().handle_order_placement(*args, **kwargs)

    def send_order_placed_email(self, order):
        """Nothing here: marketplace.order.notifications sends our own confirmation on commit."""

    def handle_successful_order(self, order):
        self.placed_order = order
        return super().handle_successful_order(order)

    def get_success_url(self):
        return self.success_url_for(self.placed_order)

    @staticmethod
    def success_url_for(order):
        if order.sources.filter(source_type__code=CARD).exists() and order.payment_state == order.PaymentState.PENDING:
            return reverse("payments:card", kwargs={"number": order.number})
        return reverse("checkout:thank-you")
