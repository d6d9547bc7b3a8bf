"""Oscar's product pages, limited for a seller to its own products.

Oscar decides what a partner user may touch by stock records, which a variant or a parent without
stock does not have and which another seller could add; here ownership is `Product.seller`, set to
the signed-in seller and never taken from a form. Staff keep Oscar's behaviour unchanged.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from oscar.apps.dashboard.catalogue import views as oscar_views
from oscar.core.loading import get_class, get_model

from geo_indications.rules import gi_claim_errors
from sellers.access import seller_of

Product = get_model("catalogue", "Product")
SellerStockRecordFormSet = get_class("dashboard.catalogue.formsets", "SellerStockRecordFormSet")


def seller_product_q(seller):
    """Products that belong to this seller, variants included."""
    return Q(seller=seller) | Q(parent__seller=seller)


class SellerProductFilterMixin:
    """For anyone but staff: only the products of the seller they sign in for (403 if none)."""

    seller = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_staff:
            self.seller = seller_of(request.user)
            if self.seller is None:
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def filter_queryset(self, queryset):
        if self.seller is None:
            return queryset
        return queryset.filter(seller_product_q(self.seller))


class ProductListView(SellerProductFilterMixin, oscar_views.ProductListView):
    def get_actions(self):
        # Bulk actions (publishing, price changes) stay with staff; see the app's permissions.
        return super().get_actions() if self.seller is None else {}

    def post(self, request, *args, **kwargs):
        if self.seller is not None:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)


class ProductCreateUpdateView(SellerProductFilterMixin, oscar_views.ProductCreateUpdateView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if request.user.is_authenticated and not request.user.is_staff:
            # Recommendations point at other sellers' products: a seller's page has none.
            self.formsets = {
                "category_formset": self.category_formset,
                "image_formset": self.image_formset,
                "stockrecord_formset": SellerStockRecordFormSet,
            }

    def get_object(self, queryset=None):
        if self.seller is not None and "parent_pk" in self.kwargs:
            # Oscar looks the parent up among all products: a seller adds variants to its own only.
            self.creating = True
            self.parent = get_object_or_404(self.get_queryset(), pk=self.kwargs["parent_pk"])
            if self.parent.is_child:
                raise Http404
            self.product_class = self.parent.product_class
            return None
        return super().get_object(queryset)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.seller is not None:
            kwargs["seller"] = self.seller
            if self.creating and self.parent is None:
                kwargs["instance"] = Product(seller=self.seller)
            elif self.creating:
                kwargs["instance"] = Product(seller=self.seller, parent=self.parent)
        return kwargs

    def _formset(self, formset_class, *args, **kwargs):
        if formset_class is SellerStockRecordFormSet:
            kwargs["seller"] = self.seller
        return formset_class(self.product_class, self.request.user, *args, **kwargs)

    def get_context_data(self, **kwargs):
        for name, formset_class in self.formsets.items():
            if name not in kwargs:
                kwargs[name] = self._formset(formset_class, instance=self.object)
        ctx = super().get_context_data(**kwargs)
        ctx["is_seller"] = self.seller is not None
        return ctx

    def process_all_forms(self, form):
        if self.seller is None:
            return super().process_all_forms(form)
        with transaction.atomic():
            if self.creating and form.is_valid():
                self.object = form.save()
            formsets = {
                name: self._formset(
                    formset_class, self.request.POST, self.request.FILES, instance=self.object
                )
                for name, formset_class in self.formsets.items()
            }
            is_valid = form.is_valid() and all(formset.is_valid() for formset in formsets.values())
            cross_form_valid = self.clean(form, formsets)  # always, so every error shows at once
            if is_valid and cross_form_valid:
                return self.forms_valid(form, formsets)
            return self.forms_invalid(form, formsets)

    form_valid = form_invalid = process_all_forms

    def clean(self, form, formsets):
        """The GI claim, checked with the categories chosen in the same submission (the product
        form leaves it out of model validation, which sees only categories already saved)."""
        if not form.is_valid() or "geographic_indication" not in form.cleaned_data:
            return True
        gi = form.cleaned_data.get("geographic_indication")
        if gi is None:
            return True
        category_formset = formsets["category_formset"]
        if not category_formset.is_valid():
            return True
        categories = [
            category_form.cleaned_data["category"]
            for category_form in category_formset.forms
            if category_form.cleaned_data.get("category") and not category_form.cleaned_data.get("DELETE")
        ]
        errors = gi_claim_errors(
            seller=form.instance.seller, geographic_indication=gi,
            origin_commune=form.cleaned_data.get("origin_commune"), categories=categories,
        )
        for error in errors:
            form.add_error("geographic_indication", error)
        return not errors

    def forms_valid(self, form, formsets):
        if self.seller is not None:
            form.instance.seller = self.seller
        return super().forms_valid(form, formsets)


class ProductDeleteView(SellerProductFilterMixin, oscar_views.ProductDeleteView):
    pass


class ProductCreateRedirectView(SellerProductFilterMixin, oscar_views.ProductCreateRedirectView):
    pass
