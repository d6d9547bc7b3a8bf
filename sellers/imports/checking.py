"""From a sheet's cells to a plan of what to create and update for one seller, or to every error
of every row, each with its row number and column as the seller sees them in Excel.

Nothing is written here: the preview shows the result, and the import task checks again, inside its
transaction, right before writing.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import linebreaks
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from geo_indications.rules import gi_claim_errors
from marketplace.sanitise import clean_html
from sellers.imports import values
from sellers.imports.columns import BY_KEY, COLUMNS, EXAMPLE_ROW, column_for_header
from sellers.imports.references import Categories, Communes, GeographicIndications, ProductTypes
from sellers.imports.values import CellError

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
StockRecord = get_model("partner", "StockRecord")

# Shipping charges read a product's weight from this integer attribute, in grams
# (marketplace.shipping.charges).
WEIGHT_ATTRIBUTE = "weight"
MAX_SKU_LENGTH = 64  # Product.upc
MAX_TITLE_LENGTH = 255
_CHUNK = 500  # ids per IN (...) query: SQLite limits the number of parameters


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass(frozen=True)
class RowError:
    """One problem in the file: its Excel row number, column letter and header, and what to fix."""

    row: int
    column: str
    header: str
    message: str

    def __str__(self):
        if self.column:
            return _("Dòng %(row)s, cột %(column)s (%(header)s): %(message)s") % {
                "row": self.row, "column": self.column, "header": self.header, "message": self.message
            }
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}

    def as_dict(self):
        return {"row": self.row, "column": self.column, "header": self.header, "message": self.message}


@dataclass
class Listing:
    """What a product should look like once imported: a parent (a product with pack sizes) or a
    row's own product. Fields left None were empty in the file and keep their current value."""

    sku: str
    row: int
    title: str
    name: str = ""
    product_class: object = None
    origin: object = None
    category: object = None
    gi: object = None
    description: str | None = None
    existing: object = None


@dataclass
class Item(Listing):
    """One row: a product sold on its own, or one pack size of a parent."""

    parent_sku: str = ""
    label: str = ""
    price: int = 0
    stock: int = 0
    grams: int | None = None
    stockrecord: object = None


@dataclass
class Plan:
    items: list[Item] = field(default_factory=list)
    parents: dict[str, Listing] = field(default_factory=dict)
    example_row: int | None = None
    # What the matched products hold today: weight in grams and category ids, by product id.
    weights: dict = field(default_factory=dict)
    categories: dict = field(default_factory=dict)
    to_create: int = 0
    to_update: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return len(self.items)


def _chunks(keys):
    keys = sorted(keys)
    for start in range(0, len(keys), _CHUNK):
        yield keys[start:start + _CHUNK]


class Checker:
    """Checks one sheet for one seller; `run()` returns (plan, errors)."""

    def __init__(self, sheet, seller):
        self.sheet = sheet
        self.seller = seller
        self.errors: list[RowError] = []
        self.positions: dict[str, int] = {}
        self.headers: dict[str, str] = {}

    # Errors -------------------------------------------------------------------------------------

    def error(self, row, key, message):
        if key is None:
            self.errors.append(RowError(row, "", "", message))
            return
        position = self.positions.get(key)
        header = self.headers.get(key, BY_KEY[key].title)
        letter = column_letter(position) if position is not None else ""
        self.errors.append(RowError(row, letter, header, message))

    # Header -------------------------------------------------------------------------------------

    def read_header(self) -> bool:
        unknown = []
        for position, raw in enumerate(self.sheet.headers):
            title = values.text(raw)
            if not title:
                continue
            column = column_for_header(title)
            if column is None:
                unknown.append((position, title))
            elif column.key in self.positions:
                self.errors.append(RowError(1, column_letter(position), title, _(
                    "Cột «%(title)s» đã có ở cột %(first)s; mỗi cột chỉ được có một lần."
                ) % {"title": column.title, "first": column_letter(self.positions[column.key])}))
            else:
                self.positions[column.key] = position
                self.headers[column.key] = title
        for position, title in unknown:
            self.errors.append(RowError(1, column_letter(position), title, _(
                "Cột «%(title)s» không có trong tệp mẫu. Hãy xoá cột này hoặc đặt lại tên theo tệp mẫu."
            ) % {"title": title}))
        missing = [column.title for column in COLUMNS if column.required and column.key not in self.positions]
        if missing:
            self.errors.append(RowError(1, "", "", _("Thiếu cột bắt buộc: %(columns)s.") % {
                "columns": ", ".join(f"«{title}»" for title in missing)
            }))
        return not self.errors

    def cells(self, values_in_row) -> dict[str, str | object]:
        cells = {}
        for key, position in self.positions.items():
            cells[key] = values_in_row[position] if position < len(values_in_row) else None
        return cells

    def headerless_data(self, number, values_in_row):
        known = set(self.positions.values())
        for position, value in enumerate(values_in_row):
            if position not in known and values.text(value):
                self.errors.append(RowError(number, column_letter(position), "", _(
                    "Ô này có dữ liệu nhưng cột chưa có tên ở dòng 1. Hãy đặt tên cột theo tệp mẫu hoặc xoá dữ liệu."
                )))
                return

    # Rows ---------------------------------------------------------------------------------------

    def run(self):
        plan = Plan()
        if not self.read_header():
            return plan, self.errors
        self.types = ProductTypes()
        self.communes = Communes(self.seller.commune.province_id if self.seller.commune_id else None)
        self.categories = Categories()
        self.gis = GeographicIndications()

        rows = []
        seen_skus: dict[str, int] = {}
        for number, values_in_row in self.sheet.rows:
            cells = self.cells(values_in_row)
            if plan.example_row is None and self.is_example(cells):
                plan.example_row = number
                continue
            self.headerless_data(number, values_in_row)
            item, valid = self.read_row(number, cells)
            if item.sku in seen_skus:
                self.error(number, "sku", _("Mã SKU «%(sku)s» đã có ở dòng %(row)s; mỗi SKU chỉ ghi một lần.")
                           % {"sku": item.sku, "row": seen_skus[item.sku]})
                continue
            if item.sku:
                seen_skus[item.sku] = number
            if valid:
                rows.append(item)
        if not rows and not self.errors:
            self.error(plan.example_row or 2, None, _(
                "Tệp chỉ có dòng ví dụ của tệp mẫu. Hãy thay dòng ví dụ bằng sản phẩm của bạn."
            ))
        parents = self.group_variants(rows, seen_skus)
        self.match_existing(rows, parents)
        self.check_claims(rows, parents)
        if self.errors:
            return plan, sorted(self.errors, key=lambda e: (e.row, e.column.rjust(3)))
        plan.items, plan.parents = rows, parents
        plan.weights, plan.categories = self.existing_weights, self.existing_categories
        self.count_changes(plan)
        return plan, []

    def is_example(self, cells) -> bool:
        return all(values.text(cells[key]) == EXAMPLE_ROW[key] for key in cells)

    def read_row(self, number, cells) -> tuple[Item, bool]:
        before = len(self.errors)
        text = {key: values.text(value) for key, value in cells.items()}
        for key in ("sku", "name", "product_type", "price", "stock"):
            if not text.get(key):
                self.error(number, key, _("Ô này không được để trống."))
        sku = text.get("sku", "")
        if sku and (len(sku) > MAX_SKU_LENGTH or any(ch.isspace() for ch in sku)):
            self.error(number, "sku", _("Mã SKU «%(sku)s» không hợp lệ: không có dấu cách, tối đa %(max)s ký tự.")
                       % {"sku": sku, "max": MAX_SKU_LENGTH})
        parent_sku, label = text.get("parent_sku", ""), text.get("variant", "")
        if parent_sku and (len(parent_sku) > MAX_SKU_LENGTH or any(ch.isspace() for ch in parent_sku)):
            self.error(number, "parent_sku", _("Mã SKU «%(sku)s» không hợp lệ: không có dấu cách, tối đa %(max)s "
                                               "ký tự.") % {"sku": parent_sku, "max": MAX_SKU_LENGTH})
        if parent_sku and parent_sku == sku:
            self.error(number, "parent_sku", _("SKU sản phẩm chính phải khác Mã SKU của quy cách."))
        if parent_sku and not label:
            self.error(number, "variant", _("Hãy ghi quy cách (ví dụ «Gói 100 g») cho quy cách thuộc sản phẩm "
                                            "chính «%(parent)s».") % {"parent": parent_sku})
        if label and not parent_sku:
            self.error(number, "parent_sku", _("Quy cách «%(label)s» cần SKU sản phẩm chính để gộp các quy cách "
                                               "vào một sản phẩm.") % {"label": label})
        name = text.get("name", "")
        title = f"{name} – {label}" if parent_sku and label else name
        if len(title) > MAX_TITLE_LENGTH:
            self.error(number, "name", _("Tên quá dài (tối đa %(max)s ký tự kể cả quy cách).")
                       % {"max": MAX_TITLE_LENGTH})

        item = Item(sku=sku, row=number, title=title, name=name, parent_sku=parent_sku, label=label)
        for key, read in (("price", values.price), ("stock", values.stock)):
            if text.get(key):
                try:
                    setattr(item, key, read(cells[key]))
                except CellError as error:
                    self.error(number, key, error.message)
        if text.get("product_type"):
            try:
                item.product_class = self.types.find(text["product_type"])
            except CellError as error:
                self.error(number, "product_type", error.message)
        if text.get("weight"):
            try:
                item.grams = values.grams(cells["weight"])
            except CellError as error:
                self.error(number, "weight", error.message)
        elif item.product_class is not None and item.product_class.requires_shipping:
            self.error(number, "weight", _("Hàng cần giao phải có khối lượng (gam) để tính phí vận chuyển."))
        for key, lookup, attribute in (
            ("origin", self.communes, "origin"), ("category", self.categories, "category"), ("gi", self.gis, "gi"),
        ):
            if text.get(key):
                try:
                    setattr(item, attribute, lookup.find(text[key]))
                except CellError as error:
                    self.error(number, key, error.message)
        if text.get("description"):
            item.description = clean_html(linebreaks(text["description"], autoescape=True))
        return item, len(self.errors) == before

    # Variants -----------------------------------------------------------------------------------

    def group_variants(self, rows, row_skus) -> dict[str, Listing]:
        """A parent for each parent SKU, from its first row; its other rows must agree with it."""
        parents: dict[str, Listing] = {}
        labels: dict[tuple[str, str], int] = {}
        shared = (("name", "name"), ("product_type", "product_class"), ("origin", "origin"),
                  ("category", "category"), ("gi", "gi"), ("description", "description"))
        for item in rows:
            if not item.parent_sku:
                continue
            parent = parents.get(item.parent_sku)
            if parent is None:
                if item.parent_sku in row_skus:
                    self.error(item.row, "parent_sku", _(
                        "«%(sku)s» cũng là Mã SKU ở dòng %(row)s; sản phẩm chính cần một mã riêng."
                    ) % {"sku": item.parent_sku, "row": row_skus[item.parent_sku]})
                parent = Listing(
                    sku=item.parent_sku, row=item.row, title=item.name, name=item.name,
                    product_class=item.product_class, origin=item.origin, category=item.category, gi=item.gi,
                    description=item.description,
                )
                parents[item.parent_sku] = parent
            else:
                for key, attribute in shared:
                    mine, theirs = getattr(item, attribute), getattr(parent, attribute)
                    required = key in ("name", "product_type")
                    if (required or mine is not None) and theirs is not None and mine != theirs:
                        self.error(item.row, key, _(
                            "Khác với dòng %(row)s cùng SKU sản phẩm chính «%(parent)s»: các quy cách của "
                            "một sản phẩm phải ghi giống nhau ở cột này."
                        ) % {"row": parent.row, "parent": item.parent_sku})
                    elif theirs is None and mine is not None:
                        setattr(parent, attribute, mine)
            key = (item.parent_sku, values.text(item.label).casefold())
            if key in labels:
                self.error(item.row, "variant", _(
                    "Quy cách «%(label)s» đã có ở dòng %(row)s trong cùng sản phẩm chính «%(parent)s»."
                ) % {"label": item.label, "row": labels[key], "parent": item.parent_sku})
            else:
                labels[key] = item.row
        for item in rows:
            if item.parent_sku:
                # A pack size takes its parent's provenance; categories and the story stay on the parent.
                parent = parents[item.parent_sku]
                item.origin, item.gi, item.category, item.description = parent.origin, parent.gi, None, None
        return parents

    # Existing products --------------------------------------------------------------------------

    def match_existing(self, rows, parents):
        """Find what each SKU already is: this seller's product (to update), another seller's (refused),
        or nothing (to create)."""
        skus = {item.sku for item in rows} | set(parents)
        mine, others, by_upc = {}, set(), {}
        for chunk in _chunks(skus):
            for record in StockRecord.objects.filter(partner_sku__in=chunk).select_related("product__parent"):
                if record.partner_id == self.seller.pk:
                    mine[record.partner_sku] = record
                else:
                    others.add(record.partner_sku)
            for product in Product.objects.filter(upc__in=chunk).select_related("parent"):
                by_upc[product.upc] = product
        self.existing_weights, self.existing_categories = {}, {}

        def owner_error(row, key, sku):
            self.error(row, key, _("Mã SKU «%(sku)s» đang thuộc về một người bán khác; hãy đặt mã khác.")
                       % {"sku": sku})

        for item in rows:
            product = by_upc.get(item.sku)
            if item.sku in others or (product is not None and product.seller_id != self.seller.pk
                                      and item.sku not in mine):
                owner_error(item.row, "sku", item.sku)
                continue
            record = mine.get(item.sku)
            if record is not None:
                product = record.product
                item.stockrecord = record
            if product is None:
                continue
            if product.is_parent:
                self.error(item.row, "sku", _(
                    "«%(sku)s» là mã của một sản phẩm chính (có nhiều quy cách), không bán riêng được; hãy ghi "
                    "mã này ở cột «SKU sản phẩm chính»."
                ) % {"sku": item.sku})
                continue
            current_parent = product.parent.upc if product.is_child and product.parent else ""
            if item.parent_sku and product.is_standalone:
                self.error(item.row, "parent_sku", _(
                    "«%(sku)s» đang là sản phẩm bán riêng, không chuyển thành quy cách được. Hãy dùng một Mã SKU mới "
                    "cho quy cách."
                ) % {"sku": item.sku})
                continue
            if product.is_child and item.parent_sku != current_parent:
                self.error(item.row, "parent_sku", _(
                    "«%(sku)s» đang là quy cách của sản phẩm chính «%(parent)s»; hãy ghi «%(parent)s» ở cột này."
                ) % {"sku": item.sku, "parent": current_parent or product.parent.get_title()})
                continue
            item.existing = product
            if record is not None and record.num_allocated and item.stock < record.num_allocated:
                self.error(item.row, "stock", _(
                    "Đang có %(held)s sản phẩm được giữ cho đơn hàng chưa giao; tồn kho phải ít nhất %(held)s."
                ) % {"held": record.num_allocated})

        for sku, parent in parents.items():
            product = by_upc.get(sku)
            if sku in others or (product is not None and product.seller_id != self.seller.pk):
                owner_error(parent.row, "parent_sku", sku)
            elif sku in mine or (product is not None and not product.is_parent):
                self.error(parent.row, "parent_sku", _(
                    "«%(sku)s» là Mã SKU của một sản phẩm bán riêng; sản phẩm chính cần một mã riêng."
                ) % {"sku": sku})
            else:
                parent.existing = product

        existing = [listing.existing.pk for listing in [*rows, *parents.values()] if listing.existing]
        for chunk in _chunks(existing):
            for product_id, grams in ProductAttributeValue.objects.filter(
                product_id__in=chunk, attribute__code=WEIGHT_ATTRIBUTE
            ).values_list("product_id", "value_integer"):
                self.existing_weights[product_id] = grams
            for product_id, category_id in ProductCategory.objects.filter(product_id__in=chunk).values_list(
                "product_id", "category_id"
            ):
                self.existing_categories.setdefault(product_id, set()).add(category_id)

    # Geographic indications ---------------------------------------------------------------------

    def check_claims(self, rows, parents):
        """A GI only where the seller holds a verified right and the origin is in the protected area."""
        memo = {}
        for listing in [*parents.values(), *(item for item in rows if not item.parent_sku)]:
            if listing.gi is None:
                continue
            origin = listing.origin or (listing.existing.origin_commune if listing.existing else self.seller.commune)
            if listing.category is not None:
                category_ids = (listing.category.pk,)
            elif listing.existing is not None:
                category_ids = tuple(sorted(self.existing_categories.get(listing.existing.pk, ())))
            else:
                category_ids = ()
            key = (listing.gi.pk, origin.pk if origin else None, category_ids)
            if key not in memo:
                memo[key] = gi_claim_errors(
                    seller=self.seller, geographic_indication=listing.gi, origin_commune=origin,
                    categories=[_Ref(pk) for pk in category_ids],
                )
            for message in memo[key]:
                self.error(listing.row, "gi", message)

    # Counts -------------------------------------------------------------------------------------

    def count_changes(self, plan):
        for listing in [*plan.parents.values(), *plan.items]:
            if listing.existing is None:
                plan.to_create += 1
            elif changes(listing, self.existing_weights, self.existing_categories):
                plan.to_update += 1
            else:
                plan.unchanged += 1


@dataclass(frozen=True)
class _Ref:
    pk: int


def changes(listing, weights, categories) -> list[str]:
    """The fields of an existing product (and its stock) that the import would change."""
    product = listing.existing
    changed = []
    if product.title != listing.title:
        changed.append("title")
    wanted_class = listing.product_class
    if not product.is_child and wanted_class is not None and product.product_class_id != wanted_class.pk:
        changed.append("product_class")
    for attribute, field_name in (("origin", "origin_commune_id"), ("gi", "geographic_indication_id")):
        wanted = getattr(listing, attribute)
        if wanted is not None and getattr(product, field_name) != wanted.pk:
            changed.append(field_name)
    if listing.description is not None and product.description != listing.description:
        changed.append("description")
    if (not product.is_child and listing.category is not None
            and listing.category.pk not in categories.get(product.pk, set())):
        changed.append("categories")
    if isinstance(listing, Item):
        if listing.grams is not None and weights.get(product.pk) != listing.grams:
            changed.append("weight")
        record = listing.stockrecord
        if record is None:
            changed.append("stockrecord")
        elif record.price != Decimal(listing.price) or record.num_in_stock != listing.stock:
            changed.append("stock")
    return changed


def check(sheet, seller):
    """(plan, errors) for this sheet and seller; the plan is empty when there are errors."""
    return Checker(sheet, seller).run()
