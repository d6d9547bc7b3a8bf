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


