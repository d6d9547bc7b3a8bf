from django.apps import AppConfig


class GeoIndicationsConfig(AppConfig):
    """Places (current two-tier administrative units) and geographic indications."""

    name = "geo_indications"
    verbose_name = "Địa danh và chỉ dẫn địa lý"
