"""A seller submits its OCOP certificates and GI usage rights, with the document, for staff to verify.

Submissions start unverified: `OcopCertificate.objects.valid_on()` and `GIRight.objects.valid_on()`
show only verified ones as badges, so nothing a seller types here is shown to buyers until staff
have checked the document.
"""

import os
import uuid

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from oscar.core.loading import get_model

from catalog.ocop import CERTIFIED_STARS, certificate_expiry
from sellers.access import SellerRequiredMixin
from sellers.validators import checked_document

Product = get_model("catalogue", "Product")
OcopCertificate = get_model("catalogue", "OcopCertificate")
GeographicIndication = get_model("geo_indications", "GeographicIndication")
GIRight = get_model("geo_indications", "GIRight")


def _stored_document(upload):
    """The checked document under an unguessable name: certificates are not for browsing."""
    kind, checked = checked_document(upload)
    extension = "pdf" if kind == "pdf" else os.path.splitext(checked.name)[1].lstrip(".").lower()
    checked.name = f"{uuid.uuid4().hex}.{extension}"
    return checked


class DocumentField(forms.FileField):
    default_error_messages = {
        "required": gettext_lazy("Hãy tải lên bản chụp hoặc bản PDF của văn bản để cán bộ xác minh."),
    }

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return _stored_document(upload) if upload else upload


class OcopCertificateForm(forms.ModelForm):
    """An OCOP certificate for one of the seller's own products."""

    stars = forms.TypedChoiceField(
        label=gettext_lazy("Số sao"), coerce=int, choices=[(stars, f"{stars} ★") for stars in CERTIFIED_STARS],
    )
    document = DocumentField(label=gettext_lazy("Bản chụp giấy chứng nhận (PDF hoặc ảnh)"))

    class Meta:
        model = OcopCertificate
        fields = ["product", "stars", "group", "decision_number", "decision_date", "issuer", "issuer_name",
                  "document"]
        widgets = {"decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, seller, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.filter(seller=seller, parent__isnull=True)
        self.fields["product"].error_messages["invalid_choice"] = _(
            "Hãy chọn một sản phẩm của chính bạn."
        )
        self.fields["decision_number"].help_text = _("Ví dụ: 1234/QĐ-UBND.")
        self.fields["issuer_name"].help_text = _(
            "Ghi đúng như trên giấy, kể cả UBND huyện cũ (giấy cấp trước tháng 7/2025 vẫn còn hiệu lực)."
        )

    def clean_decision_date(self):
        day = self.cleaned_data["decision_date"]
        today = timezone.localdate()
        if day > today:
            raise forms.ValidationError(_("Ngày quyết định không thể sau hôm nay."))
        if certificate_expiry(day) < today:
            raise forms.ValidationError(
                _("Giấy chứng nhận này đã hết hiệu lực ngày %(day)s (hiệu lực 36 tháng từ ngày quyết định).")
                % {"day": certificate_expiry(day).strftime("%d/%m/%Y")}
            )
        return day

    def clean(self):
        cleaned = super().clean()
        product, number = cleaned.get("product"), cleaned.get("decision_number")
        if product and number and OcopCertificate.objects.filter(
            product=product, decision_number__iexact=number.strip()
        ).exclude(status=OcopCertificate.Status.REJECTED).exists():
            raise forms.ValidationError(
                _("Quyết định %(number)s đã được gửi cho sản phẩm này.") % {"number": number}
            )
        return cleaned


class GIRightForm(forms.ModelForm):
    """The seller's right to use a GI, granted by the GI's managing body."""

    document = DocumentField(label=gettext_lazy("Văn bản cho phép sử dụng (PDF hoặc ảnh)"))

    class Meta:
        model = GIRight
        fields = ["geographic_indication", "document_number", "valid_from", "valid_until", "document"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, seller, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.seller = seller
        self.fields["geographic_indication"].queryset = GeographicIndication.objects.filter(
            status=GeographicIndication.Status.PROTECTED
        )
        self.fields["valid_until"].help_text = _("Để trống nếu văn bản không ghi thời hạn.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
        if end and end < timezone.localdate():
            self.add_error("valid_until", _("Quyền sử dụng này đã hết hiệu lực."))
        return cleaned


def gi_right_status(right, today=None) -> str:
    """What the seller reads about its right: waiting, verified, expired or revoked."""
    today = today or timezone.localdate()
    if right.revoked_at:
        return _("Đã thu hồi")
    if right.verified_at is None:
        return _("Chờ xác minh")
    if right.valid_until and right.valid_until < today:
        return _("Hết hiệu lực")
    return _("Đã xác minh")


def ocop_status(certificate, today=None) -> str:
    today = today or timezone.localdate()
    if certificate.status == OcopCertificate.Status.VERIFIED and certificate.valid_until < today:
        return _("Hết hiệu lực")
    return certificate.get_status_display()


class CertificateListView(SellerRequiredMixin, TemplateView):
    """The seller's certificates and GI rights, each with where it stands."""

    template_name = "oscar/dashboard/certificates/list.html"

    def get_context_data(self, **kwargs):
        certificates = OcopCertificate.objects.filter(
            Q(product__seller=self.seller) | Q(product__parent__seller=self.seller)
        ).select_related("product").order_by("-decision_date", "-pk")
        rights = GIRight.objects.filter(seller=self.seller).select_related("geographic_indication").order_by(
            "-valid_from", "-pk"
        )
        return super().get_context_data(
            certificates=[(certificate, ocop_status(certificate)) for certificate in certificates],
            rights=[(right, gi_right_status(right)) for right in rights],
            **kwargs,
        )


class _SubmitView(SellerRequiredMixin, FormView):
    template_name = "oscar/dashboard/certificates/form.html"
    title = ""
    success_message = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "seller": self.seller}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)

    def form_valid(self, form):
        form.save()
        messages.success(self.request, self.success_message)
        return redirect("dashboard:seller-certificate-list")


class OcopCertificateCreateView(_SubmitView):
    form_class = OcopCertificateForm
    title = gettext_lazy("Gửi giấy chứng nhận OCOP")
    success_message = gettext_lazy("Đã gửi giấy chứng nhận. Huy hiệu OCOP hiện lên sau khi cán bộ xác minh.")


class GIRightCreateView(_SubmitView):
    form_class = GIRightForm
    title = gettext_lazy("Gửi quyền sử dụng chỉ dẫn địa lý")
    success_message = gettext_lazy(
        "Đã gửi quyền sử dụng chỉ dẫn địa lý. Sản phẩm chỉ được ghi chỉ dẫn sau khi cán bộ xác minh."
    )
