"""Sellers signed in, with the product types and categories their spreadsheets name (pytest plugin)."""

import pytest
from django.test import Client

from catalog.models import Category, ProductClass


@pytest.fixture
def product_types(db):
    drinks, _ = ProductClass.objects.get_or_create(
        name="Đồ uống", defaults={"ocop_group": 2, "requires_shipping": True, "track_stock": True}
    )
    tourism, _ = ProductClass.objects.get_or_create(
        name="Du lịch cộng đồng và điểm du lịch",
        defaults={"ocop_group": 6, "requires_shipping": False, "track_stock": False},
    )
    return {"drinks": drinks, "tourism": tourism}


@pytest.fixture
def tea_category(db):
    return Category.add_root(name="Đồ uống", slug="do-uong").add_child(name="Chè", slug="che")


@pytest.fixture
def seller_client(client, seller_user, product_types, tea_category):
    """A browser signed in as the seller of `seller_user` (HTX Chè Tân Cương Xanh, in Tân Cương)."""
    client.force_login(seller_user)
    client.seller = seller_user.partners.get()
    return client


@pytest.fixture
def other_seller_client(make_seller, django_user_model, product_types, tea_category):
    user = django_user_model.objects.create_user("mien@example.vn", "mat-khau-mien")
    seller = make_seller(name="Hộ kinh doanh Miến Dong", commune="Xã Đại Từ")
    seller.users.add(user)
    other = Client()
    other.force_login(user)
    other.seller = seller
    return other
