"""Bad spreadsheets: every problem named in Vietnamese with its row and column, nothing written."""

import pytest
from django.urls import reverse

from catalog.models import Product
from geo_indications.models import Commune, LegacyWard, Province
from sellers.imports import checking, reading
from sellers.imports.models import ImportJob
from sellers.models import StockRecord
from tests.seller_import_files import HEADERS, csv_bytes, row, upload, xlsx_bytes

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.seller_import_fixtures"]

NOT_A_SPREADSHEET = "Tệp này không phải bảng tính. Hãy tải lên tệp Excel (.xlsx) hoặc CSV theo mẫu."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def errors_of(data, seller):
    _plan, errors = checking.check(reading.read_spreadsheet(data), seller)
    return [str(error) for error in errors]


def file_errors(response):
    return response.context["form"].errors["file"]


# Files that are not spreadsheets, or empty ------------------------------------------------------

@pytest.mark.parametrize("name, data, message", [
    ("anh.xlsx", PNG, NOT_A_SPREADSHEET),
    ("tai-lieu.csv", b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n", NOT_A_SPREADSHEET),
    ("bang.xlsx", b"PK\x03\x04not really a zip", NOT_A_SPREADSHEET),
    ("cu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
     "Tệp Excel 97–2003 (.xls) chưa được hỗ trợ. Trong Excel, chọn Lưu thành (Save As) → Sổ làm việc Excel "
     "(.xlsx) hoặc CSV UTF-8 rồi tải lên lại."),
    ("ansi.csv", "Giá,Tên\nA,Chè\n".encode("cp1258"),
     "Tệp CSV phải được lưu với bảng mã UTF-8 để giữ dấu tiếng Việt. Trong Excel, chọn Lưu thành (Save As) → "
     "CSV UTF-8 rồi tải lên lại."),
    ("rong.csv", b"", "Tệp trống, không có dữ liệu nào."),
    ("rong.csv", b"\xef\xbb\xbf\r\n\r\n", "Tệp trống, không có dữ liệu nào."),
    ("tieu-de.csv", csv_bytes([]), "Tệp chỉ có dòng tiêu đề, chưa có sản phẩm nào."),
    ("tieu-de.xlsx", xlsx_bytes([]), "Tệp chỉ có dòng tiêu đề, chưa có sản phẩm nào."),
])
def test_a_file_that_cannot_be_read_is_refused_whatever_its_name(seller_client, name, data, message):
    response = upload(seller_client, data, name)
    assert response.status_code == 200
    assert file_errors(response) == [message]
    assert not ImportJob.objects.exists()


def test_a_zip_that_is_not_a_workbook_is_refused(seller_client):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    response = upload(seller_client, buffer.getvalue(), "hop-dong.xlsx")
    assert file_errors(response) == ["Tệp nén này không phải bảng tính Excel (.xlsx). Hãy tải lên tệp theo mẫu."]


def test_no_file_at_all_is_asked_for(seller_client):
    response = seller_client.post(reverse("seller_import:index"), {})
    assert file_errors(response) == ["Hãy chọn tệp bảng tính để tải lên."]


# Columns ---------------------------------------------------------------------------------------

def test_missing_and_unknown_columns_are_named(seller_client):
    headers = [h for h in HEADERS if h not in ("Giá (đồng)", "Tồn kho")] + ["Màu sắc"]
    data = csv_bytes([["CHE-001", "Chè", "Đồ uống", "", "", "220", "Tân Cương", "", "", "", "đỏ"]], headers)
    assert errors_of(data, seller_client.seller) == [
        "Dòng 1, cột K (Màu sắc): Cột «Màu sắc» không có trong tệp mẫu. Hãy xoá cột này hoặc đặt lại tên theo "
        "tệp mẫu.",
        "Dòng 1: Thiếu cột bắt buộc: «Giá (đồng)», «Tồn kho».",
    ]


def test_a_column_given_twice_is_refused(seller_client):
    data = csv_bytes([["A", "Chè", "Đồ uống", "1000", "1", "2000"]],
                     ["Mã SKU", "Tên sản phẩm", "Loại sản phẩm", "Giá (đồng)", "Tồn kho", "Giá bán"])
    assert errors_of(data, seller_client.seller) == [
        "Dòng 1, cột F (Giá bán): Cột «Giá (đồng)» đã có ở cột D; mỗi cột chỉ được có một lần."
    ]


def test_headers_are_matched_without_diacritics_case_or_order(seller_client):
    data = csv_bytes([["1000", "chè xanh", "x-1", "5", "do uong", "100"]],
                     ["gia ban", "TEN SAN PHAM", "sku", "So luong", "nhom ocop", "Khối lượng (g)"], delimiter=";")
    plan, errors = checking.check(reading.read_spreadsheet(data), seller_client.seller)
    assert errors == []
    item = plan.items[0]
    assert (item.sku, item.title, item.price, item.stock, item.grams, item.product_class.name) == (
        "x-1", "chè xanh", 1000, 5, 100, "Đồ uống"
    )


def test_data_under_a_column_without_a_name_is_refused(seller_client):
    data = csv_bytes([["A", "Chè", "Đồ uống", "1000", "1", "100", "", "ghi chú"]],
                     ["Mã SKU", "Tên sản phẩm", "Loại sản phẩm", "Giá (đồng)", "Tồn kho", "Khối lượng (gam)"])
    assert errors_of(data, seller_client.seller) == [
        "Dòng 2, cột H (): Ô này có dữ liệu nhưng cột chưa có tên ở dòng 1. Hãy đặt tên cột theo tệp mẫu hoặc "
        "xoá dữ liệu."
    ]


# Numbers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("price, expected", [
    ("150000", 150000), ("150.000", 150000), ("150,000 ₫", 150000), ("1.250.000 đ", 1250000),
    ("150 000 VNĐ", 150000), ("150.000,00", 150000), ("150000.00", 150000),
])
def test_prices_are_read_as_sellers_type_them(seller_client, price, expected):
    plan, errors = checking.check(reading.read_spreadsheet(csv_bytes([row(price=price)])), seller_client.seller)
    assert (errors, plan.items[0].price) == ([], expected)


def test_prices_typed_as_excel_numbers_are_whole_dong(seller_client):
    plan, errors = checking.check(
        reading.read_spreadsheet(xlsx_bytes([dict(row(), price=150000, stock=12, weight=220)])), seller_client.seller
    )
    assert (errors, plan.items[0].price, plan.items[0].stock) == ([], 150000, 12)


def test_every_bad_number_is_reported_with_its_row_and_column(seller_client):
    rows = [
        row(sku="A", price="150.000,5"),
        row(sku="B", price="-20000"),
        row(sku="C", price="một trăm", stock="2,5"),
        row(sku="D", price="0", stock="-1", weight="1.5"),
        row(sku="E", weight=""),
    ]
    assert errors_of(csv_bytes(rows), seller_client.seller) == [
        "Dòng 2, cột F (Giá (đồng)): «150.000,5» có phần lẻ; giá phải là số đồng chẵn (ví dụ 150000 hoặc 150.000).",
        "Dòng 3, cột F (Giá (đồng)): Giá không được âm.",
        "Dòng 4, cột F (Giá (đồng)): «một trăm» không phải là số.",
        "Dòng 4, cột G (Tồn kho): «2,5» có phần lẻ; tồn kho phải là số nguyên.",
        "Dòng 5, cột F (Giá (đồng)): Giá phải lớn hơn 0 đồng.",
        "Dòng 5, cột G (Tồn kho): Tồn kho không được âm.",
        "Dòng 5, cột H (Khối lượng (gam)): «1.5» có phần lẻ; khối lượng ghi bằng số gam nguyên (ví dụ 120).",
        "Dòng 6, cột H (Khối lượng (gam)): Hàng cần giao phải có khối lượng (gam) để tính phí vận chuyển.",
    ]


def test_a_fraction_typed_in_excel_is_refused(seller_client):
    data = xlsx_bytes([dict(row(), price=150000.5)])
    assert errors_of(data, seller_client.seller) == [
        "Dòng 2, cột F (Giá (đồng)): «150000.5» có phần lẻ; giá phải là số đồng chẵn (ví dụ 150000 hoặc 150.000)."
    ]


def test_a_service_needs_no_weight(seller_client):
    data = csv_bytes([row(product_type="6", weight="", category="", name="Trải nghiệm hái chè")])
    plan, errors = checking.check(reading.read_spreadsheet(data), seller_client.seller)
    assert (errors, plan.items[0].product_class.ocop_group, plan.items[0].grams) == ([], 6, None)


# SKUs ------------------------------------------------------------------------------------------

def test_duplicate_skus_and_empty_cells_are_reported_for_every_row(seller_client):
    rows = [row(sku="CHE-001"), row(sku="CHE-002"), row(sku="CHE-001"), row(sku="", name=""), row(sku="CÓ CÁCH")]
    assert errors_of(csv_bytes(rows), seller_client.seller) == [
        "Dòng 4, cột A (Mã SKU): Mã SKU «CHE-001» đã có ở dòng 2; mỗi SKU chỉ ghi một lần.",
        "Dòng 5, cột A (Mã SKU): Ô này không được để trống.",
        "Dòng 5, cột B (Tên sản phẩm): Ô này không được để trống.",
        "Dòng 6, cột A (Mã SKU): Mã SKU «CÓ CÁCH» không hợp lệ: không có dấu cách, tối đa 64 ký tự.",
    ]


def test_a_sku_of_another_seller_is_refused(seller_client, make_seller, make_product):
    other = make_seller(name="Hộ kinh doanh Miến Dong", commune="Xã Đại Từ")
    theirs = make_product(other, "Miến dong")
    sku = theirs.stockrecords.get().partner_sku
    Product.objects.filter(pk=theirs.pk).update(upc="MIEN-UPC")
    Product.objects.filter(pk=make_product(other, "Miến dong đỏ").pk).update(upc="MIEN-CHA")
    data = csv_bytes([row(sku=sku), row(sku="MIEN-UPC"), row(sku="CHE-100G", parent_sku="MIEN-CHA", variant="100 g")])
    assert errors_of(data, seller_client.seller) == [
        f"Dòng 2, cột A (Mã SKU): Mã SKU «{sku}» đang thuộc về một người bán khác; hãy đặt mã khác.",
        "Dòng 3, cột A (Mã SKU): Mã SKU «MIEN-UPC» đang thuộc về một người bán khác; hãy đặt mã khác.",
        "Dòng 4, cột D (SKU sản phẩm chính): Mã SKU «MIEN-CHA» đang thuộc về một người bán khác; hãy đặt mã khác.",
    ]


# Variants --------------------------------------------------------------------------------------

def test_variants_must_name_their_parent_and_agree_with_it(seller_client):
    rows = [
        row(sku="A-100", parent_sku="A", variant="Gói 100 g"),
        row(sku="A-200", parent_sku="A", variant="Gói 200 g", name="Chè khác", product_type="Thực phẩm"),
        row(sku="A-100B", parent_sku="A", variant="gói 100 g"),
        row(sku="B-100", variant="Gói 100 g"),
        row(sku="C-100", parent_sku="C"),
        row(sku="D-1", parent_sku="A-100", variant="1 kg"),
    ]
    assert errors_of(csv_bytes(rows), seller_client.seller) == [
        "Dòng 3, cột C (Loại sản phẩm): Không có loại sản phẩm «Thực phẩm». Hãy ghi một trong: «Đồ uống», "
        "«Du lịch cộng đồng và điểm du lịch».",
        "Dòng 4, cột E (Quy cách): Quy cách «gói 100 g» đã có ở dòng 2 trong cùng sản phẩm chính «A».",
        "Dòng 5, cột D (SKU sản phẩm chính): Quy cách «Gói 100 g» cần SKU sản phẩm chính để gộp các quy cách vào "
        "một sản phẩm.",
        "Dòng 6, cột E (Quy cách): Hãy ghi quy cách (ví dụ «Gói 100 g») cho quy cách thuộc sản phẩm chính «C».",
        "Dòng 7, cột D (SKU sản phẩm chính): «A-100» cũng là Mã SKU ở dòng 2; sản phẩm chính cần một mã riêng.",
    ]


def test_variants_of_one_parent_must_share_its_name(seller_client):
    rows = [row(sku="A-100", parent_sku="A", variant="100 g"), row(sku="A-200", parent_sku="A", variant="200 g",
                                                                  name="Chè khác")]
    assert errors_of(csv_bytes(rows), seller_client.seller) == [
        "Dòng 3, cột B (Tên sản phẩm): Khác với dòng 2 cùng SKU sản phẩm chính «A»: các quy cách của một sản phẩm "
        "phải ghi giống nhau ở cột này."
    ]


def test_an_existing_product_cannot_change_kind(seller_client, make_product):
    standalone = make_product(seller_client.seller, "Chè búp")
    sku = standalone.stockrecords.get().partner_sku
    data = csv_bytes([row(sku=sku, parent_sku="P", variant="100 g")])
    assert errors_of(data, seller_client.seller) == [
        f"Dòng 2, cột D (SKU sản phẩm chính): «{sku}» đang là sản phẩm bán riêng, không chuyển thành quy cách "
        "được. Hãy dùng một Mã SKU mới cho quy cách."
    ]


# Places, categories and geographic indications --------------------------------------------------

def test_communes_are_found_with_or_without_diacritics(seller_client, thai_nguyen):
    _, communes = thai_nguyen
    rows = [row(sku="A", origin="XÃ ĐẠI TỪ"), row(sku="B", origin="gia sang"), row(sku="C", origin="")]
    plan, errors = checking.check(reading.read_spreadsheet(csv_bytes(rows)), seller_client.seller)
    assert errors == []
    assert [item.origin for item in plan.items] == [communes["Xã Đại Từ"], communes["Phường Gia Sàng"], None]


def test_ambiguous_unknown_and_former_communes_are_refused(seller_client, thai_nguyen):
    province, communes = thai_nguyen
    Commune.objects.create(code=5503, province=province, name="Phường Đại Từ", division_type="phường",
                           codename="phuong_dai_tu")
    former = LegacyWard.objects.create(
        code=5400, name="Xã Phúc Xuân", division_type="xã", district_code=164, district_name="Thành phố Thái Nguyên",
        province_code=19, province_name="Tỉnh Thái Nguyên", name_key="phuc xuan", district_key="thai nguyen",
        province_key="thai nguyen",
    )
    former.communes.add(communes["Xã Tân Cương"])
    rows = [row(sku="A", origin="Đại Từ"), row(sku="B", origin="Phúc Xuân"), row(sku="C", origin="Xã Không Có")]
    assert errors_of(csv_bytes(rows), seller_client.seller) == [
        "Dòng 2, cột I (Xã/phường xuất xứ): «Đại Từ» trùng tên với nhiều xã/phường: Phường Đại Từ, Tỉnh Thái "
        "Nguyên; Xã Đại Từ, Tỉnh Thái Nguyên. Hãy ghi rõ tên đầy đủ và tỉnh, ví dụ «Phường Đại Từ, Tỉnh Thái "
        "Nguyên».",
        "Dòng 3, cột I (Xã/phường xuất xứ): «Phúc Xuân» là tên trước tháng 7/2025; nay thuộc Xã Tân Cương, Tỉnh "
        "Thái Nguyên. Hãy ghi tên xã/phường hiện nay.",
        "Dòng 4, cột I (Xã/phường xuất xứ): Không tìm thấy xã/phường «Xã Không Có» trong danh sách xã/phường "
        "hiện nay.",
    ]


def test_a_name_shared_with_another_province_means_the_sellers_own_unless_told(seller_client, thai_nguyen):
    _, communes = thai_nguyen
    phu_tho = Province.objects.create(code=25, name="Tỉnh Phú Thọ", division_type="tỉnh", codename="phu_tho")
    elsewhere = Commune.objects.create(code=7000, province=phu_tho, name="Xã Tân Cương", division_type="xã",
                                       codename="xa_tan_cuong")
    rows = [row(sku="A", origin="Tân Cương"), row(sku="B", origin="Tân Cương, Phú Thọ")]
    plan, errors = checking.check(reading.read_spreadsheet(csv_bytes(rows)), seller_client.seller)
    assert errors == []
    assert [item.origin for item in plan.items] == [communes["Xã Tân Cương"], elsewhere]


def test_an_unknown_category_or_gi_is_refused(seller_client):
    rows = [row(sku="A", category="Đồ uống > Cà phê"), row(sku="B", gi="Cà phê Buôn Ma Thuột")]
    assert errors_of(csv_bytes(rows), seller_client.seller) == [
        "Dòng 2, cột J (Danh mục): Không có danh mục «Đồ uống > Cà phê».",
        "Dòng 3, cột L (Chỉ dẫn địa lý): Không có chỉ dẫn địa lý «Cà phê Buôn Ma Thuột».",
    ]


def test_a_gi_needs_the_sellers_verified_right_and_an_origin_in_the_area(seller_client, tan_cuong_gi):
    rows = [row(sku="A", gi="Tân Cương"), row(sku="B", gi="tan cuong", origin="Xã Đại Từ")]
    assert errors_of(csv_bytes(rows), seller_client.seller) == [
        "Dòng 2, cột L (Chỉ dẫn địa lý): Người bán chưa có quyền sử dụng chỉ dẫn địa lý «Tân Cương» đã được "
        "xác minh và còn hiệu lực.",
        "Dòng 3, cột L (Chỉ dẫn địa lý): Người bán chưa có quyền sử dụng chỉ dẫn địa lý «Tân Cương» đã được "
        "xác minh và còn hiệu lực.",
        "Dòng 3, cột L (Chỉ dẫn địa lý): Xã Đại Từ, Tỉnh Thái Nguyên không thuộc khu vực bảo hộ của chỉ dẫn địa "
        "lý «Tân Cương».",
    ]


def test_a_gi_the_seller_holds_is_accepted(seller_client, tan_cuong_gi, grant_gi_right):
    grant_gi_right(seller_client.seller, tan_cuong_gi)
    plan, errors = checking.check(reading.read_spreadsheet(csv_bytes([row(gi="00013")])), seller_client.seller)
    assert (errors, plan.items[0].gi) == ([], tan_cuong_gi)


# The preview page ------------------------------------------------------------------------------

def test_the_seller_sees_every_rows_errors_and_nothing_is_saved(seller_client):
    rows = [row(sku="A"), row(sku="B", price="abc"), row(sku="C"), row(sku="A", stock="")]
    response = upload(seller_client, csv_bytes(rows), "bang-gia.csv")
    assert [str(error) for error in response.context["errors"]] == [
        "Dòng 3, cột F (Giá (đồng)): «abc» không phải là số.",
        "Dòng 5, cột A (Mã SKU): Mã SKU «A» đã có ở dòng 2; mỗi SKU chỉ ghi một lần.",
        "Dòng 5, cột G (Tồn kho): Ô này không được để trống.",
    ]
    page = " ".join(response.content.decode().split())
    assert "Tệp «bang-gia.csv» có 3 lỗi." in page
    assert "<td>5</td> <td>G (Tồn kho)</td> <td>Ô này không được để trống.</td>" in page
    assert (ImportJob.objects.count(), Product.objects.count(), StockRecord.objects.count()) == (0, 0, 0)
