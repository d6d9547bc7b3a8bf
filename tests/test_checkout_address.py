"""The checkout's Vietnamese address: guest e-mail, province then commune/ward, a Vietnamese phone;
the places endpoint the form's script reads; the address book shares the form."""

import pytest

from geo_indications.models import Commune, Province

pytestmark = pytest.mark.django_db
ADDRESS_URL = "/checkout/shipping-address/"


@pytest.fixture
def phu_tho(db):
    province = Province.objects.create(code=25, name="Tỉnh Phú Thọ", division_type="tỉnh", codename="phu_tho")
    Commune.objects.create(code=7000, province=province, name="Xã Thanh Sơn", division_type="xã",
                           codename="xa_thanh_son")
    return province


@pytest.fixture
def guest_at_address(client, make_seller, make_product):
    """A guest with a basket who has given an e-mail and reached the address step."""
    client.post(f"/basket/add/{make_product(make_seller()).pk}/", {"quantity": 1})
    response = client.post("/checkout/", {"username": "khach@example.vn", "options": "anonymous"})
    assert response.status_code == 302 and response.url == ADDRESS_URL
    return client


def address(thai_nguyen, **changes):
    province, communes = thai_nguyen
    data = {"last_name": "Nguyễn  Văn An", "phone_number": "0912 345 678", "province": str(province.pk),
            "commune": str(communes["Phường Gia Sàng"].pk), "line1": "Số 5, đường Z115", "notes": ""}
    data.update(changes)
    return data


def errors(response, field):
    return [str(error) for error in response.context["form"].errors.get(field, [])]


def test_the_places_endpoint_lists_a_provinces_communes_in_vietnamese_order(client, thai_nguyen):
    response = client.get("/dia-ban/xa-phuong/", {"tinh": "19"})
    assert response.status_code == 200
    assert response.json() == {"communes": [
        {"code": 5501, "name": "Phường Gia Sàng"}, {"code": 5502, "name": "Xã Đại Từ"},
        {"code": 5500, "name": "Xã Tân Cương"},
    ]}


def test_the_places_endpoint_refuses_a_missing_or_unknown_province(client, thai_nguyen):
    assert client.get("/dia-ban/xa-phuong/").json() == {"error": "Thiếu mã tỉnh (tinh=…)."}
    response = client.get("/dia-ban/xa-phuong/", {"tinh": "99"})
    assert (response.status_code, response.json()) == (404, {"error": "Không có tỉnh mã 99."})


def test_the_old_application_endpoint_is_gone(client, thai_nguyen):
    assert client.get("/sellers/apply/communes/", {"province": "19"}).status_code == 404


def test_a_guest_gives_an_email_then_a_vietnamese_address(guest_at_address, thai_nguyen):
    page = guest_at_address.get(ADDRESS_URL)
    assert [label for _, label in page.context["form"]["commune"].field.widget.choices] == [
        "— Chọn xã/phường —", "Phường Gia Sàng", "Xã Đại Từ", "Xã Tân Cương",
    ]
    assert 'data-communes-url="/dia-ban/xa-phuong/"' in page.content.decode()
    response = guest_at_address.post(ADDRESS_URL, address(thai_nguyen))
    assert response.status_code == 302
    fields = guest_at_address.session["checkout_data"]["shipping"]["new_address_fields"]
    assert (fields["last_name"], fields["phone_number"], fields["line1"]) == (
        "Nguyễn Văn An", "+84 912 345 678", "Số 5, đường Z115"
    )
    assert (fields["commune_id"], fields["line4"], fields["state"], fields["country_id"]) == (
        5501, "Phường Gia Sàng", "Tỉnh Thái Nguyên", "VN"
    )
    assert guest_at_address.session["checkout_data"]["guest"]["email"] == "khach@example.vn"


def test_going_back_to_the_address_shows_what_was_chosen(guest_at_address, thai_nguyen):
    guest_at_address.post(ADDRESS_URL, address(thai_nguyen))
    form = guest_at_address.get(ADDRESS_URL).context["form"]
    assert (form["province"].value(), form["commune"].value()) == (19, 5501)


def test_a_commune_of_another_province_is_refused(guest_at_address, thai_nguyen, phu_tho):
    response = guest_at_address.post(ADDRESS_URL, address(thai_nguyen, province=str(phu_tho.pk)))
    assert response.status_code == 200
    assert errors(response, "commune") == [
        "Phường Gia Sàng không thuộc Tỉnh Phú Thọ. Hãy chọn lại xã/phường trong danh sách của Tỉnh Phú Thọ."
    ]
    # Without JavaScript, the list now holds the chosen province's communes.
    assert [label for _, label in response.context["form"]["commune"].field.widget.choices] == [
        "— Chọn xã/phường —", "Xã Thanh Sơn",
    ]
    assert "new_address_fields" not in guest_at_address.session["checkout_data"].get("shipping", {})


@pytest.mark.parametrize(("phone", "message"), [
    ("12345", "Số điện thoại 12345 không đúng: số di động có 10 chữ số (ví dụ 0912 345 678), "
              "số cố định có mã vùng (ví dụ 0208 385 5123)."),
    ("+33 6 12 34 56 78", "Số điện thoại +33 6 12 34 56 78 không phải số Việt Nam. "
                          "Hãy dùng số di động hoặc số cố định trong nước."),
    ("", "Hãy ghi số điện thoại người nhận."),
])
def test_a_bad_phone_is_refused_in_vietnamese(guest_at_address, thai_nguyen, phone, message):
    response = guest_at_address.post(ADDRESS_URL, address(thai_nguyen, phone_number=phone))
    assert errors(response, "phone_number") == [message]


def test_missing_fields_are_named(guest_at_address, thai_nguyen):
    response = guest_at_address.post(ADDRESS_URL, address(thai_nguyen, commune="", line1=" ", last_name=""))
    assert errors(response, "commune") == ["Hãy chọn xã/phường."]
    assert errors(response, "line1") == ["Hãy ghi số nhà, đường hoặc thôn/xóm."]
    assert errors(response, "last_name") == ["Hãy ghi họ tên người nhận hàng."]


def test_the_address_book_uses_the_same_form(client, django_user_model, thai_nguyen, phu_tho):
    user = django_user_model.objects.create_user("an@example.vn", "pw-an-123456")
    client.force_login(user)
    response = client.post("/accounts/addresses/add/", address(thai_nguyen, province=str(phu_tho.pk)))
    assert errors(response, "commune")[0].startswith("Phường Gia Sàng không thuộc Tỉnh Phú Thọ.")
    response = client.post("/accounts/addresses/add/", address(thai_nguyen))
    assert response.status_code == 302
    saved = user.addresses.get()
    assert (saved.commune_id, saved.line4, saved.state, str(saved.phone_number)) == (
        5501, "Phường Gia Sàng", "Tỉnh Thái Nguyên", "+84912345678"
    )
