from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.admin import *  # noqa: F403
from oscar.apps.partner.admin import PartnerAdmin as OscarPartnerAdmin

from marketplace.decision_admin import DecidedInQueueAdmin
from sellers.models import Partner

admin.site.unregister(Partner)


@admin.register(Partner)
class PartnerAdmin(DecidedInQueueAdmin, OscarPartnerAdmin):
    decision_fields = ("is_active",)
    queue_url = "/cms-admin/seller-applications/"
    queue_note = _(
        "Người bán được kích hoạt khi cán bộ duyệt hồ sơ đăng ký bán hàng (%(url)s), quyết định được ghi vào "
        "nhật ký và người bán được báo qua email; ô «đang hoạt động» ở đây chỉ để xem."
    )
