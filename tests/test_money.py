from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from marketplace.money import format_vnd, is_whole_dong, to_dong


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(150000, 150000), (Decimal("150000.00"), 150000), ("99999.5", 100000), (Decimal("0.49"), 0),
     (Decimal("-2.5"), -3)],
)
def test_to_dong_rounds_half_away_from_zero(amount, expected):
    assert to_dong(amount) == expected


@pytest.mark.parametrize("amount", [1.5, "abc", "NaN", None])
def test_to_dong_refuses_floats_and_non_numbers(amount):
    with pytest.raises((TypeError, ValueError)):
        to_dong(amount)


def test_is_whole_dong():
    assert is_whole_dong(Decimal("150000.00"))
    assert not is_whole_dong(Decimal("150000.50"))


def test_format_vnd_in_vietnamese_and_english():
    assert format_vnd(150000) == "150.000\u00a0₫"
    assert format_vnd(Decimal("1234567.00"), locale="en") == "1,234,567\u00a0₫"


@pytest.mark.parametrize(("language", "expected"), [("vi", "150.000\u00a0₫"), ("en", "150,000\u00a0₫")])
def test_oscar_currency_filter_shows_whole_dong_with_symbol_after(language, expected):
    template = Template("{% load currency_filters %}{{ price|currency }}")
    with translation.override(language):
        assert template.render(Context({"price": Decimal("150000.00")})) == expected
