from django.urls import path

from geo_indications.place_views import communes_json

app_name = "places"
urlpatterns = [path("xa-phuong/", communes_json, name="communes")]
