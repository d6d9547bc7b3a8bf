"""The figures page and its CSV exports in Wagtail's admin (/cms-admin/figures/).

Both need the `figures.view_figures` permission: province staff hold it through their group
(data migration), superusers through being superusers; sellers and buyers never reach the admin.
"""

import csv

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy

from marketplace.figures import caching, display, queries
from marketplace.figures.forms import PeriodForm
from marketplace.figures.models import Figures
from marketplace.figures.periods import PRESETS

permission_policy = ModelPermissionPolicy(Figures)


class FiguresPermissionMixin(PermissionCheckedMixin):
    permission_policy = permission_policy
    permission_required = "view"


class FiguresView(FiguresPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every figure for the chosen period: a chart, the table beside it, a CSV link."""

    template_name = "figures/index.html"
    page_title = gettext_lazy("Số liệu kinh tế số")
    header_icon = "table"
    csv_url_name = None

    def get(self, request, *args, **kwargs):
        form = PeriodForm(request.GET)  # nothing chosen is valid: the default preset
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, tables=[]), status=400)
        # "Compute again" (a button on the page) skips the kept figures and keeps the new ones.
        figures, computed_at = caching.all_figures(form.period, fresh="fresh" in request.GET)
        tables = [display.table(figure) for figure in figures]
        query = form.query_string()
        for table in tables:
            table["csv_url"] = f"{reverse(self.csv_url_name, args=[table['figure'].slug])}?{query}"
        return self.render_to_response(self.get_context_data(
            form=form, tables=tables, period=form.period, computed_at=computed_at,
            kept_minutes=settings.FIGURES_CACHE_SECONDS // 60,
        ))

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(presets=[(key, label) for key, (label, _f) in PRESETS.items()], **kwargs)


class CsvView(FiguresPermissionMixin, View):
    """One table as CSV: UTF-8 with a byte-order mark so that Excel reads the Vietnamese right."""

    def get(self, request, slug):
        if slug not in queries.SECTION_OF:
            raise Http404
        form = PeriodForm(request.GET)
        if not form.is_valid():
            message = " ".join(error for errors in form.errors.values() for error in errors)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        figure = caching.figure(slug, form.period)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"so-lieu-{slug}-{form.period.start:%Y%m%d}-{form.period.end:%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow([column.title for column in figure.columns])
        kinds = [column.kind for column in figure.columns]
        for row in figure.rows:
            writer.writerow([display.plain(value, kind) for value, kind in zip(row, kinds, strict=True)])
        return response
