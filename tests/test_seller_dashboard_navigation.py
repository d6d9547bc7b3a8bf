"""The dashboard's menu: staff see Oscar's sections, a seller only its own shop's pages."""

import pytest
from oscar.apps.dashboard.menu import get_nodes

from tests import dashboard_sellers

pytestmark = pytest.mark.django_db

seller_account, seller_a = dashboard_sellers.seller_account, dashboard_sellers.seller_a


def menu(user):
    return {
        str(node.label): [child.url_name for child in node.children] if node.has_children() else node.url_name
        for node in get_nodes(user)
    }


def all_url_names(entries):
    return {name for value in entries.values() for name in (value if isinstance(value, list) else [value])}


def test_a_seller_sees_only_its_own_entries(seller_a):
    entries = menu(seller_a[1])

    # Other parts of the project add their seller pages to this menu too (shipping, import, revenue).
    shop = [name for name in entries["Cửa hàng của tôi"] if name.startswith("dashboard:")]
    assert shop == [
        "dashboard:catalogue-product-list", "dashboard:seller-order-list", "dashboard:seller-certificate-list",
    ]
    # Besides its shop, only the front page (and seller pages other parts of the project add).
    oscar_entries = {name for name in all_url_names(entries) if name.startswith("dashboard:")}
    assert oscar_entries == {"dashboard:index", "dashboard:catalogue-product-list", "dashboard:seller-order-list",
                             "dashboard:seller-certificate-list"}


def test_staff_see_oscars_sections_and_not_the_sellers(admin_user):
    entries = menu(admin_user)

    assert "Cửa hàng của tôi" not in entries
    assert {"dashboard:order-list", "dashboard:catalogue-class-list", "dashboard:catalogue-product-list",
            "dashboard:partner-list"} <= all_url_names(entries)
    assert "dashboard:seller-order-list" not in all_url_names(entries)


def test_the_seller_pages_show_the_sellers_menu(client, seller_a):
    client.force_login(seller_a[1])

    page = client.get("/dashboard/").content.decode()

    assert "Cửa hàng của tôi" in page
    assert "/dashboard/don-hang/" in page
    assert "/dashboard/orders/" not in page
    assert "/dashboard/catalogue/product-types/" not in page
