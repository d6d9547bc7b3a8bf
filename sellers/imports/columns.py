"""The spreadsheet's columns: their Vietnamese headers, the other spellings sellers use, and which
are required. The template, the reader and the checks all take them from here."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from marketplace.text import fold


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    required: bool
    help: str
    # Folded spellings accepted besides the title's own (see header_key).
    aliases: tuple[str, ...] = field(default=())


COLUMNS = (
    Column("sku", "Mã SKU", True, _("Mã riêng của từng sản phẩm hoặc quy cách, không trùng nhau, "
           "không có dấu cách (tối đa 64 ký tự). Nhập lại cùng mã thì sản phẩm được cập nhật."),
           ("sku", "ma", "ma san pham", "ma hang")),
    Column("name", "Tên sản phẩm", True, _("Tên hiển thị trên sàn. Các quy cách của một sản phẩm "
           "ghi cùng một tên."), ("ten", "ten hang")),
    Column("product_type", "Loại sản phẩm", True, _("Nhóm OCOP: Thực phẩm, Đồ uống, Thảo dược, "
           "Vải và may mặc, Lưu niệm…, Du lịch… (hoặc số nhóm 1–6)."),
           ("nhom ocop", "nhom", "loai", "loai san pham ocop", "nhom san pham")),
    Column("parent_sku", "SKU sản phẩm chính", False, _("Chỉ ghi khi sản phẩm có nhiều quy cách "
           "(gói 100 g, 200 g…): các dòng cùng mã này được gộp thành một sản phẩm."),
           ("sku chinh", "sku cha", "ma sku chinh", "ma san pham chinh")),
    Column("variant", "Quy cách", False, _("Tên quy cách, ví dụ «Gói 100 g»; bắt buộc khi có SKU "
           "sản phẩm chính."), ("quy cach dong goi", "bien the", "dong goi")),
    Column("price", "Giá (đồng)", True, _("Số đồng chẵn: 150000, 150.000 hoặc 150,000 ₫. "
           "Không có phần lẻ, không âm."), ("gia", "gia ban", "don gia")),
    Column("stock", "Tồn kho", True, _("Số lượng đang có, số nguyên không âm."),
           ("so luong", "so luong ton", "ton")),
    Column("weight", "Khối lượng (gam)", False, _("Khối lượng một đơn vị kể cả bao bì, tính bằng "
           "gam; bắt buộc với hàng cần giao."), ("khoi luong", "can nang", "trong luong")),
    Column("origin", "Xã/phường xuất xứ", False, _("Tên xã/phường hiện nay, có dấu hoặc không; "
           "thêm «, tên tỉnh» nếu trùng tên. Để trống: xã/phường của cơ sở."),
           ("xa xuat xu", "xa/phuong", "xuat xu", "noi san xuat")),
    Column("category", "Danh mục", False, _("Ví dụ «Đồ uống > Chè» hoặc «Chè». Để trống khi cập "
           "nhật: giữ nguyên."), ("danh muc san pham",)),
    Column("description", "Mô tả", False, _("Giới thiệu sản phẩm (chữ thường, xuống dòng được). "
           "Để trống khi cập nhật: giữ nguyên."), ("mo ta san pham", "gioi thieu")),
    Column("gi", "Chỉ dẫn địa lý", False, _("Tên chỉ dẫn địa lý, ví dụ «Chè Tân Cương»; chỉ ghi "
           "khi cơ sở đã có quyền sử dụng được xác minh."), ("cddl", "chi dan")),
)
BY_KEY = {column.key: column for column in COLUMNS}

# What the template shows under the headers; a row exactly like it is skipped, not imported.
EXAMPLE_ROW = {
    "sku": "VD-CHE-100G",
    "name": "Chè búp Tân Cương",
    "product_type": "Đồ uống",
    "parent_sku": "VD-CHE",
    "variant": "Gói 100 g",
    "price": "150.000",
    "stock": "50",
    "weight": "120",
    "origin": "Xã Tân Cương",
    "category": "Đồ uống > Chè",
    "description": "Búp chè một tôm hai lá, sao tay. Nước xanh, hậu ngọt.",
    "gi": "",
}

_BRACKETS = re.compile(r"\([^)]*\)|\*")


def header_key(text) -> str:
    """A header as compared: folded, without `*` or a bracketed unit (`Giá (đồng) *` → `gia`)."""
    return " ".join(_BRACKETS.sub(" ", fold(str(text or ""))).split())


_BY_HEADER = {}
for _column in COLUMNS:
    for _spelling in (header_key(_column.title), *_column.aliases):
        _BY_HEADER[_spelling] = _column


def column_for_header(text) -> Column | None:
    return _BY_HEADER.get(header_key(text))
