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


def test_english_pages_have_their_own_addresses_and_vietnamese_ones_stay_at_the_root(client, home_page, news, english):
    translate(home_page, english, title="OCOP marketplace")
    translation = translate(news, english, title="OCOP fair", slug="ocop-fair", intro="More than 200 stalls.")

    translation.refresh_from_db()  # its address, from the slug as published
    assert (news.get_url(), translation.get_url()) == ("/tin-tuc/hoi-cho/", "/en/tin-tuc/ocop-fair/")
    english_html = client.get("/en/tin-tuc/ocop-fair/").content.decode()
    assert "<h1>OCOP fair</h1>" in english_html
    assert '<html lang="en"' in english_html
    assert client.get("/en/").context["page"].title == "OCOP marketplace"
    # Whatever language the visitor chose, an address without /en/ is the Vietnamese page.
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    vietnamese = client.get("/tin-tuc/hoi-cho/")
    assert vietnamese.context["page"].title == "Hội chợ OCOP"
    assert '<html lang="vi"' in vietnamese.content.decode()
    assert client.get("/").context["page"].title == "Sàn OCOP Thái Nguyên"
    # A page not translated yet has only its Vietnamese address.
    assert client.get("/en/tin-tuc/hoi-cho/").status_code == 404
    assert client.get("/en/khong-co/").status_code == 404


def test_each_version_of_a_page_names_the_others_for_search_engines(client, home_page, news, english):
    translate(news, english, title="OCOP fair", slug="ocop-fair")
    links = [
        '<link rel="alternate" hreflang="vi" href="http://testserver/tin-tuc/hoi-cho/" />',
        '<link rel="alternate" hreflang="en" href="http://testserver/en/tin-tuc/ocop-fair/" />',
        '<link rel="alternate" hreflang="x-default" href="http://testserver/tin-tuc/hoi-cho/" />',
    ]

    for url in ("/tin-tuc/hoi-cho/", "/en/tin-tuc/ocop-fair/"):
        html = client.get(url).content.decode()
        assert "\n".join(links) in html, url
        assert f'<link rel="canonical" href="http://testserver{url}" />' in html, url
    # A page in one language only names no other version.
    news.get_parent().add_child(instance=NewsPage(title="Tập huấn", slug="tap-huan"))
    assert "hreflang=" not in client.get("/tin-tuc/tap-huan/").content.decode()


def test_with_no_english_site_yet_english_addresses_name_the_vietnamese_page_as_canonical(client, news):
    # Wagtail answers /en/… with the Vietnamese page while the site has no English home page.
    response = client.get("/en/tin-tuc/hoi-cho/")

    assert response.context["page"] == news
    assert '<link rel="canonical" href="http://testserver/tin-tuc/hoi-cho/" />' in response.content.decode()


def test_the_language_switch_leads_to_the_translated_page(client, news, english):
    translate(news, english, title="OCOP fair", slug="ocop-fair", intro="More than 200 stalls.")

    html = client.get("/tin-tuc/hoi-cho/").content.decode()
    response = switch_to(client, "en", html)

    assert response.status_code == 302
    assert response["Location"] == "/en/tin-tuc/ocop-fair/"
    english_html = client.get(response["Location"]).content.decode()
    assert "<h1>OCOP fair</h1>" in english_html
    assert '<html lang="en"' in english_html


def test_switching_back_leads_to_the_vietnamese_page(client, news, english):
    translate(news, english, title="OCOP fair", slug="ocop-fair")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    html = client.get("/en/tin-tuc/ocop-fair/").content.decode()
    response = switch_to(client, "vi", html)

    assert response["Location"] == "/tin-tuc/hoi-cho/"
    assert "<h1>Hội chợ OCOP</h1>" in client.get(response["Location"]).content.decode()


def test_without_a_translation_the_switch_leads_to_the_english_home_page(client, home_page, news, english):
    translate(home_page, english, title="OCOP marketplace")
    html = client.get("/tin-tuc/hoi-cho/").content.decode()

    response = switch_to(client, "en", html)

    assert response["Location"] == "/en/"
    assert client.get("/en/").context["page"].title == "OCOP marketplace"


def test_with_nothing_in_english_the_switch_stays_on_the_same_page(client, news):
    html = client.get("/tin-tuc/hoi-cho/").content.decode()

    response = switch_to(client, "en", html)

    assert response["Location"] == "/tin-tuc/hoi-cho/"
    assert "<h1>Hội chợ OCOP</h1>" in client.get("/tin-tuc/hoi-cho/").content.decode()
    # The shop, though, now speaks English.
    assert '<html lang="en"' in client.get("/catalogue/").content.decode()


def test_a_draft_translation_is_not_shown(client, news, english):
    draft = news.copy_for_translation(english, copy_parents=True)
    draft.title, draft.slug = "OCOP fair", "ocop-fair"
    draft.save_revision()
    html = client.get("/tin-tuc/hoi-cho/").content.decode()

    response = switch_to(client, "en", html)

    # Its parents' translations, copied with it, are live: the switch leads to the nearest of them.
    assert response["Location"] == "/en/tin-tuc/"
    assert client.get("/en/tin-tuc/ocop-fair/").status_code == 404


def test_without_next_the_switch_goes_back_to_the_page_it_was_on(client, news, english):
    translate(news, english, title="OCOP fair", slug="ocop-fair")

    response = client.post("/i18n/setlang/", {"language": "en"},
                           HTTP_REFERER="http://testserver/en/tin-tuc/ocop-fair/")

    # Not Django's translation of the address, which would give /en/en/….
    assert response["Location"] == "http://testserver/en/tin-tuc/ocop-fair/"


def test_the_switch_refuses_to_lead_off_the_site(client, news):
    response = client.post("/i18n/setlang/?next=https://example.com/", {"language": "en"})

    assert response.status_code == 302
    assert not response["Location"].startswith("https://example.com")


def test_shop_pages_keep_their_address_when_switching(client, home_page):
    html = client.get("/catalogue/?sort=price").content.decode()

    response = switch_to(client, "en", html)

    assert response["Location"] == "/catalogue/?sort=price"
