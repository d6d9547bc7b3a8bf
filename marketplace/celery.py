"""The Celery app: eager in-process when no broker is configured, a real worker otherwise."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")

app = Celery("marketplace")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Packages inside apps that hold tasks of their own (autodiscovery looks only at `<app>.tasks`).
app.autodiscover_tasks(["sellers.imports"])
