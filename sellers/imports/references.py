"""Names in a spreadsheet resolved to rows: product types, communes, categories, GIs.

Each lookup loads its table once per import and answers from memory, so 5,000 rows cost a handful
of queries. Each raises CellError with a Vietnamese message naming what was not found, or the
candidates when a name is ambiguous.
"""

import re

from django.conf import settings
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.ocop import OcopGroup
from geo_indications.models import Commune, GeographicIndication
from geo_indications.places import current_communes, place_key
from marketplace.text import fold
from sellers.imports.values import CellError

ProductClass = get_model("catalogue", "ProductClass")
Category = get_model("catalogue", "Category")

_GROUP_NUMBER = re.compile(r"(?:nhom\s*)?([1-6])")


def _listing(names) -> str:
    return ", ".join(f"«{name}»" for name in names)


class ProductTypes:
    """Product classes by name, OCOP group name or group number (`Đồ uống`, `do uong`, `2`, `Nhóm 2`)."""

    def __init__(self):
        self.classes = list(ProductClass.objects.order_by("ocop_group", "name"))
        self.by_key = {}
        for product_class in self.classes:
            self.by_key.setdefault(fold(product_class.name), product_class)
            if product_class.ocop_group:
                self.by_key.setdefault(fold(str(OcopGroup(product_class.ocop_group).label)), product_class)
                self.by_key.setdefault(str(product_class.ocop_group), product_class)

    def find(self, name: str):
        key = fold(name)
        number = _GROUP_NUMBER.fullmatch(key)
        found = self.by_key.get(number.group(1) if number else key)
        if found is None:
            raise CellError(
                _("Không có loại sản phẩm «%(name)s». Hãy ghi một trong: %(choices)s.")
                % {"name": name, "choices": _listing(c.name for c in self.classes)}
            )
        return found


class Communes:
    """Today's communes by name, with or without diacritics or the unit type (`xa tan cuong`,
    `Tân Cương`), optionally followed by `, province`. A name shared by several communes resolves to
    the one in the seller's own province when there is exactly one there; otherwise it is refused
    with the candidates."""

    def __init__(self, home_province_id=None):
        self.home_province_id = home_province_id or settings.MARKETPLACE_PROVINCE_CODE
        # Thousands of communes: indexed as plain tuples, loaded as models only once matched.
        self.by_name, self.by_key = {}, {}
        for entry in Commune.objects.values_list("pk", "name", "province_id", "province__name"):
            self.by_name.setdefault(fold(entry[1]), []).append(entry)
            self.by_key.setdefault(place_key(entry[1]), []).append(entry)
        self.memo = {}

    def find(self, text: str):
        if text not in self.memo:
            try:
                self.memo[text] = self._find(text)
            except CellError as error:
                self.memo[text] = error
        found = self.memo[text]
        if isinstance(found, CellError):
            raise found
        return found

    def _find(self, text: str):
        name, _comma, province = text.rpartition(",") if "," in text else (text, "", "")
        candidates = self.by_name.get(fold(name)) or self.by_key.get(place_key(name), [])
        if province.strip():
            candidates = [c for c in candidates if place_key(c[3]) == place_key(province)]
        if len(candidates) > 1:
            at_home = [c for c in candidates if c[2] == self.home_province_id]
            if len(at_home) == 1:
                candidates = at_home
        if len(candidates) == 1:
            return Commune.objects.select_related("province").get(pk=candidates[0][0])
        candidates = sorted(candidates, key=lambda c: (fold(c[1]), fold(c[3]), c[0]))
        if candidates:
            raise CellError(
                _("«%(name)s» trùng tên với nhiều xã/phường: %(choices)s. Hãy ghi rõ tên đầy đủ và tỉnh, "
                  "ví dụ «%(example)s».")
                % {"name": text, "choices": "; ".join(f"{c[1]}, {c[3]}" for c in candidates),
                   "example": f"{candidates[0][1]}, {candidates[0][3]}"}
            )
        renamed = list(current_communes(name.strip()))
        if renamed:
            raise CellError(
                _("«%(name)s» là tên trước tháng 7/2025; nay thuộc %(choices)s. Hãy ghi tên xã/phường hiện nay.")
                % {"name": text, "choices": "; ".join(str(c) for c in renamed)}
            )
        raise CellError(_("Không tìm thấy xã/phường «%(name)s» trong danh sách xã/phường hiện nay.") % {"name": text})


def _breadcrumb_key(text: str) -> str:
    return " > ".join(fold(part) for part in re.split(r"[>/]", text) if part.strip())


class Categories:
    """Categories by breadcrumb (`Đồ uống > Chè`) or, when unique, by their own name (`Chè`)."""

    def __init__(self):
        categories = list(Category.objects.order_by("path"))
        names = {category.path: category.name for category in categories}
        step = Category.steplen
        self.by_path, by_leaf = {}, {}
        self.breadcrumbs = {}
        for category in categories:
            trail = [names[category.path[:end]] for end in range(step, len(category.path) + 1, step)]
            breadcrumb = " > ".join(trail)
            self.breadcrumbs[category.pk] = breadcrumb
            self.by_path[_breadcrumb_key(breadcrumb)] = category
            by_leaf.setdefault(fold(category.name), []).append(category)
        self.by_leaf = by_leaf

    def find(self, text: str):
        found = self.by_path.get(_breadcrumb_key(text))
        if found:
            return found
        leaves = self.by_leaf.get(fold(text), []) if ">" not in text and "/" not in text else []
        if len(leaves) == 1:
            return leaves[0]
        if leaves:
            raise CellError(
                _("Có nhiều danh mục tên «%(name)s»: %(choices)s. Hãy ghi đủ, ví dụ «%(example)s».")
                % {"name": text, "choices": _listing(self.breadcrumbs[c.pk] for c in leaves),
                   "example": self.breadcrumbs[leaves[0].pk]}
            )
        raise CellError(_("Không có danh mục «%(name)s».") % {"name": text})


class GeographicIndications:
    """GIs by Vietnamese or English name, slug or certificate number."""

    def __init__(self):
        self.by_key = {}
        for gi in GeographicIndication.objects.order_by("name_vi"):
            keys = [fold(gi.name_vi), fold(gi.name_en), gi.slug, gi.certificate_number]
            for key in filter(None, keys):
                self.by_key.setdefault(key, gi)

    def find(self, text: str):
        key = re.sub(r"^chi dan dia ly\s+", "", fold(text))
        found = self.by_key.get(key) or self.by_key.get(text.strip())
        if found is None:
            raise CellError(_("Không có chỉ dẫn địa lý «%(name)s».") % {"name": text})
        return found
