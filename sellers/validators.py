"""Checking and normalising what an applicant types: tax code, phone, bank account, documents.

Each function takes the raw input and returns the value as it is stored, or raises a
ValidationError whose message tells the person, in Vietnamese, what exactly is wrong.
"""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.vn import mst

from catalog.image_uploads import sanitised_image, validate_image_upload
from marketplace.text import fold

MAX_PDF_BYTES = 10 * 1024 * 1024
_ACCOUNT_NUMBER = re.compile(r"^\d{6,19}$")
_ACCOUNT_NAME = re.compile(r"^[A-Z][A-Z ]*$")
_REGISTRATION_NUMBER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z./\- ]{3,29}$")


def normalise_tax_code(value: str) -> str:
    """`0100 109.106` → `0100109106`; `0100109106-001` keeps its branch suffix."""
    shown = (value or "").strip()
    compact = mst.compact(shown)
    try:
        mst.validate(compact)
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(
            _("Mã số thuế %(code)s sai chữ số kiểm tra. Hãy xem lại từng chữ số trên giấy đăng ký thuế.")
            % {"code": shown},
            code="tax_code_checksum",
        ) from None
    except stdnum_errors.InvalidLength:
        raise ValidationError(
            _("Mã số thuế %(code)s có %(n)s chữ số; mã đúng có 10 chữ số, chi nhánh thêm dấu - và 3 chữ số "
              "(ví dụ 0100109106-001).") % {"code": shown, "n": len(re.sub(r"\D", "", compact))},
            code="tax_code_length",
        ) from None
    except stdnum_errors.ValidationError:
        raise ValidationError(
            _("Mã số thuế %(code)s không hợp lệ: chỉ gồm chữ số, dấu cách, dấu chấm hoặc dấu gạch ngang.")
            % {"code": shown},
            code="tax_code_format",
        ) from None
    return mst.format(compact)


def normalise_phone(value: str) -> str:
    """A Vietnamese mobile or fixed-line number written `0…`, `84…` or `+84…`, returned as E.164."""
    shown = (value or "").strip()
    try:
        number = phonenumbers.parse(shown, "VN")
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _("Số điện thoại %(phone)s không đọc được. Hãy ghi như 0912 345 678 hoặc +84 912 345 678.")
            % {"phone": shown},
            code="phone_unreadable",
        ) from None
    if number.country_code != 84:
        raise ValidationError(
            _("Số điện thoại %(phone)s không phải số Việt Nam. "
              "Hãy dùng số di động hoặc số cố định trong nước.")
            % {"phone": shown},
            code="phone_not_vietnamese",
        )
    allowed = {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }
    if not phonenumbers.is_valid_number(number) or phonenumbers.number_type(number) not in allowed:
        raise ValidationError(
            _("Số điện thoại %(phone)s không đúng: số di động có 10 chữ số (ví dụ 0912 345 678), "
              "số cố định có mã vùng (ví dụ 0208 385 5123).") % {"phone": shown},
            code="phone_invalid",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_registration_number(value: str) -> str:
    shown = " ".join((value or "").split())
    if not _REGISTRATION_NUMBER.match(shown):
        raise ValidationError(
            _("Số đăng ký %(number)s không hợp lệ: ghi đúng như trên giấy chứng nhận, gồm chữ và số "
              "(ví dụ 4600123456 hoặc 17A8001234).") % {"number": shown},
            code="registration_number",
        )
    return shown


def normalise_account_number(value: str) -> str:
    # People copy account numbers with spaces or dots between groups; the digits are what count.
    digits = re.sub(r"[\s.]", "", value or "")
    if not _ACCOUNT_NUMBER.match(digits):
        raise ValidationError(
            _("Số tài khoản %(number)s không hợp lệ: chỉ gồm chữ số, từ 6 đến 19 số.")
            % {"number": (value or "").strip()},
            code="account_number",
        )
    return digits


def normalise_account_name(value: str) -> str:
    """`Nguyễn Thị Hoà` → `NGUYEN THI HOA`: the holder's name as banks print it."""
    name = fold(value).upper()
    if not _ACCOUNT_NAME.match(name):
        raise ValidationError(
            _("Tên chủ tài khoản %(name)s chỉ được có chữ cái và dấu cách, đúng như in trên thẻ ngân hàng.")
            % {"name": (value or "").strip()},
            code="account_name",
        )
    return name


def checked_document(upload):
    """The upload, checked by its bytes: a PDF of at most 10 MB, or a photo re-encoded without
    metadata (ID cards and certificates are often photographed with GPS in their EXIF).

    Returns (kind, file) where kind is "pdf" or "image".
    """
    name = upload.name or ""
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        if upload.size > MAX_PDF_BYTES:
            raise ValidationError(
                _("Tệp %(name)s quá lớn (%(size)s MB). Mỗi tệp PDF tối đa %(limit)s MB.")
                % {"name": name, "size": round(upload.size / 1024 / 1024, 1),
                   "limit": MAX_PDF_BYTES // 1024 // 1024},
                code="too_large",
            )
        return "pdf", upload
    if name.lower().endswith(".pdf"):
        # Named .pdf but not a PDF inside: say so rather than "not a valid image".
        raise ValidationError(
            _("Tệp %(name)s có đuôi .pdf nhưng nội dung không phải PDF. "
              "Hãy xuất lại tệp PDF hoặc chụp ảnh giấy tờ.")
            % {"name": name},
            code="not_a_pdf",
        )
    try:
        validate_image_upload(upload)
    except ValidationError as error:
        if error.code == "not_an_image":
            raise ValidationError(
                _("Tệp %(name)s không phải PDF hay ảnh. Hãy tải tệp PDF hoặc ảnh chụp JPEG, PNG, WebP.")
                % {"name": name},
                code="not_a_document",
            ) from None
        raise ValidationError(
            _("Tệp %(name)s: %(problem)s") % {"name": name, "problem": " ".join(error.messages)},
            code=error.code,
        ) from None
    return "image", sanitised_image(upload)
