from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView
from oscar.apps.catalogue.reviews import views as oscar_views

from catalog.reviews import moderation
from catalog.reviews.eligibility import review_refusal
from catalog.reviews.forms import ReportReviewForm
from catalog.reviews.models import ProductReview

AddVoteView = oscar_views.AddVoteView
ProductReviewList = oscar_views.ProductReviewList


class CreateProductReview(oscar_views.CreateProductReview):
    """Only a buyer who received the product reviews it, once; the review waits for moderation."""

    def dispatch(self, request, *args, **kwargs):
        self.product = get_object_or_404(self.product_model, pk=kwargs["product_pk"], is_public=True)
        refusal = review_refusal(self.product, request.user)
        if refusal is not None:
            messages.warning(request, refusal)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return redirect(self.product.get_absolute_url())
        # Skip Oscar's own check (anonymous reviews, its English messages): ours is above.
        return super(oscar_views.CreateProductReview, self).dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except IntegrityError:
            # Two submissions at once: the database keeps one review per buyer and product.
            messages.warning(self.request, _("Bạn đã đánh giá sản phẩm này rồi: mỗi người mua đánh giá một lần."))
            return redirect(self.product.get_absolute_url())

    def get_success_url(self):
        messages.success(self.request, _("Cảm ơn bạn! Đánh giá sẽ hiện sau khi cán bộ tỉnh duyệt."))
        return self.product.get_absolute_url()


class ProductReviewDetail(oscar_views.ProductReviewDetail):
    """An approved review of this product; others are not public."""

    def get_queryset(self):
        return ProductReview.objects.approved().filter(product_id=self.kwargs["product_pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("report_form", ReportReviewForm())
        return context


class ReportReview(FormView):
    """A signed-in buyer reports a shown review to province staff."""

    form_class = ReportReviewForm
    template_name = "oscar/catalogue/reviews/review_detail.html"
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        self.review = get_object_or_404(
            ProductReview.objects.approved().select_related("product"),
            pk=kwargs["pk"], product_id=kwargs["product_pk"], product__is_public=True,
        )
        if not request.user.is_authenticated:
            messages.warning(request, _("Hãy đăng nhập để báo cáo đánh giá."))
            return redirect_to_login(self.review.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            moderation.report(self.review, self.request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Cảm ơn bạn: cán bộ tỉnh sẽ xem lại đánh giá này."))
        return redirect(self.review.get_absolute_url())

    def form_invalid(self, form):
        return self.render_to_response({
            "review": self.review, "object": self.review, "product": self.review.product, "report_form": form,
        })

