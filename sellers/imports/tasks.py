"""The Celery task that imports a confirmed spreadsheet: checked again and written in one transaction."""

import logging
from datetime import timedelta

from celery import shared_task
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sellers.imports import checking, reading, writing
from sellers.imports.models import ImportJob
from sellers.models import Partner

logger = logging.getLogger(__name__)

# A job still "running" after this long lost its worker (its transaction rolled back): it may be
# claimed again when Celery redelivers the message (acks_late).
STALE_AFTER = timedelta(minutes=30)


class _Refused(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def _claim(job_id) -> bool:
    now = timezone.now()
    queued = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED)
    stale = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.RUNNING, started_at__lt=now - STALE_AFTER)
    return bool((queued | stale).update(status=ImportJob.Status.RUNNING, started_at=now, done=0))


def _seconds_until_claimable(job_id) -> float | None:
    """How long until a job that looks running may be claimed as stale; None when it is not running."""
    started = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.RUNNING).values_list(
        "started_at", flat=True).first()
    if started is None:
        return None
    return max((started + STALE_AFTER - timezone.now()).total_seconds(), 0) + 1


def _fail(job, errors):
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.FAILED, errors=errors, finished_at=timezone.now(), done=0,
    )


@shared_task(name="sellers.run_import", bind=True, max_retries=None)
def run_import(self, job_id: int) -> str:
    """Import the job's file for its seller. Running it again (or twice at once) changes nothing:
    only the run that moves the job from queued (or stale running) to running does any work."""
    if not _claim(job_id):
        wait = _seconds_until_claimable(job_id)
        if wait is not None and not self.request.called_directly and not self.request.is_eager:
            # Delivered while the job looks running: either another run is at work, or the run's
            # process died (Celery redelivers a killed pool child's message at once). Come back when
            # the job may be claimed as stale: by then a live run has finished and this one skips.
            raise self.retry(countdown=wait)
        return "skipped"
    job = ImportJob.objects.select_related("seller__commune").get(pk=job_id)
    cache.set(job.progress_key, 0, timeout=3600)
    try:
        with transaction.atomic():
            # One import at a time per seller: a second one waits here, then sees the first's products.
            seller = Partner.objects.select_for_update(of=("self",)).select_related("commune").get(pk=job.seller_id)
            with job.file.open("rb") as handle:
                data = handle.read()
            try:
                sheet = reading.read_spreadsheet(data)
            except reading.FileRefused as refused:
                raise _Refused([{"row": 0, "column": "", "header": "", "message": refused.message}]) from None
            plan, errors = checking.check(sheet, seller)
            if errors:
                raise _Refused([error.as_dict() for error in errors])
            counts = writing.write(
                plan, seller, progress=lambda done: cache.set(job.progress_key, done, timeout=3600)
            )
            # Committed with the products: a job is done exactly when its products exist.
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportJob.Status.DONE, done=plan.total, total=plan.total, errors=[],
                created_count=counts.created, updated_count=counts.updated, unchanged_count=counts.unchanged,
                finished_at=timezone.now(),
            )
    except _Refused as refused:
        _fail(job, refused.errors)
        return "refused"
    except Exception:
        logger.exception("Seller import %s failed", job_id)
        _fail(job, [{"row": 0, "column": "", "header": "", "message": _(
            "Lỗi hệ thống khi nhập; không sản phẩm nào được lưu. Hãy thử lại sau ít phút hoặc báo quản trị sàn."
        )}])
        return "failed"
    finally:
        cache.delete(job.progress_key)
    return "done"
