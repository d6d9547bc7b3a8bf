"""Where papers sellers send are kept: identity and registration papers, OCOP certificates, GI
usage rights and spreadsheets.

They never live under MEDIA_ROOT, which a web server publishes to anyone holding the address;
staff and their owner reach them only through views that check who is asking.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, with no public URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)
        super()._clear_cached_properties(setting, **kwargs)

    def url(self, name):
        raise ValueError(f"{name} is private: serve it through a view that checks permissions")


def private_storage():
    """The storage for FileFields holding private papers (a callable, so migrations name it, not a path)."""
    return storages["private"]


def move_files_to_private(*model_fields):
    """A migration step moving files of the given (app_label, model, field) from the public media
    storage to the private one, for rows saved before the field became private."""

    def move(apps, schema_editor):
        public, private = storages["default"], storages["private"]
        for app_label, model_name, field in model_fields:
            model = apps.get_model(app_label, model_name)
            names = model.objects.exclude(**{field: ""}).values_list(field, flat=True)
            for name in names.iterator():
                if public.exists(name) and not private.exists(name):
                    with public.open(name, "rb") as content:
                        private.save(name, content)
                    public.delete(name)

    return move
