"""The shape of every staff review queue in Wagtail's admin, after the seller-application queue
(sellers/review_views.py): a filtered listing, an inspect page with the supporting document and one
button per decision allowed now, and a decision page (a reason field where the decision is a
refusal). Listing, inspecting and deciding need the change permission on the model; there is no
add, edit or delete: objects change only through their decision functions, which write the audit
log. Each object's history (Wagtail's, from the audit log) is kept.

The queues: catalog/certificate_review_views.py, geo_indications/right_review_views.py,
catalog/reviews/moderation_views.py, marketplace/payments/transfer_review_views.py.
"""

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from marketplace.decisions import NotDecidable

NOT_ROUTED = ("add_url_name", "edit_url_name", "delete_url_name", "copy_url_name", "usage_url_name")


@dataclass(frozen=True)
class Decision:
    """One decision a queue offers: its URL segment, its button, when it applies and what it does."""

    name: str
    label: str
    page_title: str
    applies: Callable  # (obj) -> bool
    perform: Callable  # (pk, user) or (pk, user, reason) -> obj
    success: str  # message, formatted with %(object)s
    explanation: str = ""  # shown above the button on the decision page
    reason_label: str = ""  # empty: the decision needs no reason
    icon: str = "check"
    refusal: bool = False  # styled as a refusal

    @property
    def needs_reason(self):
        return bool(self.reason_label)


class ReasonForm(forms.Form):
    # Not required here: the decision function refuses a blank reason with its own message.
    reason = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class QueueIndexView(IndexView):
    any_permission_required = ["change"]
    narrow = None  # queryset -> queryset: the queue's rows, when not every row belongs to it

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return self.narrow(queryset) if self.narrow else queryset


class QueueInspectView(InspectView):
    any_permission_required = ["change"]
    template_name = "verification/admin/inspect.html"
    decisions = ()
    decision_url_names = None
    document_url_name = None
    document_field = None
    select_related = ()

    def get_object(self, queryset=None):
        return get_object_or_404(self.model.objects.select_related(*self.select_related), pk=self.pk)

    def _allowed(self):
        return [decision for decision in self.decisions if decision.applies(self.object)]

    @cached_property
    def header_more_buttons(self):
        return [
            Button(decision.label, url=reverse(self.decision_url_names[decision.name], args=[self.object.pk]),
                   icon_name=decision.icon, priority=10 * (index + 1))
            for index, decision in enumerate(self._allowed())
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = getattr(self.object, self.document_field) if self.document_field else None
        context["document_url"] = (
            reverse(self.document_url_name, args=[self.object.pk]) if document else None
        )
        context["has_document_field"] = bool(self.document_field)
        context["decision_links"] = [
            (decision, reverse(self.decision_url_names[decision.name], args=[self.object.pk]))
            for decision in self._allowed()
        ]
        return context


class DecisionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Take one decision on one object; a decision that no longer applies is refused with a message."""

    model = None
    decision = None
    permission_required = "change"
    template_name = "verification/admin/decide.html"
    header_icon = "form"
    index_url_name = inspect_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])

    def get_page_title(self):
        return self.decision.page_title

    def get_page_subtitle(self):
        return str(self.object)

    def get_form_class(self):
        return ReasonForm if self.decision.needs_reason else forms.Form

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if "reason" in form.fields:
            form.fields["reason"].label = self.decision.reason_label
        return form

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": self.model._meta.verbose_name_plural.capitalize()},
            {"url": reverse(self.inspect_url_name, args=[self.object.pk]), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        if not self.decision.applies(self.object):
            return self._not_decidable(NotDecidable(_("Mục này đã được xử lý hoặc không còn ở trạng thái phù hợp.")))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, decision=self.decision, **kwargs)

    def _not_decidable(self, error):
        messages.error(self.request, str(error))
        return redirect(self.inspect_url_name, self.object.pk)

    def form_valid(self, form):
        args = (form.cleaned_data["reason"],) if self.decision.needs_reason else ()
        try:
            self.decision.perform(self.object.pk, self.request.user, *args)
        except NotDecidable as error:
            return self._not_decidable(error)
        except ValidationError as error:
            form.add_error("reason" if self.decision.needs_reason else None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.decision.success % {"object": self.object})
        return redirect(self.inspect_url_name, self.object.pk)


class DocumentView(PermissionCheckedMixin, View):
    """The object's supporting document, to staff only, sandboxed like the seller-application papers."""

    model = None
    field = None
    permission_required = "change"

    def get(self, request, pk):
        document = getattr(get_object_or_404(self.model, pk=pk), self.field)
        if not document:
            raise Http404
        content_type = mimetypes.guess_type(document.name)[0] or "application/octet-stream"
        response = FileResponse(document.open("rb"), content_type=content_type,
                                filename=document.name.rsplit("/", 1)[-1])
        # Shown inline for convenience, but an uploaded file gets no scripts and no same-origin access.
        response["Content-Security-Policy"] = "sandbox"
        return response


def inspect_url_finder(viewset):
    """Where Wagtail's reports (site history) link an object to: its inspect page, as it has no edit view."""
    return type("InspectURLFinder", (ModelAdminURLFinder,), {"edit_url_name": viewset.get_url_name("inspect")})


class QueueViewSet(ModelViewSet):
    """A review queue: listing, inspect, history, one URL per decision, and the document if any."""

    decisions = ()
    document_field = None
    select_related = ()
    index_view_class = QueueIndexView
    inspect_view_class = QueueInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    add_to_admin_menu = True

    @property
    def url_finder_class(self):
        return inspect_url_finder(self)

    def narrow(self, queryset):
        """The queue's rows, when not every row of the model belongs to it."""
        return queryset

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(dict.fromkeys(NOT_ROUTED))
        return view_kwargs

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(narrow=self.narrow, **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            decisions=self.decisions, document_field=self.document_field, select_related=self.select_related,
            decision_url_names={decision.name: self.get_url_name(decision.name) for decision in self.decisions},
            document_url_name=self.get_url_name("document"), **kwargs,
        )

    def get_urlpatterns(self):
        urls = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
        ]
        urls += [
            path(f"{decision.name}/<int:pk>/", DecisionView.as_view(
                model=self.model, decision=decision, index_url_name=self.get_url_name("index"),
                inspect_url_name=self.get_url_name("inspect"),
            ), name=decision.name)
            for decision in self.decisions
        ]
        if self.document_field:
            urls.append(path("document/<int:pk>/", DocumentView.as_view(model=self.model, field=self.document_field),
                             name="document"))
        return urls
