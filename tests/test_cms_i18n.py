"""Bilingual content with Wagtail's own tools: Vietnamese pages, English translations, a language
switch that leads to the translation."""

import re

import pytest
from django.conf import settings
from wagtail.models import Locale

from cms.models import GIIntroduction, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def news(home_page):
    index = home_page.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    return index.add_child(instance=NewsPage(title="Hội chợ OCOP", slug="hoi-cho", intro="Hơn 200 gian hàng."))


def translate(page, locale, **fields):
    """What simple_translation does, then the editor's translation and publish."""
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def switch_to(client, language, html):
    """Press the language switch's button for `language` as the page drew it."""
    action = re.search(rf'value="{language}" lang="{language}"\s+formaction="([^"]*)"', html).group(1)
    return client.post(action.replace("&amp;", "&"), {"language": language})


def test_vietnamese_is_the_default_content_language_and_english_is_offered():
    assert settings.WAGTAIL_I18N_ENABLED is True
    assert settings.WAGTAIL_CONTENT_LANGUAGES == [("vi", "Tiếng Việt"), ("en", "English")]
    assert "wagtail.contrib.simple_translation" in settings.INSTALLED_APPS
    assert "wagtail.locales" in settings.INSTALLED_APPS
    assert Locale.get_default().language_code == "vi"
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"vi", "en"}


def test_staff_translate_the_site_with_simple_translation(client, admin_user, home_page, news, english):
    client.force_login(admin_user)

    response = client.post(
        f"/cms-admin/translation/submit/page/{home_page.pk}/", {"locales": [english.pk], "include_subtree": "on"}
    )

    assert response.status_code == 302
    translation = news.get_translation(english)
    assert translation.title == "Hội chợ OCOP"
    assert translation.get_parent().get_parent().specific == home_page.get_translation(english)


def test_staff_translate_a_gi_introduction(client, admin_user, tan_cuong_gi, english):
    introduction = GIIntroduction.objects.create(
        geographic_indication=tan_cuong_gi, locale=Locale.get_default(), body="<p>Vùng chè.</p>"
    )
    client.force_login(admin_user)

    response = client.post(
        f"/cms-admin/translation/submit/snippet/cms/giintroduction/{introduction.pk}/", {"locales": [english.pk]}
    )

    assert response.status_code == 302
    assert GIIntroduction.objects.get(locale=english).geographic_indication == tan_cuong_gi


def test_the_language_switch_leads_to_the_translated_page(client, news, english):
    translate(news, english, title="OCOP fair", slug="ocop-fair", intro="More than 200 stalls.")

    html = client.get("/tin-tuc/hoi-cho/").content.decode()
    response = switch_to(client, "en", html)

    assert response.status_code == 302
    assert response["Location"] == "/tin-tuc/ocop-fair/"
    english_html = client.get(response["Location"]).content.decode()
    assert "<h1>OCOP fair</h1>" in english_html
    assert '<html lang="en"' in english_html


def test_switching_back_leads_to_the_vietnamese_page(client, news, english):
    translate(news, english, title="OCOP fair", slug="ocop-fair")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    html = client.get("/tin-tuc/ocop-fair/").content.decode()
    response = switch_to(client, "vi", html)

    assert response["Location"] == "/tin-tuc/hoi-cho/"
    assert "<h1>Hội chợ OCOP</h1>" in client.get(response["Location"]).content.decode()


def test_without_a_translation_the_switch_stays_on_the_same_page(client, news):
    html = client.get("/tin-tuc/hoi-cho/").content.decode()

    response = switch_to(client, "en", html)

    assert response["Location"] == "/tin-tuc/hoi-cho/"
    english_html = client.get("/tin-tuc/hoi-cho/").content.decode()
    assert "<h1>Hội chợ OCOP</h1>" in english_html
    assert '<html lang="en"' in english_html


def test_pages_not_yet_translated_stay_reachable_in_english(client, home_page, news, english):
    translate(home_page, english, title="OCOP marketplace")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert client.get("/").context["page"].title == "OCOP marketplace"
    assert client.get("/tin-tuc/hoi-cho/").status_code == 200
    assert client.get("/khong-co/").status_code == 404


def test_a_draft_translation_is_not_shown(client, news, english):
    draft = news.copy_for_translation(english, copy_parents=True)
    draft.title, draft.slug = "OCOP fair", "ocop-fair"
    draft.save_revision()
    html = client.get("/tin-tuc/hoi-cho/").content.decode()

    response = switch_to(client, "en", html)

    assert response["Location"] == "/tin-tuc/hoi-cho/"


def test_shop_pages_keep_their_address_when_switching(client, home_page):
    html = client.get("/catalogue/?sort=price").content.decode()

    response = switch_to(client, "en", html)

    assert response["Location"] == "/catalogue/?sort=price"
