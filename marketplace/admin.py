from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from marketplace.background import send_pending
from marketplace.models import PendingTask


@admin.register(PendingTask)
class PendingTaskAdmin(admin.ModelAdmin):
    """Work the broker did not take: administrators see what waits and since when, and can send it."""

    list_display = ("name", "args", "created_at", "attempts", "last_error")
    list_filter = ("name",)
    readonly_fields = [f.name for f in PendingTask._meta.fields]
    actions = ["send_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Gửi lại các tác vụ chờ ngay"))
    def send_now(self, request, queryset):
        # The outbox is sent oldest first as a whole: the order tasks were kept in is kept.
        sent = send_pending()
        messages.info(request, _("Đã gửi %(sent)s tác vụ; còn %(left)s tác vụ chờ.") % {
            "sent": sent, "left": PendingTask.objects.count(),
        })
