"""Builders for seller applications and the people who review them (pytest plugin, see conftest.py)."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from marketplace import celery_app
from sellers import applications

VALID_TAX_CODE = "0100109106"
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name="giay-dang-ky.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_upload(name="giay-chung-nhan.png", size=(400, 300)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 180, 120)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def eager_celery():
    # Even when CI configures a broker, tests that read the outbox run tasks in-process.
    was = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = was


@pytest.fixture
def application_data(thai_nguyen):
    """What a cooperative in Tân Cương types into the form, as POST data."""
    province, communes = thai_nguyen

    def data(**changes):
        values = {
            "kind": "htx",
            "name": "Hợp tác xã Chè  Tân Cương Xanh",
            "registration_number": "4600123456",
            "tax_code": "0100 109.106",
            "representative": "Nguyễn Thị Hoà",
            "phone": "0912 345 678",
            "email": "HTX.TanCuongXanh@example.vn",
            "province": str(province.code),
            "commune": str(communes["Xã Tân Cương"].code),
            "street_address": "Xóm Hồng Thái 2",
            "bank_bin": "970405",
            "bank_account_number": "8800 2050 12345",
            "bank_account_name": "Hợp tác xã Chè Tân Cương Xanh",
            "documents": [pdf_upload(), png_upload()],
            "consent": "on",
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value is not None}

    return data


@pytest.fixture
def submitted_application(thai_nguyen):
    """An application as the form stores it, without going through the form."""
    _, communes = thai_nguyen
    commune = communes["Xã Tân Cương"]

    def make(email="htx.tancuongxanh@example.vn", name="Hợp tác xã Chè Tân Cương Xanh"):
        return applications.submit(
            {
                "kind": "htx", "name": name, "registration_number": "4600123456", "tax_code": VALID_TAX_CODE,
                "representative": "Nguyễn Thị Hoà", "phone": "+84912345678", "email": email,
                "province": commune.province, "commune": commune, "street_address": "Xóm Hồng Thái 2",
                "bank_bin": "970405", "bank_account_number": "8800205012345",
                "bank_account_name": "HOP TAC XA CHE TAN CUONG XANH",
            },
            [("pdf", pdf_upload(), "giay-dang-ky.pdf")],
        )

    return make


@pytest.fixture
def province_staff(django_user_model):
    """A member of "Cán bộ tỉnh", whose permissions come from the partner data migration."""
    user = django_user_model.objects.create_user("canbo@example.vn", "mat-khau-can-bo")
    user.groups.add(Group.objects.get(name=applications.PROVINCE_STAFF_GROUP))
    return user


@pytest.fixture
def seller_user(make_seller, django_user_model):
    user = django_user_model.objects.create_user("nguoiban@example.vn", "mat-khau-nguoi-ban")
    make_seller().users.add(user)
    return user

