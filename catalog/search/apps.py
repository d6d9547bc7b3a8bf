import oscar.apps.search.apps as apps
from django.urls import path


class SearchConfig(apps.SearchConfig):
    name = "catalog.search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        super().ready()
        from catalog.search import signals, views

        signals.connect()
        self.suggest_view = views.suggest

    def get_urls(self):
        urls = super().get_urls() + [path("suggest", self.suggest_view, name="suggest")]
        return self.post_process_urls(urls)
