"""English is available for the whole UI: the committed catalogue translates every string the code marks,
its compiled .mo says what the .po says, and an English visitor reads English on the shop's pages."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Locale

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO, MO = LC_MESSAGES / "django.po", LC_MESSAGES / "django.mo"

# %(name)s, %s, %d, %%: what Python's % operator and Django's blocktranslate fill in.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]")


def read_po(path):
    """The entries of a .po file (blank lines between entries, as gettext writes it), without the header:
    dicts with "line", "flags", "msgid", maybe "msgctxt" and "msgid_plural", and "msgstr" (a list)."""
    entries, number = [], 1
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, key = {"line": number, "flags": set(), "msgstr": []}, None
        for line in block.strip("\n").splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif match := re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line):
                key, text = match.groups()
                if key.startswith("msgstr"):
                    entry["msgstr"].append("")
                else:
                    entry[key] = ""
                line = text
            if line.startswith('"'):
                assert key, f"{path}:{number}: text before a keyword"
                if key.startswith("msgstr"):
                    entry["msgstr"][-1] += ast.literal_eval(line)
                else:
                    entry[key] += ast.literal_eval(line)
        number += block.count("\n") + 2
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def describe(entry):
    return f"line {entry['line']}: {entry['msgid'][:70]!r}"


@pytest.fixture(scope="module")
def catalogue():
    return read_po(PO)


def test_the_reader_understands_the_catalogue(catalogue):
    assert len(catalogue) > 1000
    plural = [entry for entry in catalogue if "msgid_plural" in entry]
    assert plural and all(len(entry["msgstr"]) == 2 for entry in plural)
    assert any("\n" in entry["msgid"] for entry in catalogue)


def test_every_string_has_an_english_translation(catalogue):
    empty = [describe(entry) for entry in catalogue if not all(entry["msgstr"]) or not entry["msgstr"]]
    assert not empty, f"{len(empty)} strings without English in {PO}:\n" + "\n".join(empty)


def test_no_translation_is_a_fuzzy_guess(catalogue):
    fuzzy = [describe(entry) for entry in catalogue if "fuzzy" in entry["flags"]]
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries in {PO}: check, fix, remove the flag:\n" + "\n".join(fuzzy)


def test_translations_keep_the_placeholders(catalogue):
    wrong = []
    for entry in catalogue:
        sources = [entry["msgid"], entry.get("msgid_plural", entry["msgid"])]
        for slot, text in enumerate(entry["msgstr"]):
            expected = placeholders(sources[min(slot, 1)])
            if text and placeholders(text) != expected:
                wrong.append(f"{describe(entry)} msgstr[{slot}] has {placeholders(text)}, msgid has {expected}")
    assert not wrong, "Placeholders differ between msgid and msgstr:\n" + "\n".join(wrong)


def test_the_compiled_catalogue_holds_every_translation(catalogue):
    with MO.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    stale = []
    for entry in catalogue:
        prefix = f"{entry['msgctxt']}\x04" if "msgctxt" in entry else ""
        if "msgid_plural" in entry:
            got = [compiled.ngettext(prefix + entry["msgid"], prefix + entry["msgid_plural"], n) for n in (1, 2)]
        else:
            got = [compiled.gettext(prefix + entry["msgid"])]
        if got != entry["msgstr"]:
            stale.append(describe(entry))
    assert not stale, (
        f"{len(stale)} translations in django.po are not in django.mo: run "
        "`manage.py compilemessages -l en` and commit django.mo:\n" + "\n".join(stale)
    )


@pytest.fixture
def english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/catalogue/"})
    assert response.status_code == 302
    return client


@pytest.fixture
def english_home(home_page):
    """The home page's English translation, as staff make it with simple_translation; without one, "/" is
    the Vietnamese page whatever the visitor chose (tests/test_cms_i18n.py)."""
    translation = home_page.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title = "OCOP marketplace"
    translation.save_revision().publish()
    return translation


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "english_text", "vietnamese_text"),
    [
        ("/catalogue/", "Search products", "Tìm sản phẩm"),
        ("/catalogue/", "Product categories", "Danh mục sản phẩm"),
        ("/catalogue/", "Apply to sell", "Đăng ký bán hàng"),
        ("/basket/", "Cart", "Giỏ hàng"),
        ("/basket/", "Skip to main content", "Bỏ qua, đến nội dung chính"),
        ("/sellers/apply/", "Apply to sell on the marketplace", "Đăng ký bán hàng trên sàn"),
        ("/sellers/apply/", "Send application", "Gửi hồ sơ"),
        ("/sellers/apply/", "Business name", "Tên cơ sở"),
    ],
)
def test_an_english_visitor_reads_english(english, home_page, url, english_text, vietnamese_text):
    response = english.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert english_text in html
    assert vietnamese_text not in html


@pytest.mark.django_db
def test_the_switch_on_the_home_page_leads_to_the_english_home_page(client, english_home):
    html = client.get("/").content.decode()
    action = re.search(r'value="en" lang="en"\s+formaction="([^"]*)"', html).group(1)
    response = client.post(action.replace("&amp;", "&"), {"language": "en"})

    assert response["Location"] == "/en/"
    html = client.get("/en/").content.decode()
    assert '<html lang="en"' in html
    for english_text, vietnamese_text in [
        ("Skip to main content", "Bỏ qua, đến nội dung chính"),
        ("Apply to sell", "Đăng ký bán hàng"),
        ("Search products", "Tìm sản phẩm"),
    ]:
        assert english_text in html
        assert vietnamese_text not in html


@pytest.mark.django_db
def test_a_vietnamese_visitor_still_reads_vietnamese(client, home_page):
    html = client.get("/sellers/apply/").content.decode()

    assert '<html lang="vi"' in html
    assert "Đăng ký bán hàng trên sàn" in html
    assert "Apply to sell on the marketplace" not in html
