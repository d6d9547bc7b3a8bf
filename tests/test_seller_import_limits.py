"""The row limit: a 50,000-row file is refused with a clear message after reading one row past the
limit, never parsed in full; files at the limit are read whole."""

import pytest

from sellers.imports import reading, xlsx
from tests.seller_import_files import big_csv, big_xlsx, upload

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.seller_import_fixtures"]

TOO_MANY = (
    "Tệp có hơn 5.000 dòng sản phẩm; mỗi lần chỉ nhập được tối đa 5.000 dòng. Hãy chia thành nhiều tệp nhỏ hơn "
    "rồi tải lên lần lượt."
)


@pytest.fixture
def rows_pulled(monkeypatch):
    """How many rows the reader took from the file before it answered."""
    pulled = []
    collect = reading._collect

    def counting(kind, numbered_rows):
        def counted():
            for pair in numbered_rows:
                pulled.append(pair[0])
                yield pair
        return collect(kind, counted())

    monkeypatch.setattr(reading, "_collect", counting)
    return pulled


@pytest.mark.parametrize("build, name", [(big_csv, "50000.csv"), (big_xlsx, "50000.xlsx")])
def test_a_50000_row_file_is_refused_without_reading_it_all(seller_client, rows_pulled, build, name):
    data = build(50_000)
    response = upload(seller_client, data, name)
    assert response.context["form"].errors["file"] == [TOO_MANY]
    # The header, the 5,000 rows allowed, and the one that breaks the limit.
    assert len(rows_pulled) == 5_002


def test_a_file_at_the_limit_is_read_whole(settings):
    settings.SELLER_IMPORT_MAX_ROWS = 300
    for data in (big_csv(300), big_xlsx(300)):
        sheet = reading.read_spreadsheet(data)
        assert (len(sheet.rows), sheet.rows[-1][0]) == (300, 301)


def test_the_limit_is_a_setting(settings):
    settings.SELLER_IMPORT_MAX_ROWS = 10
    with pytest.raises(reading.FileRefused) as refused:
        reading.read_spreadsheet(big_xlsx(11))
    assert refused.value.message == (
        "Tệp có hơn 10 dòng sản phẩm; mỗi lần chỉ nhập được tối đa 10 dòng. Hãy chia thành nhiều tệp nhỏ hơn "
        "rồi tải lên lần lượt."
    )


def test_a_file_over_the_size_limit_is_refused_unread(seller_client, settings, rows_pulled):
    settings.SELLER_IMPORT_MAX_BYTES = 1024 * 1024
    response = upload(seller_client, big_csv(20_000), "nang.csv")
    assert response.context["form"].errors["file"] == ["Tệp quá lớn: tối đa 1 MB."]
    assert rows_pulled == []


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_parsing(monkeypatch, rows_pulled):
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(reading.FileRefused) as refused:
        reading.read_spreadsheet(big_xlsx(50))
    assert refused.value.message.startswith("Tệp có hơn 5.000 dòng sản phẩm")
    assert rows_pulled == []


def test_blank_rows_do_not_count_and_row_numbers_stay_those_of_excel():
    data = big_csv(2).replace(b"\r\nSKU-000001", b"\r\n,,,\r\n\r\nSKU-000001")
    sheet = reading.read_spreadsheet(data)
    assert [number for number, _cells in sheet.rows] == [2, 5]


def test_xlsx_numbers_are_never_floats():
    sheet = reading.read_spreadsheet(big_xlsx(1))
    assert sheet.rows[0][1][5:8] == [150000, 10, 120]
    assert all(type(value) is int for value in sheet.rows[0][1][5:8])
    assert xlsx._number("150000.5") == __import__("decimal").Decimal("150000.5")
