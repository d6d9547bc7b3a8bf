"""From uploaded bytes to rows of cells: which kind of file it is (by its content, not its name),
and the refusals that concern the whole file. Rows are read as a stream and reading stops as soon
as the row limit is passed, so a huge file costs no more than a file at the limit."""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from django.conf import settings
from django.utils.translation import gettext as _

from sellers.imports import xlsx

# An XLSX is a zip of XML: a small upload can unpack to gigabytes. A sheet at the row limit unpacks
# to a few megabytes, so anything far beyond is refused before openpyxl opens it.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
_SNIFF = 8192
_NOT_SPREADSHEET_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")
_CSV_DELIMITERS = (",", ";", "\t")


class FileRefused(Exception):
    """The file as a whole cannot be imported; the message says why, in Vietnamese."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Sheet:
    """The header cells and the non-empty rows of a spreadsheet, each with its row number as the
    seller sees it in Excel (the header is row 1)."""

    kind: str
    headers: list
    rows: list[tuple[int, list]] = field(default_factory=list)


def max_rows() -> int:
    return settings.SELLER_IMPORT_MAX_ROWS


def max_bytes() -> int:
    return settings.SELLER_IMPORT_MAX_BYTES


def read_spreadsheet(data: bytes) -> Sheet:
    """Read an XLSX or CSV file, or raise FileRefused."""
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise FileRefused(_("Tệp trống, không có dữ liệu nào."))
    if len(data) > max_bytes():
        raise FileRefused(
            _("Tệp nặng %(size)s MB, vượt giới hạn %(limit)s MB. Hãy chia thành nhiều tệp nhỏ hơn.")
            % {"size": _megabytes(len(data)), "limit": _megabytes(max_bytes())}
        )
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(
            _("Tệp Excel 97–2003 (.xls) chưa được hỗ trợ. Trong Excel, chọn Lưu thành (Save As) → "
              "Sổ làm việc Excel (.xlsx) hoặc CSV UTF-8 rồi tải lên lại.")
        )
    head = data[:_SNIFF]
    if head.startswith(_NOT_SPREADSHEET_MAGIC) or b"\x00" in head:
        raise FileRefused(_not_a_spreadsheet())
    return _read_csv(data)


def _not_a_spreadsheet():
    return _("Tệp này không phải bảng tính. Hãy tải lên tệp Excel (.xlsx) hoặc CSV theo mẫu.")


def grouped(number: int) -> str:
    # Counts in Vietnamese group thousands with dots: 5.000 dòng.
    return f"{number:,}".replace(",", ".")


def _megabytes(size):
    return grouped(-(-size // (1024 * 1024)))


def _too_many_rows():
    return FileRefused(
        _("Tệp có hơn %(limit)s dòng sản phẩm; mỗi lần chỉ nhập được tối đa %(limit)s dòng. "
          "Hãy chia thành nhiều tệp nhỏ hơn rồi tải lên lần lượt.")
        % {"limit": grouped(max_rows())}
    )


def _trimmed(values):
    cells = [value.strip() if isinstance(value, str) else value for value in values]
    while cells and cells[-1] in (None, ""):
        cells.pop()
    return cells


def _collect(kind, numbered_rows) -> Sheet:
    """Header from row 1, then the non-empty rows, stopping one row past the limit."""
    sheet = None
    limit = max_rows()
    for number, values in numbered_rows:
        cells = _trimmed(values)
        if sheet is None:
            if number != 1 or not cells:
                raise FileRefused(_("Dòng 1 phải là dòng tiêu đề (tên các cột) như trong tệp mẫu."))
            sheet = Sheet(kind=kind, headers=cells)
            continue
        if not cells:
            continue
        if len(sheet.rows) == limit:
            raise _too_many_rows()
        sheet.rows.append((number, cells))
    if sheet is None:
        raise FileRefused(_("Tệp trống, không có dữ liệu nào."))
    if not sheet.rows:
        raise FileRefused(_("Tệp chỉ có dòng tiêu đề, chưa có sản phẩm nào."))
    return sheet


def _read_xlsx(data: bytes) -> Sheet:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileRefused(_not_a_spreadsheet()) from None
    with archive:
        if "xl/workbook.xml" not in archive.namelist():
            raise FileRefused(_("Tệp nén này không phải bảng tính Excel (.xlsx). Hãy tải lên tệp theo mẫu."))
        if xlsx.unpacked_size(archive) > MAX_UNPACKED_BYTES:
            raise _too_many_rows()
        try:
            return _collect("xlsx", xlsx.iter_rows(archive))
        except (xlsx.XlsxError, ParseError, zipfile.BadZipFile, EOFError, ValueError):
            raise FileRefused(
                _("Không đọc được tệp Excel này (tệp hỏng hoặc có mật khẩu). Hãy mở bằng Excel, lưu lại "
                  "thành .xlsx rồi tải lên lại.")
            ) from None


def _read_csv(data: bytes) -> Sheet:
    # Decoded as it is read, so a file refused at the row limit is never held twice as text.
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
    try:
        first_line = stream.readline()
        stream.seek(0)
        delimiter = max(_CSV_DELIMITERS, key=first_line.count)
        return _collect("csv", enumerate(csv.reader(stream, delimiter=delimiter), start=1))
    except UnicodeDecodeError:
        raise FileRefused(
            _("Tệp CSV phải được lưu với bảng mã UTF-8 để giữ dấu tiếng Việt. Trong Excel, chọn Lưu "
              "thành (Save As) → CSV UTF-8 rồi tải lên lại.")
        ) from None
    except csv.Error:
        raise FileRefused(_not_a_spreadsheet()) from None
