"""The downloadable template: the columns in Vietnamese, one example row, as XLSX or CSV."""

import csv
import io

from django.utils.translation import gettext as _

from sellers.imports.columns import COLUMNS, EXAMPLE_ROW


def header_row() -> list[str]:
    # Required columns carry a `*`, which the reader ignores when matching headers.
    return [f"{column.title} *" if column.required else column.title for column in COLUMNS]


def example_row() -> list[str]:
    return [EXAMPLE_ROW[column.key] for column in COLUMNS]


def template_csv() -> bytes:
    """UTF-8 with a byte-order mark: without it Excel reads the file as ANSI and loses the diacritics."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header_row())
    writer.writerow(example_row())
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Sản phẩm")
    sheet.append(header_row())
    # Every cell is text, so Excel keeps "150.000" and leading zeros as the seller typed them.
    sheet.append(example_row())
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="E2EFDA")
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="808080")
    for index, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, len(column.title) + 4)
        sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet(_("Hướng dẫn"))
    guide.append([_("Cột"), _("Bắt buộc"), _("Cách ghi")])
    for cell in guide[1]:
        cell.font = bold
    for column in COLUMNS:
        guide.append([column.title, _("có") if column.required else _("không"), str(column.help)])
    guide.append([])
    for line in (
        _("Dòng 1 là tên cột, giữ nguyên. Dòng 2 là ví dụ (chữ xám): sửa thành sản phẩm của bạn hoặc "
          "xoá đi; nếu để nguyên, dòng ví dụ được bỏ qua."),
        _("Mỗi dòng là một sản phẩm hoặc một quy cách. Sản phẩm có nhiều quy cách: mỗi quy cách một "
          "dòng, cùng «SKU sản phẩm chính» và cùng tên."),
        _("Tải lên lại tệp đã sửa: sản phẩm có cùng Mã SKU được cập nhật, không tạo bản trùng."),
    ):
        guide.append([line])
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["B"].width = 10
    guide.column_dimensions["C"].width = 90
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
