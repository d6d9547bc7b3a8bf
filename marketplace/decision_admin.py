"""Django's admin for rows whose verification decisions belong to a Wagtail review queue.

A decision made in the queue is written to Wagtail's audit log and tells the people concerned by
e-mail; a field changed in Django's admin would do neither. So administrators see the decision
fields here read-only, with a note naming the queue where the decision is made
(marketplace/decision_views.py). The supporting paper is private (marketplace.private_storage): it
has no URL for the admin to link, so it is named here and opened from the queue.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

QUEUE_NOTE = _(
    "Quyết định duyệt chỉ được đưa ra ở hàng chờ trong trang quản trị Wagtail (%(url)s), nơi quyết định "
    "được ghi vào nhật ký và được báo qua email. Các ô quyết định ở đây chỉ để xem."
)


class DecidedInQueueAdmin(admin.ModelAdmin):
    """A ModelAdmin whose `decision_fields` are read-only, with a note pointing to `queue_url`;
    `paper_field` names a private document shown by its file name only."""

    decision_fields = ()
    paper_field = None
    queue_url = ""
    queue_note = QUEUE_NOTE

    def get_exclude(self, request, obj=None):
        exclude = tuple(super().get_exclude(request, obj) or ())
        return (*exclude, self.paper_field) if self.paper_field else exclude

    def get_readonly_fields(self, request, obj=None):
        paper = ("paper",) if self.paper_field else ()
        return (*super().get_readonly_fields(request, obj), *self.decision_fields, *paper)

    def get_fieldsets(self, request, obj=None):
        (name, options), *rest = super().get_fieldsets(request, obj)
        return [(name, {**options, "description": self.queue_note % {"url": self.queue_url}}), *rest]

    @admin.display(description=_("giấy tờ"))
    def paper(self, obj):
        document = getattr(obj, self.paper_field) if obj else None
        return document.name.rsplit("/", 1)[-1] if document else "—"
