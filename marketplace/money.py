"""The one money helper: VND has no minor unit, so every amount is a whole number of đồng."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import format_currency

CURRENCY = "VND"
# Symbol after the amount in every language, grouping by locale: 150.000 ₫ / 150,000 ₫.
VND_FORMAT = "#,##0\u00a0¤"


def to_dong(amount) -> int:
    """Round any amount (int, Decimal, numeric string) to whole đồng, halves away from zero.

    Floats are refused: they cannot represent money exactly.
    """
    if isinstance(amount, float):
        raise TypeError("Money must not be a float; pass an int, Decimal or string.")
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValueError(f"Not an amount of money: {amount!r}") from exc
    if not value.is_finite():
        raise ValueError(f"Not an amount of money: {amount!r}")
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def is_whole_dong(amount) -> bool:
    value = Decimal(amount)
    return value == value.to_integral_value()


def format_vnd(amount, locale: str = "vi") -> str:
    """`150.000 ₫` in Vietnamese, `150,000 ₫` in English: always whole đồng, symbol after."""
    return format_currency(to_dong(amount), CURRENCY, format=VND_FORMAT, locale=locale)
