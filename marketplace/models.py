"""Marketplace-wide models: only the outbox of background work that could not be sent yet."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingTask(models.Model):
    """A Celery task whose data was committed but which the broker did not take (it was down):
    kept here and sent again by `marketplace.background.send_pending`, so no work is lost."""

    name = models.CharField(_("tác vụ"), max_length=200)
    args = models.JSONField(_("đối số"), default=list)
    kwargs = models.JSONField(_("đối số có tên"), default=dict)
    created_at = models.DateTimeField(_("lưu lúc"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("số lần gửi lại không được"), default=0)
    # Set while one sender is sending it, so two senders never send the same task.
    claimed_until = models.DateTimeField(_("đang gửi đến"), null=True, blank=True)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("tác vụ chờ gửi")
        verbose_name_plural = _("các tác vụ chờ gửi")

    def __str__(self):
        return f"{self.name} #{self.pk}"
