from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.admin import *  # noqa: F403
from oscar.apps.partner.admin import PartnerAdmin as OscarPartnerAdmin

from marketplace.decision_admin import DecidedInQueueAdmin
from sellers.applications import staff_login_uses
from sellers.models import Partner

admin.site.unregister(Partner)


class PartnerAdminForm(forms.ModelForm):
    """The partner change form; the admin supplies the model and fields."""

    def clean_users(self):
        # As at approval (sellers.applications): a staff or administrator login never becomes a
        # seller's, or its powers would reach a shop's dashboard and a seller would reach the admins.
        users = self.cleaned_data["users"]
        staff = sorted(user.email for user in users if staff_login_uses(user.email))
        if staff:
            raise ValidationError(
                gettext("Không thể gắn tài khoản cán bộ hoặc quản trị viên vào người bán: %(emails)s. Hãy bỏ "
                        "chọn tài khoản này; người bán cần một tài khoản riêng với email khác.")
                % {"emails": ", ".join(staff)},
                code="staff_login",
            )
        return users


@admin.register(Partner)
class PartnerAdmin(DecidedInQueueAdmin, OscarPartnerAdmin):
    form = PartnerAdminForm
    decision_fields = ("is_active", "status_reason", "status_decided_by", "status_decided_at",
                       "decision_email_sent_at")
    queue_url = "/cms-admin/sellers/"
    queue_note = _(
        "Người bán được kích hoạt khi cán bộ duyệt hồ sơ đăng ký bán hàng (/cms-admin/seller-applications/), và "
        "bị đình chỉ hoặc được khôi phục ở danh sách người bán (%(url)s); quyết định được ghi vào nhật ký và "
        "người bán được báo qua email. Các ô về tình trạng hoạt động ở đây chỉ để xem."
    )
