"""The public "apply to sell" form at /sellers/apply/: every bad input, nothing partial saved."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.test import Client
from django.urls import resolve, reverse

from geo_indications.models import Commune, Province
from sellers import validators
from sellers.applications import PROVINCE_STAFF_GROUP
from sellers.models import SellerApplication, SellerApplicationDocument
from tests.seller_fixtures import pdf_upload, png_upload

pytestmark = pytest.mark.usefixtures("eager_celery")

APPLY_URL = "/sellers/apply/"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def post(data):
        # Tests run inside a transaction: run the on-commit callbacks (the e-mail task) explicitly.
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(APPLY_URL, data)

    return post


def field_errors(response, field):
    return list(response.context["form"].errors.get(field, []))


def assert_nothing_saved(settings):
    assert SellerApplication.objects.count() == 0
    assert SellerApplicationDocument.objects.count() == 0
    assert not (settings.PRIVATE_MEDIA_ROOT / "seller-applications").exists()


def test_apply_is_routed_before_the_producer_page():
    assert reverse("sellers:apply") == APPLY_URL
    assert resolve(APPLY_URL).url_name == "apply"
    assert resolve("/sellers/htx-che-tan-cuong/").url_name == "producer"


def test_the_form_lists_the_default_provinces_communes_without_javascript(client, thai_nguyen, settings):
    settings.MARKETPLACE_PROVINCE_CODE = 19
    response = client.get(APPLY_URL)
    assert response.status_code == 200
    commune_field = response.context["form"]["commune"]
    assert [label for value, label in commune_field.field.widget.choices] == [
        "— Chọn xã/phường —", "Phường Gia Sàng", "Xã Đại Từ", "Xã Tân Cương",
    ]
    assert '<option value="19" selected>Tỉnh Thái Nguyên</option>' in response.content.decode()
    assert 'src="/static/geo_indications/communes.js"' in response.content.decode()


def test_a_valid_application_is_stored_normalised_with_its_documents_and_acknowledged(
    post, application_data, thai_nguyen, mailoutbox
):
    _, communes = thai_nguyen
    response = post(application_data())
    assert response.status_code == 302
    assert response["Location"] == "/sellers/apply/sent/"
    application = SellerApplication.objects.get()
    assert application.status == SellerApplication.Status.SUBMITTED
    assert application.name == "Hợp tác xã Chè Tân Cương Xanh"
    assert application.tax_code == "0100109106"
    assert application.phone == "+84912345678"
    assert application.email == "htx.tancuongxanh@example.vn"
    assert application.commune == communes["Xã Tân Cương"]
    assert application.bank_bin == "970405"
    assert application.bank_account_number == "8800205012345"
    assert application.bank_account_name == "HOP TAC XA CHE TAN CUONG XANH"
    assert application.consented_at is not None
    documents = list(application.documents.all())
    assert [(d.kind, d.original_name) for d in documents] == [
        ("pdf", "giay-dang-ky.pdf"), ("image", "giay-chung-nhan.png"),
    ]
    assert documents[0].file.read().startswith(b"%PDF-")
    assert documents[1].file.name.startswith("seller-applications/")
    assert documents[1].file.name.endswith(".png")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["htx.tancuongxanh@example.vn"]
    assert mailoutbox[0].subject == (
        "Sàn OCOP Thái Nguyên: đã nhận hồ sơ đăng ký bán hàng của Hợp tác xã Chè Tân Cương Xanh"
    )
    assert "Hồ sơ có 2 giấy tờ kèm theo." in mailoutbox[0].body
    application.refresh_from_db()
    assert application.received_email_sent_at is not None


def test_a_tax_code_with_a_wrong_check_digit_is_refused_and_the_form_keeps_what_was_typed(
    post, application_data, settings, mailoutbox
):
    response = post(application_data(tax_code="0100109105"))
    assert response.status_code == 200
    assert field_errors(response, "tax_code") == [
        "Mã số thuế 0100109105 sai chữ số kiểm tra. Hãy xem lại từng chữ số trên giấy đăng ký thuế."
    ]
    page = response.content.decode()
    assert 'value="0100109105"' in page
    assert 'value="Hợp tác xã Chè  Tân Cương Xanh"' in page
    assert 'value="0912 345 678"' in page
    assert "Hồ sơ chưa gửi được. Hãy sửa các ô báo đỏ bên dưới rồi gửi lại." in page
    assert_nothing_saved(settings)
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("010010910",
         "Mã số thuế 010010910 có 9 chữ số; mã đúng có 10 chữ số, chi nhánh thêm dấu - và 3 chữ số "
         "(ví dụ 0100109106-001)."),
        ("01001O9106",
         "Mã số thuế 01001O9106 không hợp lệ: chỉ gồm chữ số, dấu cách, dấu chấm hoặc dấu gạch ngang."),
    ],
)
def test_a_malformed_tax_code_is_refused_with_what_is_wrong(post, application_data, settings, typed, message):
    response = post(application_data(tax_code=typed))
    assert field_errors(response, "tax_code") == [message]
    assert_nothing_saved(settings)


def test_tax_codes_are_normalised_from_spaces_dots_and_a_branch_suffix():
    assert validators.normalise_tax_code(" 0100.109.106 ") == "0100109106"
    assert validators.normalise_tax_code("0100109106 - 001") == "0100109106-001"


def test_a_tax_code_that_already_has_a_shop_is_refused(post, application_data, make_seller, settings):
    seller = make_seller()
    seller.tax_code = "0100109106"
    seller.save()
    response = post(application_data())
    assert field_errors(response, "tax_code") == [
        "Mã số thuế 0100109106 đã có gian hàng trên sàn. Hãy liên hệ cán bộ tỉnh nếu cần hỗ trợ."
    ]
    assert_nothing_saved(settings)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("0912345678", "+84912345678"), ("84912345678", "+84912345678"), ("+84 912 345 678", "+84912345678"),
     ("0208 385 5123", "+842083855123")],
)
def test_vietnamese_phone_numbers_are_stored_in_e164(typed, stored):
    assert validators.normalise_phone(typed) == stored


def test_a_foreign_phone_number_is_refused(post, application_data, settings):
    response = post(application_data(phone="+1 202 555 0123"))
    assert field_errors(response, "phone") == [
        "Số điện thoại +1 202 555 0123 không phải số Việt Nam. "
        "Hãy dùng số di động hoặc số cố định trong nước."
    ]
    assert_nothing_saved(settings)


def test_a_phone_number_that_is_too_short_is_refused(post, application_data):
    response = post(application_data(phone="0912 345"))
    assert field_errors(response, "phone") == [
        "Số điện thoại 0912 345 không đúng: số di động có 10 chữ số (ví dụ 0912 345 678), "
        "số cố định có mã vùng (ví dụ 0208 385 5123)."
    ]


def test_a_commune_of_another_province_is_refused_without_javascript(
    post, application_data, thai_nguyen, settings
):
    phu_tho = Province.objects.create(code=25, name="Tỉnh Phú Thọ", division_type="tỉnh", codename="phu_tho")
    Commune.objects.create(
        code=9000, province=phu_tho, name="Xã Thanh Sơn", division_type="xã", codename="xa_thanh_son"
    )
    # The person changed the province but the commune list still showed Thái Nguyên's.
    response = post(application_data(province="25"))
    assert field_errors(response, "commune") == [
        "Xã Tân Cương không thuộc Tỉnh Phú Thọ. Hãy chọn lại xã/phường trong danh sách của Tỉnh Phú Thọ."
    ]
    # The page now lists the communes of the province that was chosen.
    assert [label for _, label in response.context["form"]["commune"].field.widget.choices] == [
        "— Chọn xã/phường —", "Xã Thanh Sơn",
    ]
    assert_nothing_saved(settings)


def test_the_communes_endpoint_feeds_the_dependent_select(client, thai_nguyen):
    response = client.get("/dia-ban/xa-phuong/", {"tinh": "19"})
    assert response.status_code == 200
    assert response.json() == {"communes": [
        {"code": 5501, "name": "Phường Gia Sàng"},
        {"code": 5502, "name": "Xã Đại Từ"},
        {"code": 5500, "name": "Xã Tân Cương"},
    ]}
    assert client.get("/dia-ban/xa-phuong/", {"tinh": "x"}).status_code == 400


def test_a_file_named_pdf_that_is_not_a_pdf_is_refused(post, application_data, settings):
    disguised = pdf_upload("giay-phep.pdf", b"MZ\x90\x00 this is a Windows program, not a PDF")
    response = post(application_data(documents=[disguised]))
    assert field_errors(response, "documents") == [
        "Tệp giay-phep.pdf có đuôi .pdf nhưng nội dung không phải PDF. "
        "Hãy xuất lại tệp PDF hoặc chụp ảnh giấy tờ."
    ]
    assert_nothing_saved(settings)


def test_a_file_that_is_neither_pdf_nor_image_is_refused(post, application_data, settings):
    text = pdf_upload("ghi-chu.txt", b"chi la van ban")
    response = post(application_data(documents=[pdf_upload(), text]))
    assert field_errors(response, "documents") == [
        "Tệp ghi-chu.txt không phải PDF hay ảnh. Hãy tải tệp PDF hoặc ảnh chụp JPEG, PNG, WebP."
    ]
    assert_nothing_saved(settings)


def test_a_pdf_over_10_mb_is_refused(post, application_data, settings):
    big = pdf_upload("ban-scan.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024))
    response = post(application_data(documents=[big]))
    assert field_errors(response, "documents") == [
        "Tệp ban-scan.pdf quá lớn (10.0 MB). Mỗi tệp PDF tối đa 10 MB."
    ]
    assert_nothing_saved(settings)


def test_a_photo_too_small_to_read_is_refused(post, application_data):
    response = post(application_data(documents=[png_upload("anh.png", size=(120, 90))]))
    assert field_errors(response, "documents") == [
        "Tệp anh.png: Ảnh quá nhỏ (120×90). Cạnh ngắn nhất cần từ 200 điểm ảnh trở lên."
    ]


def test_at_least_one_and_at_most_five_documents(post, application_data, settings):
    none = post(application_data(documents=None))
    assert field_errors(none, "documents") == ["Hãy gửi kèm ít nhất một giấy tờ (PDF hoặc ảnh chụp)."]
    six = post(application_data(documents=[pdf_upload(f"{n}.pdf") for n in range(6)]))
    assert field_errors(six, "documents") == ["Bạn đã chọn 6 tệp; chỉ gửi được tối đa 5 tệp."]
    assert_nothing_saved(settings)


def test_consent_is_required(post, application_data, settings):
    response = post(application_data(consent=None))
    assert field_errors(response, "consent") == ["Hãy đánh dấu ô cam đoan và đồng ý để gửi hồ sơ."]
    assert_nothing_saved(settings)


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("bank_account_number", "12345", "Số tài khoản 12345 không hợp lệ: chỉ gồm chữ số, từ 6 đến 19 số."),
        ("bank_account_name", "HTX số 1", "Tên chủ tài khoản HTX số 1 chỉ được có chữ cái và dấu cách, "
                                          "đúng như in trên thẻ ngân hàng."),
        ("bank_bin", "999999", "Ngân hàng đã chọn không có trong danh sách."),
    ],
)
def test_a_bad_bank_account_is_refused(post, application_data, settings, field, typed, message):
    response = post(application_data(**{field: typed}))
    assert field_errors(response, field) == [message]
    assert_nothing_saved(settings)


def test_a_second_pending_application_for_the_same_email_is_refused(
    post, application_data, submitted_application
):
    submitted_application(email="htx.tancuongxanh@example.vn")
    response = post(application_data())
    assert field_errors(response, "email") == [
        "Đã có hồ sơ đăng ký với email htx.tancuongxanh@example.vn đang chờ duyệt. "
        "Kết quả sẽ được gửi về email này."
    ]
    assert SellerApplication.objects.count() == 1


@pytest.mark.parametrize("staff", ["superuser", "province staff"])
def test_an_email_of_a_staff_login_is_refused_without_saying_whose_it_is(
    post, application_data, settings, django_user_model, staff
):
    if staff == "superuser":
        django_user_model.objects.create_superuser("htx.tancuongxanh@example.vn", "x")
    else:
        user = django_user_model.objects.create_user("HTX.TanCuongXanh@example.vn", "x")
        user.groups.add(Group.objects.get(name=PROVINCE_STAFF_GROUP))

    response = post(application_data())

    # The same words whoever the address belongs to: a stranger cannot tell a staff address from it.
    assert field_errors(response, "email") == [
        "Không dùng được email này để đăng ký bán hàng. Hãy dùng một địa chỉ email khác."]
    assert_nothing_saved(settings)


def test_an_email_of_a_buyer_may_apply(post, application_data, django_user_model):
    django_user_model.objects.create_user("htx.tancuongxanh@example.vn", "x")
    assert post(application_data()).status_code == 302
    assert SellerApplication.objects.count() == 1


def test_submissions_are_rate_limited_per_address(post, application_data, settings):
    for _ in range(10):
        assert post(application_data(consent=None)).status_code == 200
    response = post(application_data())
    assert response.status_code == 429
    assert list(response.context["form"].non_field_errors()) == [
        "Đã có quá nhiều lần gửi hồ sơ từ mạng của bạn trong một giờ qua (tối đa 10 lần). "
        "Thông tin bạn nhập vẫn còn trên trang: hãy đợi khoảng một giờ rồi bấm gửi lại."
    ]
    assert 'value="0912 345 678"' in response.content.decode()
    assert_nothing_saved(settings)


def test_the_form_is_csrf_protected(application_data, settings):
    client = Client(enforce_csrf_checks=True)
    response = client.post(APPLY_URL, application_data())
    assert response.status_code == 403
    assert_nothing_saved(settings)


def test_the_account_holder_name_is_folded_to_bank_style():
    assert validators.normalise_account_name("  Nguyễn Thị Hoà ") == "NGUYEN THI HOA"
    assert validators.normalise_account_name("Đặng Văn Đức") == "DANG VAN DUC"
    with pytest.raises(ValidationError):
        validators.normalise_account_name("Nguyễn 2")



def test_a_failure_while_storing_leaves_no_partial_application(
    client, application_data, mailoutbox, monkeypatch, settings
):
    # The database refuses the second document after the application and the first were written.
    real_save = SellerApplicationDocument.save
    saved = []

    def save_then_fail(document, *args, **kwargs):
        saved.append(document.original_name)
        if len(saved) == 2:
            raise DatabaseError("ổ đĩa đầy")
        return real_save(document, *args, **kwargs)

    monkeypatch.setattr(SellerApplicationDocument, "save", save_then_fail)
    with pytest.raises(DatabaseError):
        client.post(APPLY_URL, application_data())
    assert saved == ["giay-dang-ky.pdf", "giay-chung-nhan.png"]
    assert SellerApplication.objects.count() == 0
    assert SellerApplicationDocument.objects.count() == 0
    assert list((settings.PRIVATE_MEDIA_ROOT / "seller-applications").iterdir()) == []
    assert mailoutbox == []
