"""The one-site URL layout: Wagtail at `/`, Oscar's shop, the three admin roots, health."""

import pytest
from django.db.utils import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_root_is_the_wagtail_home_page_in_vietnamese(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["page"].specific == home_page
    assert response["Content-Language"] == "vi"
    assert '<html lang="vi"' in response.content.decode()


@pytest.mark.parametrize("path", ["/catalogue/", "/basket/", "/accounts/login/", "/search/?q=che"])
def test_oscar_storefront_pages_answer(client, home_page, path):
    assert client.get(path).status_code == 200


def test_checkout_with_an_empty_basket_returns_to_the_basket(client):
    response = client.get("/checkout/")
    assert response.status_code == 302
    assert response["Location"] == "/basket/"


@pytest.mark.parametrize(
    ("path", "login_path"),
    [("/dashboard/", "/dashboard/login/"), ("/cms-admin/", "/cms-admin/login/"),
     ("/django-admin/", "/django-admin/login/")],
)
def test_admin_roots_ask_anonymous_visitors_to_sign_in(client, path, login_path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(login_path)


def test_staff_reach_all_three_admin_roots(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@example.vn", password="x-Pass-2026")
    client.force_login(admin)
    for path in ("/dashboard/", "/cms-admin/", "/django-admin/"):
        assert client.get(path).status_code == 200, path


def test_language_switch_turns_the_site_to_english(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/catalogue/"})
    assert response.status_code == 302
    assert response["Location"] == "/catalogue/"
    page = client.get("/catalogue/")
    assert page["Content-Language"] == "en"
    assert '<html lang="en"' in page.content.decode()


def test_the_browsers_language_does_not_override_vietnamese(client, home_page):
    response = client.get("/catalogue/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
