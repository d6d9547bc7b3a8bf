"""Uploaded photos: real images only, sane sizes, no metadata kept."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.image_uploads import sanitised_image, validate_image_upload
from catalog.models import ProductImage


def image_bytes(fmt="JPEG", size=(400, 300), exif=None, colour=(40, 120, 60)):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, colour)
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def upload(data, name="anh.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def png_claiming_size(width, height):
    """A tiny PNG whose header claims the given dimensions: a decompression bomb's shape."""
    def chunk(kind, payload):
        crc = struct.pack(">I", zlib.crc32(kind + payload))
        return struct.pack(">I", len(payload)) + kind + payload + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00")) + \
        chunk(b"IEND", b"")


def error_code(data, name="anh.jpg"):
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(data, name))
    return error.value.code, error.value.messages[0]


def test_a_real_jpeg_is_accepted():
    validate_image_upload(upload(image_bytes()))


def test_exif_and_gps_are_stripped_and_the_photo_turned_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x8825] = {2: (21.0, 35.0, 0.0)}  # GPS latitude
    exif[0x010F] = "PhoneMaker"
    cleaned = sanitised_image(upload(image_bytes(size=(400, 300), exif=exif)))
    image = Image.open(io.BytesIO(cleaned.read()))
    assert image.size == (300, 400)
    assert dict(image.getexif()) == {}
    assert cleaned.name == "anh.jpg"


def test_the_bytes_decide_the_extension_not_the_file_name():
    cleaned = sanitised_image(upload(image_bytes("PNG"), name="anh.jpg"))
    assert cleaned.name == "anh.png"
    assert Image.open(io.BytesIO(cleaned.read())).format == "PNG"


def test_data_appended_to_a_photo_does_not_survive():
    polyglot = image_bytes() + b"<script>alert(1)</script>PK\x03\x04"
    cleaned = sanitised_image(upload(polyglot)).read()
    assert b"<script>" not in cleaned and b"PK\x03\x04" not in cleaned


@pytest.mark.parametrize(
    ("data", "name", "code", "message"),
    [
        (b"%PDF-1.7 not an image", "anh.jpg", "not_an_image",
         "Tệp này không phải là ảnh hợp lệ. Hãy tải ảnh JPEG, PNG hoặc WebP."),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "anh.svg",
         "not_an_image", "Tệp này không phải là ảnh hợp lệ. Hãy tải ảnh JPEG, PNG hoặc WebP."),
        (image_bytes("GIF"), "anh.gif", "bad_format",
         "Định dạng GIF không được nhận. Hãy tải ảnh JPEG, PNG hoặc WebP."),
        (image_bytes(size=(120, 90)), "anh.jpg", "too_small",
         "Ảnh quá nhỏ (120×90). Cạnh ngắn nhất cần từ 200 điểm ảnh trở lên."),
        (png_claiming_size(8000, 6000), "anh.png", "too_many_pixels",
         "Ảnh có kích thước 8000×6000 điểm ảnh, vượt giới hạn 40 triệu điểm ảnh."),
        (png_claiming_size(30000, 30000), "bom.png", "too_many_pixels",
         "Ảnh có quá nhiều điểm ảnh (vượt 40 triệu điểm ảnh)."),
        (image_bytes()[:200], "cut.jpg", "corrupt", "Ảnh bị hỏng hoặc không đọc được."),
    ],
    ids=["pdf", "svg-script", "gif", "tiny", "huge", "bomb", "truncated"],
)
def test_bad_uploads_are_refused_with_a_specific_vietnamese_message(data, name, code, message):
    assert error_code(data, name) == (code, message)


def test_an_oversized_file_is_refused_before_it_is_decoded():
    big = upload(b"\xff\xd8" + b"0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as error:
        validate_image_upload(big)
    assert error.value.code == "too_large"


@pytest.mark.django_db
def test_a_product_image_is_stored_clean(make_seller, make_product):
    product = make_product(make_seller())
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    image = ProductImage(product=product, original=upload(image_bytes(exif=exif), name="che.jpg"))
    image.full_clean()
    image.save()
    with image.original.open("rb") as stored:
        assert dict(Image.open(stored).getexif()) == {}
    assert image.alt_text == product.get_title()
