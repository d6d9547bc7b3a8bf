"""Checking and cleaning uploaded photos with Pillow before anything is stored.

The browser's file name and content type are not trusted: the bytes decide what an upload is.
"""

import io
import os
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; anything larger is refused before it is decoded
MIN_SIDE = 200
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def _open_checked(upload) -> Image.Image:
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Ảnh quá lớn (%(size)s MB). Hãy chọn ảnh nhỏ hơn %(limit)s MB.")
            % {"size": round(upload.size / 1024 / 1024, 1), "limit": MAX_UPLOAD_BYTES // 1024 // 1024},
            code="too_large",
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that: make every excess an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("Định dạng %(format)s không được nhận. Hãy tải ảnh JPEG, PNG hoặc WebP.")
                    % {"format": image.format},
                    code="bad_format",
                )
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("Ảnh có kích thước %(w)s×%(h)s điểm ảnh, vượt giới hạn %(mp)s triệu điểm ảnh.")
                    % {"w": width, "h": height, "mp": MAX_PIXELS // 1_000_000},
                    code="too_many_pixels",
                )
            image.verify()
            upload.seek(0)
            image = Image.open(upload)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("Ảnh có quá nhiều điểm ảnh (vượt %(mp)s triệu điểm ảnh).") % {"mp": MAX_PIXELS // 1_000_000},
            code="too_many_pixels",
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(
            _("Tệp này không phải là ảnh hợp lệ. Hãy tải ảnh JPEG, PNG hoặc WebP."), code="not_an_image"
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(_("Ảnh bị hỏng hoặc không đọc được."), code="corrupt") from None
    finally:
        upload.seek(0)
    if min(image.size) < MIN_SIDE:
        raise ValidationError(
            _("Ảnh quá nhỏ (%(w)s×%(h)s). Cạnh ngắn nhất cần từ %(min)s điểm ảnh trở lên.")
            % {"w": image.size[0], "h": image.size[1], "min": MIN_SIDE},
            code="too_small",
        )
    return image


def validate_image_upload(upload) -> None:
    """Raise a ValidationError in Vietnamese unless `upload` is a real, sane JPEG, PNG or WebP."""
    _open_checked(upload)


def sanitised_image(upload) -> ContentFile:
    """The upload re-encoded without metadata (EXIF, GPS, comments), turned upright.

    Re-encoding also drops anything appended to or hidden in the file (polyglots).
    """
    image = _open_checked(upload)
    image_format = image.format
    upright = ImageOps.exif_transpose(image)
    if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    buffer = io.BytesIO()
    options = {"quality": 88, "optimize": True} if image_format in ("JPEG", "WEBP") else {"optimize": True}
    upright.save(buffer, format=image_format, **options)
    stem = os.path.splitext(os.path.basename(upload.name or "anh"))[0][:80] or "anh"
    return ContentFile(buffer.getvalue(), name=f"{stem}.{ALLOWED_FORMATS[image_format]}")
