"""Spreadsheets as sellers fill them in, as CSV or XLSX bytes, and their upload."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from sellers.imports.columns import COLUMNS

HEADERS = [column.title for column in COLUMNS]


def row(**changes):
    """One product as a seller would type it: a standalone 200 g bag of Tân Cương tea."""
    values = {
        "sku": "CHE-001", "name": "Chè búp Tân Cương", "product_type": "Đồ uống", "parent_sku": "",
        "variant": "", "price": "150.000", "stock": "10", "weight": "220", "origin": "tan cuong",
        "category": "Chè", "description": "Chè búp sao tay.\n\nHậu ngọt.", "gi": "",
    }
    values.update(changes)
    return values


def csv_bytes(rows, headers=HEADERS, delimiter=","):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    keys = [column.key for column in COLUMNS]
    for values in rows:
        writer.writerow([values.get(key, "") for key in keys] if isinstance(values, dict) else values)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows, headers=HEADERS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    keys = [column.key for column in COLUMNS]
    for values in rows:
        sheet.append([values.get(key) or None for key in keys] if isinstance(values, dict) else values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, data, name="san-pham.csv"):
    return client.post(
        reverse("seller_import:index"), {"file": SimpleUploadedFile(name, data, content_type="text/csv")}
    )




def big_csv(count):
    """`count` valid rows, built as text: fast enough for a 50,000-row file in a test."""
    header = ",".join(HEADERS)
    lines = (f"SKU-{n:06d},Chè búp loại {n},Đồ uống,,,{150000 + n},10,120,Tân Cương,Chè,," for n in range(count))
    return ("\ufeff" + header + "\r\n" + "\r\n".join(lines) + "\r\n").encode()


def big_xlsx(count):
    """`count` rows in a minimal workbook written without openpyxl (which needs seconds for 50,000
    rows), with inline strings and, like many generated files, no declared size."""
    import zipfile
    from xml.sax.saxutils import escape

    def cells(values):
        return "".join(f'<c t="inlineStr"><is><t>{escape(str(value))}</t></is></c>' for value in values)

    rows = [f'<row r="1">{cells(HEADERS)}</row>']
    rows.extend(
        f'<row r="{n + 2}">{cells([f"SKU-{n:06d}", f"Chè búp loại {n}", "Đồ uống", "", ""])}'
        f'<c r="F{n + 2}"><v>{150000 + n}</v></c><c r="G{n + 2}"><v>10</v></c><c r="H{n + 2}"><v>120</v></c></row>'
        for n in range(count)
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{relations}"><sheets>'
                         '<sheet name="Sản phẩm" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels",
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="worksheet"/></Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}"><sheetData>{"".join(rows)}'
                         "</sheetData></worksheet>")
    return buffer.getvalue()
