"""The public "apply to sell" form and the staff's rejection form."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from geo_indications.models import Commune, Province
from geo_indications.places import communes_in
from sellers import applications, validators
from sellers.banks import BANK_CHOICES
from sellers.models import Partner, SellerApplication

MIN_DOCUMENTS, MAX_DOCUMENTS = 1, 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """One to five files; each is checked by its bytes (see validators.checked_document)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data or []) if upload] if isinstance(data, list | tuple) else (
            [data] if data else []
        )
        if len(uploads) < MIN_DOCUMENTS:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(uploads) > MAX_DOCUMENTS:
            raise ValidationError(
                _("Bạn đã chọn %(n)s tệp; chỉ gửi được tối đa %(max)s tệp.")
                % {"n": len(uploads), "max": MAX_DOCUMENTS},
                code="too_many",
            )
        documents, errors = [], []
        for upload in uploads:
            try:
                kind, checked = validators.checked_document(upload)
            except ValidationError as error:
                errors.append(error)
            else:
                documents.append((kind, checked, upload.name or ""))
        if errors:
            raise ValidationError(errors)
        return documents


class BankAccountForm(forms.Form):
    """A Vietnamese bank account, typed as people copy it: a seller's for its sales, a buyer's for a
    refund. Subclasses may relabel the fields."""

    bank_bin = forms.ChoiceField(
        label=_("Ngân hàng"), choices=[("", _("— Chọn ngân hàng —")), *BANK_CHOICES],
        error_messages={"required": _("Hãy chọn ngân hàng."),
                        "invalid_choice": _("Ngân hàng đã chọn không có trong danh sách.")},
    )
    bank_account_number = forms.CharField(
        label=_("Số tài khoản"), max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Hãy ghi số tài khoản ngân hàng.")},
    )
    bank_account_name = forms.CharField(
        label=_("Tên chủ tài khoản"), max_length=100,
        help_text=_("Như in trên thẻ, ví dụ HOP TAC XA CHE TAN CUONG. Có dấu cũng được, sàn tự bỏ dấu."),
        error_messages={"required": _("Hãy ghi tên chủ tài khoản.")},
    )

    def clean_bank_account_number(self):
        return validators.normalise_account_number(self.cleaned_data["bank_account_number"])

    def clean_bank_account_name(self):
        return validators.normalise_account_name(self.cleaned_data["bank_account_name"])


class SellerApplicationForm(BankAccountForm):
    kind = forms.ChoiceField(
        label=_("Loại hình"), choices=Partner.Kind.choices, widget=forms.RadioSelect,
        error_messages={
            "required": _("Hãy chọn loại hình: hợp tác xã, tổ hợp tác, doanh nghiệp hay hộ kinh doanh."),
        },
    )
    name = forms.CharField(
        label=_("Tên cơ sở"), max_length=128,
        help_text=_("Ghi như trên giấy đăng ký, ví dụ: Hợp tác xã Chè Tân Cương."),
        error_messages={"required": _("Hãy ghi tên cơ sở sản xuất, kinh doanh.")},
    )
    registration_number = forms.CharField(
        label=_("Số giấy đăng ký kinh doanh hoặc đăng ký HTX"), max_length=40,
        help_text=_("Số in trên giấy chứng nhận đăng ký."),
        error_messages={"required": _("Hãy ghi số giấy chứng nhận đăng ký.")},
    )
    tax_code = forms.CharField(
        label=_("Mã số thuế"), max_length=24,
        help_text=_("10 chữ số; chi nhánh thêm dấu - và 3 chữ số, ví dụ 0100109106-001."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Hãy ghi mã số thuế.")},
    )
    representative = forms.CharField(
        label=_("Họ và tên người đại diện"), max_length=128,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Hãy ghi họ và tên người đại diện.")},
    )
    phone = forms.CharField(
        label=_("Số điện thoại"), max_length=24,
        help_text=_("Số di động hoặc cố định, ví dụ 0912 345 678."),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("Hãy ghi số điện thoại để cán bộ liên hệ.")},
    )
    email = forms.EmailField(
        label=_("Thư điện tử (email)"),
        help_text=_("Dùng để đăng nhập gian hàng và nhận kết quả duyệt hồ sơ."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Hãy ghi địa chỉ email."),
                        "invalid": _("Địa chỉ email chưa đúng, ví dụ đúng: htxchetancuong@gmail.com.")},
    )
    province = forms.ModelChoiceField(
        label=_("Tỉnh/thành phố"), queryset=Province.objects.all(), empty_label=_("— Chọn tỉnh —"),
        error_messages={"required": _("Hãy chọn tỉnh."),
                        "invalid_choice": _("Tỉnh đã chọn không có trong danh sách.")},
    )
    commune = forms.ModelChoiceField(
        label=_("Xã/phường"), queryset=Commune.objects.select_related("province"),
        empty_label=_("— Chọn xã/phường —"),
        help_text=_("Theo địa giới mới từ 1/7/2025 (không còn cấp huyện)."),
        error_messages={"required": _("Hãy chọn xã/phường."),
                        "invalid_choice": _("Xã/phường đã chọn không có trong danh sách.")},
    )
    street_address = forms.CharField(
        label=_("Thôn, xóm, số nhà"), max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        error_messages={"required": _("Hãy ghi thôn, xóm hoặc số nhà.")},
    )
    documents = DocumentsField(
        label=_("Giấy tờ kèm theo"),
        help_text=_("Từ 1 đến 5 tệp: giấy đăng ký kinh doanh hoặc HTX, giấy chứng nhận OCOP nếu có. "
                    "Tệp PDF (tối đa 10 MB) hoặc ảnh chụp rõ nét. Nếu trang báo lỗi, bạn cần chọn lại tệp."),
        widget=MultipleFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
        error_messages={"required": _("Hãy gửi kèm ít nhất một giấy tờ (PDF hoặc ảnh chụp).")},
    )
    consent = forms.BooleanField(
        label=_("Tôi cam đoan thông tin trên là đúng và đồng ý để sàn lưu giữ, dùng thông tin này "
                "để xét duyệt và thanh toán tiền bán hàng."),
        error_messages={"required": _("Hãy đánh dấu ô cam đoan và đồng ý để gửi hồ sơ.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bank_bin"].label = _("Ngân hàng nhận tiền bán hàng")
        self.fields["province"].initial = settings.MARKETPLACE_PROVINCE_CODE
        # Without JavaScript the commune list shows the chosen (or default) province's communes;
        # the field still accepts any commune so that a mismatch gets its own, clear message.
        province = self._chosen_province()
        options = communes_in(province) if province else []
        self.fields["commune"].widget.choices = [("", self.fields["commune"].empty_label), *options]
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
                continue
            css = "form-control-file" if isinstance(widget, forms.FileInput) else "form-control"
            widget.attrs["class"] = css

    def _chosen_province(self):
        value = self.data.get(self.add_prefix("province")) if self.is_bound else None
        value = value or self.fields["province"].initial
        return int(value) if str(value).isdigit() else None

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_representative(self):
        return " ".join(self.cleaned_data["representative"].split())

    def clean_street_address(self):
        return " ".join(self.cleaned_data["street_address"].split())

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        pending = SellerApplication.objects.filter(
            email__iexact=email, status=SellerApplication.Status.SUBMITTED
        )
        if pending.exists():
            raise ValidationError(
                _("Đã có hồ sơ đăng ký với email %(email)s đang chờ duyệt. Kết quả sẽ được gửi về email này.")
                % {"email": email},
                code="pending",
            )
        if applications.staff_login_uses(email):
            # The form is public: the refusal never says the address is a staff member's (a list of
            # those is worth phishing). That some address is refused is all a stranger learns, ten
            # tries an hour per network (sellers.views.APPLY_POSTS_PER_HOUR); approval refuses it too.
            raise ValidationError(
                _("Không dùng được email này để đăng ký bán hàng. Hãy dùng một địa chỉ email khác."),
                code="email_unusable",
            )
        return email

    def clean_registration_number(self):
        return validators.normalise_registration_number(self.cleaned_data["registration_number"])

    def clean_tax_code(self):
        tax_code = validators.normalise_tax_code(self.cleaned_data["tax_code"])
        if Partner.objects.filter(tax_code=tax_code).exists():
            raise ValidationError(
                _("Mã số thuế %(code)s đã có gian hàng trên sàn. Hãy liên hệ cán bộ tỉnh nếu cần hỗ trợ.")
                % {"code": tax_code},
                code="tax_code_taken",
            )
        return tax_code

    def clean_phone(self):
        return validators.normalise_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        province, commune = cleaned.get("province"), cleaned.get("commune")
        if province and commune and commune.province_id != province.pk:
            self.add_error("commune", ValidationError(
                _("%(commune)s không thuộc %(province)s. "
                  "Hãy chọn lại xã/phường trong danh sách của %(province)s.")
                % {"commune": commune.name, "province": province.name},
                code="commune_not_in_province",
            ))
        return cleaned

    def application_fields(self) -> dict:
        """The cleaned values as SellerApplication fields."""
        names = ["kind", "name", "registration_number", "tax_code", "representative", "phone", "email",
                 "province", "commune", "street_address",
                 "bank_bin", "bank_account_number", "bank_account_name"]
        return {name: self.cleaned_data[name] for name in names}


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do từ chối"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Người đăng ký sẽ nhận lý do này qua email: ghi rõ cần bổ sung hoặc sửa gì."),
        error_messages={"required": _("Hãy ghi lý do từ chối để người đăng ký biết cần sửa gì.")},
    )
