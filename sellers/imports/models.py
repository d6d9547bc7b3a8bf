"""The record of one spreadsheet import: who, which file, how far it got and what it did."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.private_storage import private_storage


def import_file_path(instance, filename):
    # Unguessable names: a seller's price list is not for other eyes.
    extension = "xlsx" if instance.original_name.lower().endswith(".xlsx") else "csv"
    return f"seller-imports/{uuid.uuid4().hex}.{extension}"


class ImportJob(models.Model):
    """A seller's uploaded spreadsheet: checked (ready), then imported by a Celery task, all or nothing."""

    class Status(models.TextChoices):
        READY = "ready", _("Chờ xác nhận")
        QUEUED = "queued", _("Đang chờ nhập")
        RUNNING = "running", _("Đang nhập")
        DONE = "done", _("Đã nhập xong")
        FAILED = "failed", _("Không nhập được")

    seller = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="import_jobs", verbose_name=_("người bán")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("người tải lên"),
    )
    file = models.FileField(_("tệp"), upload_to=import_file_path, storage=private_storage, max_length=200)
    original_name = models.CharField(_("tên tệp gốc"), max_length=200)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.READY)
    total = models.PositiveIntegerField(_("số dòng"), default=0)
    done = models.PositiveIntegerField(_("số dòng đã nhập"), default=0)
    to_create = models.PositiveIntegerField(_("sẽ tạo mới"), default=0)
    to_update = models.PositiveIntegerField(_("sẽ cập nhật"), default=0)
    created_count = models.PositiveIntegerField(_("đã tạo mới"), default=0)
    updated_count = models.PositiveIntegerField(_("đã cập nhật"), default=0)
    unchanged_count = models.PositiveIntegerField(_("không đổi"), default=0)
    # [{"row", "column", "header", "message"}]: why the job failed, row by row where it can say.
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu nhập lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        app_label = "partner"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lần nhập từ bảng tính")
        verbose_name_plural = _("các lần nhập từ bảng tính")

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def progress_key(self):
        return f"seller-import:{self.pk}:done"

    def rows_done(self) -> int:
        """Rows written so far. While the import runs its transaction is not visible to other
        connections, so the task reports progress through the cache."""
        if self.status == self.Status.RUNNING:
            return min(cache.get(self.progress_key, 0), self.total)
        return self.done

    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(self.rows_done() * 100 / self.total) if self.total else 0
