from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayoutsConfig(AppConfig):
    """Money going out: what each seller earns (its ledger), what the marketplace keeps, refunds to
    buyers and payouts to sellers; and the record of the e-mails sent about an order."""

    name = "marketplace.payouts"
    label = "payouts"
    verbose_name = _("Đối soát và chi trả")

    def ready(self):
        # The order app is Oscar's fork, configured elsewhere: its e-mail receivers are connected here too.
        from marketplace.order import notifications  # noqa: F401
        from marketplace.payouts import receivers  # noqa: F401
