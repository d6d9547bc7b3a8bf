from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.reviews.forms import ProductReviewForm as OscarProductReviewForm
from oscar.apps.catalogue.reviews.forms import SortReviewsForm, VoteForm  # noqa: F401  (loaded by get_class)

SCORES = [(score, score) for score in range(1, 6)]


class ProductReviewForm(OscarProductReviewForm):
    """A buyer's review: 1 to 5 stars, a title and a text; always from a signed-in buyer."""

    score = forms.TypedChoiceField(
        label=_("Số sao"), choices=SCORES, coerce=int, widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn từ 1 đến 5 sao."),
                        "invalid_choice": _("Hãy chọn từ 1 đến 5 sao.")},
    )

    def __init__(self, product, *args, user=None, **kwargs):
        super().__init__(product, *args, user=user, **kwargs)
        self.fields["title"].label = _("Tiêu đề")
        self.fields["title"].error_messages["required"] = _("Hãy đặt tiêu đề cho đánh giá.")
        self.fields["body"].label = _("Nhận xét")
        self.fields["body"].error_messages["required"] = _("Hãy viết vài dòng về sản phẩm.")
        self.fields["title"].max_length = self.fields["title"].widget.attrs["maxlength"] = 120
        self.fields["body"].max_length = 3000

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Hãy đặt tiêu đề cho đánh giá."))
        return title

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Hãy viết vài dòng về sản phẩm."))
        return body


class ReportReviewForm(forms.Form):
    reason = forms.CharField(
        label=_("Vì sao đánh giá này cần được xem lại?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy cho biết đánh giá này sai ở đâu (ví dụ: quảng cáo, xúc phạm, "
                                      "không liên quan đến sản phẩm).")},
    )
