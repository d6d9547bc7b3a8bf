"""Oscar's own Vietnamese catalogue gets some messages wrong; locale/vi corrects them, and a buyer reads
the corrections, not Oscar's."""

import gettext
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from oscar.apps.partner.availability import StockRequired

from tests.test_english_catalogue import read_po

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"


def rendered(template, **context):
    with translation.override("vi"):
        return " ".join(render_to_string(template, context).split())


def test_an_offer_gained_reads_as_gained_not_lost():
    gained = rendered("oscar/basket/messages/offer_gained.html", offer=SimpleNamespace(name="Quà Tết"))
    lost = rendered("oscar/basket/messages/offer_lost.html", offer=SimpleNamespace(name="Quà Tết"))
    assert gained == "Giỏ hàng của bạn giờ đã được hưởng ưu đãi <strong>Quà Tết</strong>."
    assert lost == "Giỏ hàng của bạn không còn được hưởng ưu đãi <strong>Quà Tết</strong>."


def test_the_new_basket_total_is_in_vietnamese():
    basket = SimpleNamespace(is_empty=False, is_tax_known=True, total_incl_tax=350000, currency="VND")
    assert "Tổng giỏ hàng của bạn giờ là <strong>350.000" in rendered(
        "oscar/basket/messages/new_total.html", basket=basket)


def test_stock_reads_as_a_shop_says_it():
    with translation.override("vi"):
        assert (StockRequired(7).short_message, StockRequired(7).message) == ("Còn hàng", "Còn hàng (còn 7)")
        assert StockRequired(0).message == "Hết hàng"


def test_the_compiled_corrections_say_what_the_catalogue_says():
    with (LC_MESSAGES / "django.mo").open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    entries = read_po(LC_MESSAGES / "django.po")
    assert entries
    for entry in entries:
        assert compiled.gettext(entry["msgid"]) == entry["msgstr"][0], entry["msgid"]
