from django import shortcuts
from django.contrib import messages
from django.db.models import Exists, OuterRef, Prefetch, Q, prefetch_related_objects
from django.views.generic import FormView
from oscar.apps.basket import views
from oscar.core.loading import get_class, get_model

from marketplace.basket.middleware import apply_offers

BasketMessageGenerator = get_class("basket.utils", "BasketMessageGenerator")
Option = get_model("catalogue", "Option")
StockRecord = get_model("partner", "StockRecord")


class BasketView(views.BasketView):
    """Oscar's basket page, each line drawn with its product's picture: loaded for all the lines at
    once, the basket's and those saved for later."""

    def get_queryset(self):
        return self.request.basket.all_lines_with_images()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        saved = context.get("saved_formset")
        if saved is not None:
            prefetch_related_objects([form.instance for form in saved], "product__images")
        return context


class BasketAddView(views.BasketAddView):
    """Oscar's add-to-basket view in a fixed few queries: the product is read with everything the
    form, the strategy and the messages ask of it, and the basket's lines are read once."""

    def get_product_queryset(self):
        return (
            self.product_model._default_manager.select_related("product_class", "parent__product_class")
            # Both the form's checks and add_product() ask the strategy for the product's stock record.
            .prefetch_related(Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")))
            # Oscar's has_options reads these instead of querying; a variant has its parent's class.
            .annotate(
                has_product_class_options=Exists(Option.objects.filter(
                    Q(productclass=OuterRef("product_class")) | Q(productclass=OuterRef("parent__product_class")))),
                has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
            )
        )

    def post(self, request, *args, **kwargs):
        self.product = shortcuts.get_object_or_404(self.get_product_queryset(), pk=kwargs["pk"])
        return FormView.post(self, request, *args, **kwargs)

    def form_valid(self, form):
        basket = self.request.basket
        offers_before = basket.applied_offers()
        self.line, self.line_created = basket.add_product(
            form.product, form.cleaned_data["quantity"], form.cleaned_options()
        )
        messages.success(self.request, self.get_success_message(form), extra_tags="safe noicon")

        # As Oscar's BasketMessageGenerator.apply_messages(), but add_product() has already reset
        # the offers and kept the lines current: it would reset them again and read the lines anew.
        apply_offers(self.request, basket)
        generator = BasketMessageGenerator()
        for level, message in generator.get_messages(basket, offers_before, basket.applied_offers()):
            messages.add_message(self.request, level, message, extra_tags="safe noicon")

        self.add_signal.send(sender=self, product=form.product, user=self.request.user, request=self.request)
        return FormView.form_valid(self, form)
