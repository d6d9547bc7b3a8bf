from django.urls import path

from geo_indications.views import GeographicIndicationView

app_name = "geo_indications"
urlpatterns = [path("<slug:slug>/", GeographicIndicationView.as_view(), name="detail")]
