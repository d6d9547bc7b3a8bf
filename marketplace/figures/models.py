from django.db import models
from django.utils.translation import gettext_lazy as _


class Figures(models.Model):
    """Not a table: the holder of the "view figures" permission that province staff are granted.

    A permission needs a content type and a content type needs a model; an unmanaged model without
    a table is the one Django-supported way to have both, and Wagtail's group editor then lists it.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_figures", _("Xem số liệu kinh tế số của tỉnh"))]
        verbose_name = _("số liệu kinh tế số")
        verbose_name_plural = _("số liệu kinh tế số")

    def __str__(self):
        return str(self._meta.verbose_name)
