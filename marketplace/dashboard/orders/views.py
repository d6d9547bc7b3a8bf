"""A seller's own parts of orders: the list, one part with only its own lines, and its fulfilment.

Staff keep Oscar's order pages (see the app's permissions); these pages show a seller nothing of
the other sellers in the same order.
"""

from django.contrib import messages
from django.db.models import Case, IntegerField, Sum, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView
from oscar.core.loading import get_model

from marketplace.dashboard.orders.forms import AcceptPartForm, CancelPartForm, PartFilterForm, ShipPartForm
from marketplace.order import fulfilment
from sellers.access import SellerRequiredMixin

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
Status = OrderPart.Status


def needs_action():
    """0 for a paid part the seller still has to accept or ship, 1 otherwise (sorts those first)."""
    return Case(
        When(order__payment_state=Order.PaymentState.PAID, status__in=[Status.NEW, Status.ACCEPTED], then=Value(0)),
        default=Value(1), output_field=IntegerField(),
    )


class SellerOrderPartListView(SellerRequiredMixin, ListView):
    """The seller's parts of orders: paid ones needing action first, then newest first."""

    template_name = "oscar/dashboard/orders/seller_part_list.html"
    context_object_name = "parts"
    paginate_by = 25

    def get_queryset(self):
        parts = OrderPart.objects.filter(seller=self.seller).select_related("order")
        self.form = PartFilterForm(self.request.GET)
        if self.form.is_valid() and self.form.cleaned_data["status"]:
            parts = parts.filter(status=self.form.cleaned_data["status"])
        return parts.annotate(needs_action=needs_action()).order_by("needs_action", "-created_at", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class SellerOrderPartDetailView(SellerRequiredMixin, TemplateView):
    """One part: its lines, where to send them, whom to call, and the next step."""

    template_name = "oscar/dashboard/orders/seller_part_detail.html"
    actions = {"accept": AcceptPartForm, "ship": ShipPartForm, "cancel": CancelPartForm}

    def get_part(self):
        # Another seller's part is simply not found.
        return get_object_or_404(
            OrderPart.objects.select_related("order", "order__shipping_address", "order__user"),
            pk=self.kwargs["pk"], seller=self.seller,
        )

    def get(self, request, *args, **kwargs):
        self.part = self.get_part()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.part = self.get_part()
        action = request.POST.get("action", "")
        if action not in self.actions:
            messages.error(request, _("Thao tác không hợp lệ."))
            return redirect("dashboard:seller-order-detail", pk=self.part.pk)
        form = self.actions[action](request.POST)
        if form.is_valid():
            try:
                self.perform(action, form.cleaned_data)
            except fulfilment.FulfilmentError as error:
                form.add_error(None, error)
            else:
                messages.success(request, self.success_message(action))
                return redirect("dashboard:seller-order-detail", pk=self.part.pk)
        self.part.refresh_from_db()
        return self.render_to_response(self.get_context_data(**{f"{action}_form": form}), status=200)

    def perform(self, action, data):
        by = self.request.user
        if action == "accept":
            fulfilment.accept_part(self.part, by=by)
        elif action == "ship":
            fulfilment.ship_part(self.part, data["carrier"], data["tracking_number"], by=by)
        else:
            fulfilment.cancel_part(self.part, data["cancel_reason"], by=by)

    def success_message(self, action):
        return {
            "accept": _("Đã nhận đơn %(number)s. Hãy đóng gói và giao cho đơn vị vận chuyển."),
            "ship": _("Đã ghi nhận giao đơn %(number)s cho đơn vị vận chuyển."),
            "cancel": _("Đã hủy phần đơn %(number)s; người mua sẽ được báo."),
        }[action] % {"number": self.part.order.number}

    def get_context_data(self, **kwargs):
        part = self.part
        lines = list(part.lines.select_related("product", "stockrecord").order_by("pk"))
        goods = part.lines.aggregate(total=Sum("line_price_incl_tax"))["total"] or 0
        context = {
            "part": part,
            "order": part.order,
            "lines": lines,
            "goods_total": goods,
            "part_total": goods + part.shipping_charge,
            "address": part.order.shipping_address,
            "accept_form": AcceptPartForm(),
            "ship_form": ShipPartForm(initial={"carrier": part.carrier, "tracking_number": part.tracking_number}),
            "cancel_form": CancelPartForm(),
            "can_accept": part.status == Status.NEW,
            "can_ship": part.status == Status.ACCEPTED,
            "can_cancel": part.status in (Status.NEW, Status.ACCEPTED),
        }
        context.update(kwargs)
        return super().get_context_data(**context)
