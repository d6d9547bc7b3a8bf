"""A streaming reader for the first sheet of an XLSX file: rows of cell values, one at a time.

openpyxl's read-only mode scans the whole sheet before yielding a row when the file does not
declare its size (many generators do not), and spends most of its time building cell objects;
refusing a 50,000-row file must not cost a full parse. Numbers come back as int or Decimal, never
float, because prices are money.
"""

import posixpath
import re
import zipfile
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import ParseError, fromstring, iterparse

_COLUMN = re.compile(r"[A-Z]+")
_INTEGER = re.compile(r"-?\d+")
# Transitional (what Excel writes) and Strict OOXML namespaces.
_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
)
_ROW_TAGS = frozenset(f"{{{ns}}}row" for ns in _NAMESPACES)
_CELL_TAGS = frozenset(f"{{{ns}}}c" for ns in _NAMESPACES)


class XlsxError(Exception):
    """The archive is not a workbook this reader understands."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _column_index(reference: str | None, fallback: int) -> int:
    match = _COLUMN.match(reference or "")
    if not match:
        return fallback
    index = 0
    for letter in match.group():
        index = index * 26 + ord(letter) - 64
    return index - 1


def _text(element) -> str:
    """The text of a shared or inline string: its `t`, or its rich-text runs; not phonetic hints."""
    parts = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    try:
        workbook = fromstring(archive.read("xl/workbook.xml"))
        relations = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ParseError) as exc:
        raise XlsxError("no workbook") from exc
    sheet = next((el for el in workbook.iter() if _local(el.tag) == "sheet"), None)
    if sheet is None:
        raise XlsxError("no sheet")
    relation_id = next((value for key, value in sheet.attrib.items() if _local(key) == "id"), None)
    target = next((rel.get("Target") for rel in relations if rel.get("Id") == relation_id), None)
    if not target:
        raise XlsxError("no sheet target")
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings = []
    with archive.open("xl/sharedStrings.xml") as source:
        for _event, element in iterparse(source):
            if _local(element.tag) == "si":
                strings.append(_text(element))
                element.clear()
    return strings


def _number(text: str):
    if _INTEGER.fullmatch(text):
        return int(text)
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    if not value.is_finite():
        return text
    return int(value) if value == value.to_integral_value() else value


def _cell_value(cell, shared: list[str]):
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = next((child for child in cell if _local(child.tag) == "is"), None)
        return _text(inline) if inline is not None else ""
    raw = next((child.text for child in cell if _local(child.tag) == "v"), None)
    if raw is None:
        return None
    if kind == "s":
        try:
            return shared[int(raw)]
        except (ValueError, IndexError) as exc:
            raise XlsxError("bad shared string") from exc
    if kind == "b":
        return raw == "1"
    if kind in ("str", "e"):
        return raw
    return _number(raw)


def unpacked_size(archive: zipfile.ZipFile) -> int:
    return sum(info.file_size for info in archive.infolist())


def iter_rows(archive: zipfile.ZipFile):
    """(row number, [values]) for each row of the first sheet, as the XML is read."""
    shared = _shared_strings(archive)
    path = _first_sheet_path(archive)
    try:
        source = archive.open(path)
    except KeyError as exc:
        raise XlsxError("sheet missing") from exc
    with source:
        expected_row = 1
        for _event, element in iterparse(source):
            # Only rows matter; every other element ends inside one (or is sheet furniture).
            if element.tag not in _ROW_TAGS:
                continue
            number = int(element.get("r") or expected_row)
            values = []
            position = 0
            for cell in element:
                if cell.tag not in _CELL_TAGS:
                    continue
                index = _column_index(cell.get("r"), position)
                position = index + 1
                if index >= len(values):
                    values.extend([None] * (index + 1 - len(values)))
                values[index] = _cell_value(cell, shared)
            # A row read is emptied, so memory stays flat however long the sheet is.
            element.clear()
            expected_row = number + 1
            yield number, values
