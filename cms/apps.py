from django.apps import AppConfig


class CmsConfig(AppConfig):
    """Wagtail pages: the home page and content the province curates."""

    name = "cms"
    verbose_name = "Nội dung"
