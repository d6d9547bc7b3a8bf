"""The seller's pages for bulk listing: the template, the upload and its check, the confirmation,
and the job's progress. Every page acts for the signed-in seller and sees only its jobs."""

from django import forms
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from marketplace.background import enqueue_on_commit
from sellers.access import SellerRequiredMixin
from sellers.imports import checking, reading, template
from sellers.imports.models import ImportJob
from sellers.imports.tasks import run_import

TEMPLATE_NAME = "mau-nhap-san-pham"
RECENT_JOBS = 10


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp bảng tính (.xlsx hoặc .csv)"),
        error_messages={
            "required": gettext_lazy("Hãy chọn tệp bảng tính để tải lên."),
            "empty": gettext_lazy("Tệp trống, không có dữ liệu nào."),
        },
    )


class TemplateDownloadView(SellerRequiredMixin, View):
    """The template in Vietnamese, as XLSX or CSV."""

    def get(self, request, fmt):
        if fmt == "xlsx":
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            body = template.template_xlsx()
        elif fmt == "csv":
            content_type, body = "text/csv; charset=utf-8", template.template_csv()
        else:
            raise Http404
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_NAME}.{fmt}"'
        return response


class ImportView(SellerRequiredMixin, View):
    """Upload a spreadsheet; it is checked at once and either every error is shown or a job is
    prepared for confirmation. Nothing is imported here."""

    def get(self, request):
        return self.render(UploadForm())

    def render(self, form, **context):
        jobs = ImportJob.objects.filter(seller=self.seller)[:RECENT_JOBS]
        return TemplateResponse(self.request, "sellers/import/index.html", {
            "form": form, "jobs": jobs, "max_rows": reading.grouped(reading.max_rows()), **context,
        })

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form)
        upload = form.cleaned_data["file"]
        if upload.size > reading.max_bytes():
            form.add_error("file", _("Tệp quá lớn: tối đa %(limit)s MB.") % {"limit": reading.max_bytes() // 2**20})
            return self.render(form)
        data = upload.read()
        try:
            sheet = reading.read_spreadsheet(data)
        except reading.FileRefused as refused:
            form.add_error("file", refused.message)
            return self.render(form)
        plan, errors = checking.check(sheet, self.seller)
        if errors:
            return self.render(UploadForm(), errors=errors, file_name=upload.name)
        job = ImportJob(
            seller=self.seller, created_by=request.user, original_name=upload.name[:200],
            total=plan.total, to_create=plan.to_create, to_update=plan.to_update,
            unchanged_count=plan.unchanged,
        )
        job.file.save(upload.name, ContentFile(data), save=False)
        job.save()
        return redirect("seller_import:job", pk=job.pk)


class SellerJobMixin(SellerRequiredMixin):
    def get_job(self, pk):
        # Another seller's job is answered exactly like a job that does not exist.
        return get_object_or_404(ImportJob, pk=pk, seller=self.seller)


class JobView(SellerJobMixin, View):
    """A job: its preview and confirmation, its progress while it runs, then its result."""

    def get(self, request, pk):
        job = self.get_job(pk)
        return TemplateResponse(request, "sellers/import/job.html", {"job": job})


class ConfirmView(SellerJobMixin, View):
    """Start the import. Confirming twice (a double click, a resent form) starts it once."""

    def post(self, request, pk):
        job = self.get_job(pk)
        with transaction.atomic():
            started = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.READY).update(
                status=ImportJob.Status.QUEUED
            )
            if started:
                enqueue_on_commit(run_import, job.pk)
        return redirect("seller_import:job", pk=job.pk)


class ProgressView(SellerJobMixin, View):
    """The job's state as JSON, polled by the job page."""

    def get(self, request, pk):
        job = self.get_job(pk)
        return JsonResponse({
            "status": job.status,
            "status_display": job.get_status_display(),
            "finished": job.is_finished,
            "total": job.total,
            "done": job.rows_done(),
            "percent": job.percent(),
            "created": job.created_count,
            "updated": job.updated_count,
            "unchanged": job.unchanged_count,
            "errors": job.errors,
        })
