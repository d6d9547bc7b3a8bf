"""The five upload attacks of issue 8, against every kind of upload: product photos (what
tests/test_image_uploads.py checks in detail), the documents behind certificates, GI rights and seller
applications (sellers.validators.checked_document), and spreadsheet imports (sellers.imports.reading).

Attacks: a decompression bomb, a polyglot file, an SVG with a script, huge dimensions, a wrong
extension. Each is refused with its Vietnamese message, or (a polyglot that really is an image or a
PDF) kept only as re-encoded pixels or served sandboxed, never as the other thing it also is.
"""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.image_uploads import sanitised_image, validate_image_upload
from sellers.imports import reading
from sellers.validators import checked_document
from tests.test_image_uploads import image_bytes, png_claiming_size

pytest_plugins = ["tests.seller_import_fixtures"]

SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
BOMB = png_claiming_size(30000, 30000)
HUGE = png_claiming_size(8000, 6000)
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
# A photo with a zip archive (a "GIFAR"/"JAR-in-JPEG") and a script after its end.
JPEG_ZIP_POLYGLOT = image_bytes() + b"PK\x03\x04\x14\x00<script>alert(1)</script>"
# A PDF that browsers sniffing for HTML would also read as a page.
PDF_HTML_POLYGLOT = b"%PDF-1.4\n" + HTML + b"\n%%EOF"


def file(data, name):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def photo_refusal(data, name):
    with pytest.raises(ValidationError) as error:
        validate_image_upload(file(data, name))
    return error.value.messages[0]


def document_refusal(data, name):
    with pytest.raises(ValidationError) as error:
        checked_document(file(data, name))
    return error.value.messages[0]


def import_refusal(data):
    with pytest.raises(reading.FileRefused) as refused:
        reading.read_spreadsheet(data)
    return refused.value.message


NOT_AN_IMAGE = "Tệp này không phải là ảnh hợp lệ. Hãy tải ảnh JPEG, PNG hoặc WebP."
NOT_A_SPREADSHEET = "Tệp này không phải bảng tính. Hãy tải lên tệp Excel (.xlsx) hoặc CSV theo mẫu."


# --- product photos -------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "name", "message"), [
    (BOMB, "bom.png", "Ảnh có quá nhiều điểm ảnh (vượt 40 triệu điểm ảnh)."),
    (HUGE, "lon.png", "Ảnh có kích thước 8000×6000 điểm ảnh, vượt giới hạn 40 triệu điểm ảnh."),
    (SVG, "anh.svg", NOT_AN_IMAGE),
    (SVG, "anh.png", NOT_AN_IMAGE),
    (HTML, "anh.jpg", NOT_AN_IMAGE),
    (PDF_HTML_POLYGLOT, "anh.jpg", NOT_AN_IMAGE),
], ids=["bomb", "huge", "svg", "svg-as-png", "html-as-jpg", "pdf-as-jpg"])
def test_photos_refuse_each_attack(data, name, message):
    assert photo_refusal(data, name) == message


def test_a_photo_polyglot_keeps_only_its_pixels_under_the_extension_its_bytes_decide():
    cleaned = sanitised_image(file(JPEG_ZIP_POLYGLOT, "anh.png"))
    data = cleaned.read()
    assert cleaned.name == "anh.jpg"
    assert b"PK\x03\x04" not in data and b"<script>" not in data
    assert Image.open(io.BytesIO(data)).format == "JPEG"


# --- certificate, GI-right and application documents ----------------------------------------------


@pytest.mark.parametrize(("data", "name", "message"), [
    (BOMB, "giay.png", "Tệp giay.png: Ảnh có quá nhiều điểm ảnh (vượt 40 triệu điểm ảnh)."),
    (HUGE, "giay.png", "Tệp giay.png: Ảnh có kích thước 8000×6000 điểm ảnh, vượt giới hạn 40 triệu điểm ảnh."),
    (SVG, "giay.svg",
     "Tệp giay.svg không phải PDF hay ảnh. Hãy tải tệp PDF hoặc ảnh chụp JPEG, PNG, WebP."),
    (HTML, "giay.pdf",
     "Tệp giay.pdf có đuôi .pdf nhưng nội dung không phải PDF. Hãy xuất lại tệp PDF hoặc chụp ảnh giấy tờ."),
    (image_bytes(), "giay.pdf",
     "Tệp giay.pdf có đuôi .pdf nhưng nội dung không phải PDF. Hãy xuất lại tệp PDF hoặc chụp ảnh giấy tờ."),
    (b"MZ\x90\x00\x03 an executable", "giay.png",
     "Tệp giay.png không phải PDF hay ảnh. Hãy tải tệp PDF hoặc ảnh chụp JPEG, PNG, WebP."),
], ids=["bomb", "huge", "svg", "html-as-pdf", "photo-as-pdf", "exe-as-png"])
def test_documents_refuse_each_attack(data, name, message):
    assert document_refusal(data, name) == message


def test_a_document_photo_polyglot_keeps_only_its_pixels():
    kind, checked = checked_document(file(JPEG_ZIP_POLYGLOT, "giay.jpg"))
    data = checked.read()
    assert kind == "image"
    assert b"PK\x03\x04" not in data and b"<script>" not in data


@pytest.mark.django_db
def test_a_pdf_html_polyglot_is_served_to_staff_as_a_sandboxed_pdf(pending_certificate, province_staff, client):
    """A PDF may carry anything after its header; staff get it as a PDF in a sandbox, never as a page."""
    kind, checked = checked_document(file(PDF_HTML_POLYGLOT, "giay.pdf"))
    assert kind == "pdf"
    pending_certificate.document.save("giay.pdf", checked)
    client.force_login(province_staff)
    response = client.get(f"/cms-admin/ocop-certificates/document/{pending_certificate.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- spreadsheet imports ----------------------------------------------------------------------------


def zip_bomb(unpacked_bytes):
    """A real .xlsx-shaped archive whose one sheet inflates to `unpacked_bytes` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"0" * (1024 * 1024)
            for _ in range(unpacked_bytes // len(chunk)):
                sheet.write(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_workbook_is_refused_before_it_is_inflated():
    bomb = zip_bomb(reading.MAX_UNPACKED_BYTES + 1024 * 1024)
    assert len(bomb) < 1024 * 1024  # a few hundred kilobytes that would inflate past 200 MB
    assert import_refusal(bomb).startswith("Tệp có hơn 5.000 dòng sản phẩm")


@pytest.mark.parametrize("data", [BOMB, HUGE, image_bytes(), JPEG_ZIP_POLYGLOT, PDF_HTML_POLYGLOT,
                                  b"MZ\x90\x00\x03\x00\x00\x00"],
                         ids=["png-bomb", "huge-png", "jpeg", "jpeg-zip-polyglot", "pdf-html-polyglot", "exe"])
def test_images_pdfs_and_programs_are_not_spreadsheets_whatever_their_name(data):
    assert import_refusal(data) == NOT_A_SPREADSHEET


@pytest.mark.parametrize("data", [SVG, HTML], ids=["svg", "html"])
def test_one_line_of_markup_is_refused_as_a_file_without_rows(data):
    assert import_refusal(data) == "Tệp chỉ có dòng tiêu đề, chưa có sản phẩm nào."


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["anh.svg", "san-pham.csv", "san-pham.xlsx"])
def test_markup_over_several_lines_is_refused_by_the_column_check_and_shown_escaped(seller_client, name):
    """Text is text to a CSV reader: an SVG or HTML file gets as far as the check of its columns,
    which refuses it; the cells it quotes back are escaped."""
    from sellers.models import ImportJob
    from tests.seller_import_files import upload
    from tests.xss_payloads import Corpus, html_problems

    corpus = Corpus()
    lines = [corpus.value("import header", 2), corpus.value("import cell", 1), corpus.value("import cell", 0)]
    data = "\n".join(lines).encode()
    response = upload(seller_client, data, name)
    assert response.status_code == 200
    assert not ImportJob.objects.exists()
    page = response.content.decode()
    assert corpus.markers_in(page)
    assert html_problems(page, corpus) == []


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert import_refusal(buffer.getvalue()) == (
        "Tệp nén này không phải bảng tính Excel (.xlsx). Hãy tải lên tệp theo mẫu.")
