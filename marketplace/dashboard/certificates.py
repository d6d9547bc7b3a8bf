"""Placeholder replaced in the certificates step."""
from django.views.generic import TemplateView

from sellers.access import SellerRequiredMixin


class CertificateListView(SellerRequiredMixin, TemplateView):
    template_name = "oscar/dashboard/certificates/list.html"


class OcopCertificateCreateView(CertificateListView):
    pass


class GIRightCreateView(CertificateListView):
    pass
