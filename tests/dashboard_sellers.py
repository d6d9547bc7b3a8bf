"""Sellers who can sign in to the dashboard, as sellers.applications.approve makes them (pytest plugin
for the seller dashboard tests: import the fixtures you need into the test module)."""

import pytest
from django.contrib.auth.models import Permission

PASSWORD = "mat-khau-nguoi-ban"


def give_dashboard_access(user):
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )


@pytest.fixture
def seller_account(make_seller, django_user_model):
    """make(name, email) → (seller, user): an active seller whose login has dashboard access."""

    def make(name="HTX Chè Tân Cương Xanh", email="htx.xanh@example.vn", commune="Xã Tân Cương"):
        seller = make_seller(name=name, commune=commune)
        user = django_user_model.objects.create_user(email, PASSWORD)
        seller.users.add(user)
        give_dashboard_access(user)
        return seller, user

    return make


@pytest.fixture
def seller_a(seller_account):
    return seller_account()


@pytest.fixture
def seller_b(seller_account):
    return seller_account(name="Hộ kinh doanh Miến Dong Na Rì", email="mien.nari@example.vn",
                          commune="Xã Đại Từ")
