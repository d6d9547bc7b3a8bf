from django.apps import AppConfig


class FiguresConfig(AppConfig):
    """The province's figures on the digital economy, shown to its staff in Wagtail's admin."""

    name = "marketplace.figures"
    label = "figures"
    verbose_name = "Số liệu kinh tế số"
