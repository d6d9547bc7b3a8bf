"""Cell values as sellers type them, read strictly: whole đồng, whole units, plain text.

Each reader returns the value or raises CellError with a Vietnamese message about that cell.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# A price column is a DecimalField(max_digits=12, decimal_places=2): at most ten digits of đồng.
MAX_PRICE = 9_999_999_999
MAX_STOCK = 1_000_000
MAX_GRAMS = 1_000_000

_CURRENCY = re.compile(r"(₫|vnđ|vnd|đồng|đ|dong)$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_GROUPED = {sep: re.compile(rf"\d{{1,3}}(\{sep}\d{{3}})+") for sep in ".,"}


# Lazy: translated only when a message needs them, not for each of thousands of good cells.
_PRICE, _STOCK, _WEIGHT = gettext_lazy("Giá"), gettext_lazy("Tồn kho"), gettext_lazy("Khối lượng")


class CellError(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


class _Fraction(Exception):
    pass


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("có") if value else _("không")
    return str(value).strip()


def _whole_number(value, what: str) -> int:
    """An integer from a typed number: `150000`, `150.000`, `150,000 ₫`, `150.000,00`."""
    if isinstance(value, bool):
        raise CellError(_("«%(value)s» không phải là số.") % {"value": text(value)})
    if isinstance(value, int):
        number = value
    elif isinstance(value, Decimal | float):
        if value != int(value):
            raise _Fraction
        number = int(value)
    else:
        number = _parse_typed(text(value), what)
    if number < 0:
        raise CellError(_("%(what)s không được âm.") % {"what": what})
    return number


def _parse_typed(raw: str, what: str) -> int:
    cleaned = _SPACES.sub("", raw)
    cleaned = _CURRENCY.sub("", cleaned)
    negative = cleaned.startswith(("-", "−")) or (cleaned.startswith("(") and cleaned.endswith(")"))
    digits = cleaned.strip("-−()")
    if not digits or not re.fullmatch(r"[\d.,]+", digits) or not digits[0].isdigit():
        raise CellError(_("«%(value)s» không phải là số.") % {"value": raw})
    if negative:
        raise CellError(_("%(what)s không được âm.") % {"what": what})
    separators = {ch for ch in digits if ch in ".,"}
    if not separators:
        return int(digits)
    last = max(digits.rfind("."), digits.rfind(","))
    if len(separators) == 1:
        sep = digits[last]
        if _GROUPED[sep].fullmatch(digits):
            return int(digits.replace(sep, ""))
        if digits.count(sep) > 1:
            raise CellError(_("«%(value)s» không phải là số.") % {"value": raw})
        whole, fraction = digits[:last], digits[last + 1:]
    else:
        # Both kinds: the last one is the decimal mark, the other groups thousands.
        whole, fraction = digits[:last], digits[last + 1:]
        group = "." if digits[last] == "," else ","
        if group in fraction or not (_GROUPED[group].fullmatch(whole) or whole.isdigit()):
            raise CellError(_("«%(value)s» không phải là số.") % {"value": raw})
        whole = whole.replace(group, "")
    if not whole or not whole.isdigit() or not fraction.isdigit():
        raise CellError(_("«%(value)s» không phải là số.") % {"value": raw})
    if fraction.strip("0"):
        raise _Fraction
    return int(whole)


def price(value) -> int:
    """Whole đồng, more than zero."""
    try:
        amount = _whole_number(value, _PRICE)
    except _Fraction:
        raise CellError(
            _("«%(value)s» có phần lẻ; giá phải là số đồng chẵn (ví dụ 150000 hoặc 150.000).")
            % {"value": text(value)}
        ) from None
    if amount == 0:
        raise CellError(_("Giá phải lớn hơn 0 đồng."))
    if amount > MAX_PRICE:
        raise CellError(_("Giá «%(value)s» quá lớn.") % {"value": text(value)})
    return amount


def stock(value) -> int:
    try:
        count = _whole_number(value, _STOCK)
    except _Fraction:
        raise CellError(_("«%(value)s» có phần lẻ; tồn kho phải là số nguyên.") % {"value": text(value)}) from None
    if count > MAX_STOCK:
        raise CellError(_("Tồn kho «%(value)s» quá lớn.") % {"value": text(value)})
    return count


def grams(value) -> int:
    try:
        weight = _whole_number(value, _WEIGHT)
    except _Fraction:
        raise CellError(
            _("«%(value)s» có phần lẻ; khối lượng ghi bằng số gam nguyên (ví dụ 120).") % {"value": text(value)}
        ) from None
    if weight == 0:
        raise CellError(_("Khối lượng phải lớn hơn 0 gam."))
    if weight > MAX_GRAMS:
        raise CellError(_("Khối lượng «%(value)s» gam quá lớn (tối đa 1.000.000 g).") % {"value": text(value)})
    return weight
