import pytest
from wagtail.models import Page, Site

from cms.models import HomePage

pytest_plugins = ["tests.fixtures", "tests.seller_fixtures", "tests.browser_fixtures", "tests.checkout_fixtures",
                  "tests.order_fixtures", "tests.staff_fixtures"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def home_page(db):
    """A published HomePage at the root of the default Wagtail site, as the demo loader makes it."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Sàn OCOP Thái Nguyên", slug="trang-chu"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "OCOP"},
    )
    return home
