"""Province staff review seller applications in Wagtail's admin (/cms-admin/seller-applications/).

Listing, inspecting, approving and rejecting need the change permission on applications; there is
no add, edit or delete: an application changes only through a decision (sellers.applications).
"""

import mimetypes

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from marketplace.decision_views import inspect_url_finder
from sellers import applications
from sellers.forms import RejectionForm
from sellers.models import SellerApplication, SellerApplicationDocument

NOT_ROUTED = ("add_url_name", "edit_url_name", "delete_url_name", "copy_url_name", "history_url_name",
              "usage_url_name")


class ReviewIndexView(IndexView):
    any_permission_required = ["change"]


class ApplicationInspectView(InspectView):
    any_permission_required = ["change"]
    template_name = "sellers/admin/inspect.html"
    approve_url_name = reject_url_name = document_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            SellerApplication.objects.select_related("commune__province", "reviewed_by", "seller"), pk=self.pk
        )

    def get_bank_bin_display_value(self):
        return self.object.bank_name

    @cached_property
    def header_more_buttons(self):
        if self.object.is_decided:
            return []
        return [
            Button(_("Duyệt"), url=reverse(self.approve_url_name, args=[self.object.pk]), icon_name="check",
                   priority=10),
            Button(_("Từ chối"), url=reverse(self.reject_url_name, args=[self.object.pk]), icon_name="cross",
                   priority=20),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["documents"] = [
            (document, reverse(self.document_url_name, args=[document.pk]))
            for document in self.object.documents.all()
        ]
        if not self.object.is_decided:
            context["approve_url"] = reverse(self.approve_url_name, args=[self.object.pk])
            context["reject_url"] = reverse(self.reject_url_name, args=[self.object.pk])
        return context


class DecisionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Approve or reject one application; a decided one cannot be decided again."""

    model = SellerApplication
    permission_required = "change"
    template_name = "sellers/admin/decide.html"
    header_icon = "form"
    index_url_name = inspect_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            SellerApplication.objects.select_related("commune__province"), pk=kwargs["pk"]
        )

    def get_page_subtitle(self):
        return self.object.name

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name),
             "label": SellerApplication._meta.verbose_name_plural.capitalize()},
            {"url": reverse(self.inspect_url_name, args=[self.object.pk]), "label": self.object.name},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        if self.object.is_decided:
            return self._already_decided()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)

    def _already_decided(self):
        self.object.refresh_from_db()
        messages.error(self.request, str(applications.AlreadyDecided(self.object)))
        return redirect(self.inspect_url_name, self.object.pk)

    def form_valid(self, form):
        try:
            self.decide(form)
        except applications.AlreadyDecided:
            return self._already_decided()
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return redirect(self.inspect_url_name, self.object.pk)


class ApproveView(DecisionView):
    page_title = gettext_lazy("Duyệt hồ sơ")
    form_class = forms.Form  # nothing to fill in: the button is the decision

    def decide(self, form):
        applications.approve(self.object.pk, self.request.user)
        messages.success(
            self.request,
            _("Đã duyệt hồ sơ %(name)s: gian hàng và tài khoản đăng nhập đã được tạo.")
            % {"name": self.object.name},
        )


class RejectView(DecisionView):
    page_title = gettext_lazy("Từ chối hồ sơ")
    form_class = RejectionForm

    def decide(self, form):
        applications.reject(self.object.pk, self.request.user, form.cleaned_data["reason"])
        messages.success(self.request, _("Đã từ chối hồ sơ %(name)s; người đăng ký sẽ nhận lý do qua email.")
                         % {"name": self.object.name})


class DocumentView(PermissionCheckedMixin, View):
    """A supporting document, to staff only: these papers are never served from public media."""

    model = SellerApplication
    permission_required = "change"

    def get(self, request, pk):
        document = get_object_or_404(SellerApplicationDocument, pk=pk)
        content_type = (
            "application/pdf" if document.kind == SellerApplicationDocument.Kind.PDF
            else mimetypes.guess_type(document.file.name)[0] or "application/octet-stream"
        )
        response = FileResponse(
            document.file.open("rb"), content_type=content_type, filename=document.original_name
        )
        # Shown inline for convenience, but an uploaded file gets no scripts and no same-origin access.
        response["Content-Security-Policy"] = "sandbox"
        return response


class SellerApplicationViewSet(ModelViewSet):
    model = SellerApplication
    name = "seller-applications"
    icon = "form"
    menu_label = gettext_lazy("Hồ sơ đăng ký bán hàng")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = ReviewIndexView
    inspect_view_class = ApplicationInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "status", "kind", "name", "registration_number", "tax_code", "representative", "phone", "email",
        "commune", "street_address", "bank_bin", "bank_account_number", "bank_account_name", "created_at",
        "consented_at", "reviewed_by", "reviewed_at", "rejection_reason", "seller",
    ]
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = ["name", "kind", "commune", "created_at", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "tax_code", "email", "phone"]
    ordering = ["-created_at"]

    @property
    def url_finder_class(self):
        # Decisions are in the audit log; its reports link each entry to the inspect page (no edit view).
        return inspect_url_finder(self)

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(dict.fromkeys(NOT_ROUTED))
        return view_kwargs

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            approve_url_name=self.get_url_name("approve"), reject_url_name=self.get_url_name("reject"),
            document_url_name=self.get_url_name("document"), **kwargs,
        )

    def decision_view(self, view_class):
        return view_class.as_view(
            index_url_name=self.get_url_name("index"), inspect_url_name=self.get_url_name("inspect"),
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("approve/<int:pk>/", self.decision_view(ApproveView), name="approve"),
            path("reject/<int:pk>/", self.decision_view(RejectView), name="reject"),
            path("document/<int:pk>/", DocumentView.as_view(), name="document"),
        ]
