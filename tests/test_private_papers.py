"""Papers sellers send are kept outside the published media folder and reach only staff, through a
view that checks who is asking."""

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from catalog.models import OcopCertificate
from marketplace.private_storage import move_files_to_private
from tests.seller_fixtures import PDF_BYTES

pytestmark = pytest.mark.django_db
CERTIFICATES = "/cms-admin/ocop-certificates/"
RIGHTS = "/cms-admin/gi-rights/"


def test_certificate_and_gi_right_documents_are_not_in_the_published_media(
    settings, pending_certificate, pending_gi_right
):
    for field in (pending_certificate.document, pending_gi_right.document):
        assert (settings.PRIVATE_MEDIA_ROOT / field.name).read_bytes() == PDF_BYTES
        assert not (settings.MEDIA_ROOT / field.name).exists()
        with pytest.raises(ValueError, match="is private"):
            field.url  # noqa: B018  (no address to leak into a page)


def test_only_staff_open_a_document(client, django_user_model, province_staff, pending_certificate, pending_gi_right):
    urls = [f"{CERTIFICATES}document/{pending_certificate.pk}/", f"{RIGHTS}document/{pending_gi_right.pk}/"]
    owner = pending_certificate.product.seller.users.get()
    buyer = django_user_model.objects.create_user("khach@example.vn", "mat-khau-khach")
    for who in (None, buyer, owner):
        client.logout()
        if who:
            client.force_login(who)
        for url in urls:
            response = client.get(url)
            assert response.status_code in (302, 403), (who, url)
            assert not response.has_header("Content-Disposition")
    client.force_login(province_staff)
    for url in urls:
        assert b"".join(client.get(url).streaming_content) == PDF_BYTES


def test_the_migration_moves_papers_saved_in_the_published_media(settings, pending_certificate):
    public, private = storages["default"], storages["private"]
    name = pending_certificate.document.name
    private.delete(name)
    public.save(name, ContentFile(PDF_BYTES))  # where a paper was kept before the field became private
    move = move_files_to_private(("catalogue", "OcopCertificate", "document"))

    move(apps, None)
    move(apps, None)  # twice, as a re-run migration would

    assert not public.exists(name)
    assert private.open(name).read() == PDF_BYTES
    assert OcopCertificate.objects.get().document.name == name
