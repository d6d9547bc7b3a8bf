"""Mounted at /dashboard/nhap-tu-bang-tinh/ (marketplace/urls.py), inside Oscar's dashboard."""

from django.urls import path

from sellers.imports import views

app_name = "seller_import"
urlpatterns = [
    path("", views.ImportView.as_view(), name="index"),
    path("mau.<str:fmt>", views.TemplateDownloadView.as_view(), name="template"),
    path("<int:pk>/", views.JobView.as_view(), name="job"),
    path("<int:pk>/nhap/", views.ConfirmView.as_view(), name="confirm"),
    path("<int:pk>/tien-do/", views.ProgressView.as_view(), name="progress"),
]
