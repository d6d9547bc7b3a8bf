import oscar.apps.partner.apps as apps
from django.urls import path
from django.utils.translation import gettext_lazy as _


class PartnerConfig(apps.PartnerConfig):
    name = "sellers"
    verbose_name = _("Người bán")
    namespace = "sellers"

    def ready(self):
        super().ready()
        from sellers import views

        self.producer_view = views.ProducerView

    def get_urls(self):
        urls = super().get_urls()
        urls += [path("<slug:slug>/", self.producer_view.as_view(), name="producer")]
        return self.post_process_urls(urls)
